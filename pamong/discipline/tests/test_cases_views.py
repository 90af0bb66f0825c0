"""Case pages: the permission matrix of every page and step form, pinned query counts, PDFs and the Excel register."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from pamong.core.testing.matrix import check_matrix
from pamong.core.testing.personas import expectations
from pamong.discipline.choices import CaseStatus
from pamong.discipline.models import Case

from .test_cases_stages import (
    decide,
    deliver,
    delivered_case,
    examine,
    form_team,
    open_case,
    summon,
)

pytestmark = pytest.mark.django_db

#: Who sees a case of Citra Staf (asn, Dinas Pendidikan): the leadership, her OPD head and Asisten, BKPSDM, herself.
SEES_CITRA = {"bupati": 200, "sekda": 200, "asisten": 200, "kepala_opd": 200, "hr_admin": 200, "asn": 200}
#: Of those, who acts on it (summons, close, delivery): her superior and BKPSDM; the others are refused (403).
SEE_ONLY = {"bupati": 403, "sekda": 403, "asisten": 403, "asn": 403}


def berat_case_with_team(cast) -> Case:
    case = open_case(cast, level="berat")
    form_team(cast, case)
    return case


def test_matrix_of_the_register_and_export(cast):
    open_case(cast, level="ringan")
    for name in ("discipline:case_list", "discipline:case_export"):
        check_matrix(cast, "get", reverse(name), expectations(200, planner=403, anonymous=302))
    openers = {"kepala_opd": 200, "camat": 200, "hr_admin": 200, "other_tenant": 200}
    check_matrix(cast, "get", reverse("discipline:case_create"), expectations(403, anonymous=302, **openers))


def test_register_shows_each_persona_only_his_cases(cast):
    citra = berat_case_with_team(cast)
    dewi = open_case(cast, level="ringan", employee="asn_other_opd", persona="hr_admin")
    responses = check_matrix(
        cast, "get", reverse("discipline:case_list"), expectations(200, planner=403, anonymous=302)
    )

    def shows(persona: str) -> set[str]:
        body = responses[persona].content.decode()
        return {case.number for case in (citra, dewi) if case.number in body}

    assert shows("asn") == {citra.number}  # her own only
    assert shows("asn_other_opd") == {dewi.number}
    assert shows("kepala_opd") == {citra.number}  # his unit's only
    assert shows("camat") == set()
    assert shows("verifier") == {citra.number}  # the Inspektorat member sees the case of his team only
    assert shows("hr_admin") == {citra.number, dewi.number}
    assert shows("asisten") == {citra.number}  # Asisten I: Disdik, not Dinkes
    assert shows("other_tenant") == set()


def test_matrix_of_the_detail_page_and_the_team_member(cast):
    without_team = open_case(cast, level="sedang")
    check_matrix(
        cast,
        "get",
        reverse("discipline:case_detail", args=[without_team.pk]),
        expectations(404, anonymous=302, **SEES_CITRA),
    )
    with_team = berat_case_with_team(cast)
    check_matrix(
        cast,
        "get",
        reverse("discipline:case_detail", args=[with_team.pk]),
        expectations(404, anonymous=302, verifier=200, **SEES_CITRA),
    )


def test_matrix_of_the_step_forms(cast):
    case = berat_case_with_team(cast)
    acts = {"kepala_opd": 200, "hr_admin": 200}
    seen = {**SEE_ONLY, "verifier": 403}
    for name in ("discipline:case_summons", "discipline:case_close"):
        check_matrix(cast, "get", reverse(name, args=[case.pk]), expectations(404, anonymous=302, **seen, **acts))
    check_matrix(
        cast,
        "get",
        reverse("discipline:case_team", args=[case.pk]),
        expectations(404, anonymous=302, **seen, kepala_opd=403, hr_admin=200),
    )
    summon(cast, case)
    # A team exists: its members (and BKPSDM) examine; the superior takes part as a member.
    check_matrix(
        cast,
        "get",
        reverse("discipline:case_examination", args=[case.pk]),
        expectations(404, anonymous=302, **SEE_ONLY, verifier=200, kepala_opd=200, hr_admin=200),
    )
    check_matrix(
        cast,
        "get",
        reverse("discipline:case_missed", args=[case.pk]),
        expectations(404, anonymous=302, **seen, **acts),
    )
    examine(cast, case)
    # Berat: the PPK decides, so only BKPSDM records the decision.
    check_matrix(
        cast,
        "get",
        reverse("discipline:case_decision", args=[case.pk]),
        expectations(404, anonymous=302, **seen, kepala_opd=403, hr_admin=200),
    )
    decide(cast, case)
    check_matrix(
        cast,
        "get",
        reverse("discipline:case_delivery", args=[case.pk]),
        expectations(404, anonymous=302, **seen, **acts),
    )
    deliver(cast, case)
    check_matrix(
        cast,
        "get",
        reverse("discipline:case_appeal", args=[case.pk]),
        expectations(404, anonymous=302, **{**seen, "asn": 200}, kepala_opd=403, hr_admin=200),
    )


def test_a_step_the_state_does_not_allow_returns_to_the_case(cast):
    case = open_case(cast, level="sedang")
    response = cast.client_for("hr_admin").get(reverse("discipline:case_delivery", args=[case.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("discipline:case_detail", args=[case.pk])


def test_matrix_of_posting_a_summons(cast):
    case = open_case(cast, level="sedang")
    data = {
        "letter_number": "800/1",
        "issued_on": "2026-10-05",
        "received_on": "2026-10-05",
        "exam_on": "2026-10-14",
        "exam_place": "Ruang rapat",
    }
    check_matrix(
        cast,
        "post",
        reverse("discipline:case_summons", args=[case.pk]),
        expectations(404, anonymous=302, **SEE_ONLY, kepala_opd=302, hr_admin=302),
        data=data,
        content_type=None,
    )


def test_a_summons_too_soon_is_shown_on_the_form_with_its_rule(cast):
    case = open_case(cast, level="sedang")
    response = cast.client_for("kepala_opd").post(
        reverse("discipline:case_summons", args=[case.pk]),
        {
            "letter_number": "800/1",
            "issued_on": "2026-10-05",
            "received_on": "2026-10-05",
            "exam_on": "2026-10-09",
            "exam_place": "Ruang rapat",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "terlalu dekat" in body and "PP 94/2021 Pasal 26–37" in body
    case.refresh_from_db()
    assert case.status == CaseStatus.OPENED


def test_opening_a_case_from_the_form(cast):
    client = cast.client_for("kepala_opd")
    response = client.post(
        reverse("discipline:case_create"),
        {
            "nip": cast.employees["asn"].nip,
            "level": "ringan",
            "summary": "Sidak 3 Nov: tidak di tempat.",
            "violation_1": "4f",
            "occurred_from": "2026-11-03",
        },
    )
    case = Case.objects.get(employee=cast.employees["asn"])
    assert response.status_code == 302 and response["Location"] == reverse("discipline:case_detail", args=[case.pk])
    assert [v.code for v in case.violations.all()] == ["4f"]


def test_detail_shows_only_the_next_steps(cast):
    case = open_case(cast, level="sedang")
    body = cast.client_for("kepala_opd").get(reverse("discipline:case_detail", args=[case.pk])).content.decode()
    assert 'data-testid="step-summons"' in body and 'data-testid="step-close"' in body
    assert 'data-testid="step-decision"' not in body and 'data-testid="step-team"' not in body
    body = cast.client_for("asn").get(reverse("discipline:case_detail", args=[case.pk])).content.decode()
    assert 'data-testid="case-actions"' not in body  # the examinee reads, he does not act


def test_pinned_queries_of_the_register(cast, django_assert_num_queries):
    for employee, persona in (("asn", "kepala_opd"), ("asn_other_opd", "hr_admin"), ("camat", "hr_admin")):
        open_case(cast, level="ringan", employee=employee, persona=persona)
    delivered_case(cast)
    client = cast.client_for("hr_admin")
    client.get(reverse("discipline:case_list"))
    with django_assert_num_queries(10):
        response = client.get(reverse("discipline:case_list"))
    assert response.status_code == 200 and response.content.decode().count('data-testid="case-row-') == 4


def test_pinned_queries_of_the_detail_page(cast, django_assert_num_queries):
    case = berat_case_with_team(cast)
    summon(cast, case)
    examine(cast, case)
    decide(cast, case)
    deliver(cast, case)
    client = cast.client_for("hr_admin")
    url = reverse("discipline:case_detail", args=[case.pk])
    client.get(url)
    with django_assert_num_queries(14):
        assert client.get(url).status_code == 200


def test_the_letters_as_pdf_in_scope_only(cast):
    case = berat_case_with_team(cast)
    summon(cast, case)
    examine(cast, case, refused_to_sign=True, refusal_note="Menolak tanpa alasan")
    decide(cast, case)
    urls = [
        reverse("discipline:summons_pdf", args=[case.pk, 1]),
        reverse("discipline:bap_pdf", args=[case.pk]),
        reverse("discipline:decision_pdf", args=[case.pk]),
    ]
    for url in urls:
        responses = check_matrix(cast, "get", url, expectations(404, anonymous=302, verifier=200, **SEES_CITRA))
        content = responses["hr_admin"].content
        assert content.startswith(b"%PDF")
        assert responses["hr_admin"]["Content-Type"] == "application/pdf"
    assert cast.client_for("hr_admin").get(reverse("discipline:summons_pdf", args=[case.pk, 2])).status_code == 404


def test_pdf_text_names_the_examinee(cast):
    from pypdf import PdfReader

    case = delivered_case(cast)
    content = cast.client_for("hr_admin").get(reverse("discipline:decision_pdf", args=[case.pk])).content
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "Citra Staf" in text and "Penundaan kenaikan gaji berkala" in text


def test_excel_register_has_the_rows_in_scope(cast):
    open_case(cast, level="ringan", employee="asn_other_opd", persona="hr_admin")
    delivered_case(cast)
    response = cast.client_for("kepala_opd").get(reverse("discipline:case_export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [row for row in sheet.iter_rows(min_row=5, values_only=True) if row[0]]
    assert [(r[2], r[3], r[7]) for r in rows] == [
        (cast.employees["asn"].nip, "Citra Staf", "Pemotongan tunjangan kinerja 25% selama 6 bulan")
    ]
    assert rows[0][11] == dt.datetime(2026, 11, 19)  # effective on the 15th working day after 29 Oct
