"""Agreement pages: the permission matrix of every page, the forms, signing, the pinned query count of the list."""

import pytest
from django.urls import reverse

from pamong.agreements import services
from pamong.agreements.models import AgreementBudgetLine, AgreementSignature, PerformanceAgreement
from pamong.agreements.testing import drafted, signed, submitted
from pamong.core.testing.matrix import check_matrix
from pamong.core.testing.personas import expectations
from pamong.planning.models import PeriodTarget

pytestmark = pytest.mark.django_db

#: Who sees Dinas Pendidikan's agreements (performance.view over it).
SEES_DISDIK = ("bupati", "sekda", "asisten", "kepala_opd", "verifier", "hr_admin", "planner")
#: Who drafts them (agreements.manage over it).
MANAGES_DISDIK = ("kepala_opd", "planner")
#: Who holds performance.view somewhere (the list and verify pages).
VIEWERS = (*SEES_DISDIK, "camat", "other_tenant")
#: Who holds agreements.manage somewhere (the "new" form).
MANAGERS = ("kepala_opd", "camat", "planner")

READ = expectations(404, anonymous=302, **dict.fromkeys(SEES_DISDIK, 200))
MANAGE_PAGE = expectations(
    404, anonymous=302, **{**dict.fromkeys(SEES_DISDIK, 403), **dict.fromkeys(MANAGES_DISDIK, 200)}
)
MANAGE_POST = expectations(
    404, anonymous=302, **{**dict.fromkeys(SEES_DISDIK, 403), **dict.fromkeys(MANAGES_DISDIK, 302)}
)


def test_list_and_verify_pages_matrix(cast, aplan):
    drafted(cast)
    expected = expectations(403, anonymous=302, **dict.fromkeys(VIEWERS, 200))
    responses = check_matrix(cast, "get", reverse("agreements:agreement_list"), expected)
    assert 'data-unit="DISDIK"' in responses["asisten"].content.decode()
    assert 'data-unit="DINKES"' not in responses["asisten"].content.decode()
    check_matrix(cast, "get", reverse("agreements:verify"), expected)


def test_create_form_and_budget_row_matrix(cast, aplan):
    expected = expectations(403, anonymous=302, **dict.fromkeys(MANAGERS, 200))
    check_matrix(cast, "get", reverse("agreements:agreement_create"), expected)
    check_matrix(cast, "get", reverse("agreements:budget_row") + "?index=3", expected)


def test_detail_and_pdf_matrix(cast, aplan):
    agreement = submitted(cast)
    check_matrix(cast, "get", reverse("agreements:agreement_detail", args=[agreement.pk]), READ)
    responses = check_matrix(cast, "get", reverse("agreements:agreement_pdf", args=[agreement.pk]), READ)
    assert responses["verifier"]["Content-Type"] == "application/pdf"


def test_draft_forms_matrix(cast, aplan):
    agreement = drafted(cast)
    for name in ("agreements:agreement_update", "agreements:agreement_submit", "agreements:agreement_cancel"):
        check_matrix(cast, "get", reverse(name, args=[agreement.pk]), MANAGE_PAGE)
    url = reverse("agreements:agreement_submit", args=[agreement.pk])
    check_matrix(cast, "post", url, MANAGE_POST, data={"confirm": "on"}, content_type=None)


def test_reopen_and_revise_forms_matrix(cast, aplan):
    agreement = submitted(cast)
    check_matrix(cast, "get", reverse("agreements:agreement_reopen", args=[agreement.pk]), MANAGE_PAGE)
    check_matrix(
        cast,
        "post",
        reverse("agreements:agreement_reopen", args=[agreement.pk]),
        MANAGE_POST,
        data={"reason": "Salah tanggal"},
        content_type=None,
    )
    kec = signed(cast, "kec")
    sees_kec = ("bupati", "sekda", "asisten", "camat", "verifier", "hr_admin", "planner")
    expected = expectations(404, anonymous=302, **{**dict.fromkeys(sees_kec, 403), "camat": 200, "planner": 200})
    check_matrix(cast, "get", reverse("agreements:agreement_revise", args=[kec.pk]), expected)


def test_sign_page_matrix(cast, aplan):
    agreement = submitted(cast)
    url = reverse("agreements:agreement_sign", args=[agreement.pk])
    signers = ("kepala_opd", "bupati")
    expected = expectations(404, anonymous=302, **{**dict.fromkeys(SEES_DISDIK, 403), **dict.fromkeys(signers, 200)})
    check_matrix(cast, "get", url, expected)
    check_matrix(cast, "get", url + "?dokumen=pakta", expected)
    # Posting: the head signs as pihak pertama, the Bupati as pihak kedua (each rolled back after its turn).
    posted = expectations(404, anonymous=302, **{**dict.fromkeys(SEES_DISDIK, 403), **dict.fromkeys(signers, 302)})
    data = {"content_hash": agreement.content_hash, "confirm": "on"}
    check_matrix(cast, "post", url, posted, data=data, content_type=None)
    assert not AgreementSignature.objects.exists()


def test_list_flags_units_without_an_agreement_and_filters(cast, aplan):
    drafted(cast)
    signed(cast, "kec")
    client = cast.client_for("bupati")
    html = client.get(reverse("agreements:agreement_list") + "?tahun=2026").content.decode()
    assert 'data-unit="DISDIK" data-state="draft"' in html
    assert 'data-unit="KEC-A" data-state="signed"' in html
    assert 'data-unit="DINKES" data-state="missing"' in html and 'data-unit="INSP" data-state="missing"' in html
    assert 'data-unit="DISDIK-SD"' not in html and 'data-unit="ROOT"' not in html  # not units that owe a PK
    html = client.get(reverse("agreements:agreement_list") + "?tahun=2026&status=missing").content.decode()
    assert 'data-unit="DISDIK"' not in html and 'data-unit="DINKES"' in html
    html = client.get(reverse("agreements:agreement_list") + "?tahun=2026&jenis=kecamatan").content.decode()
    assert 'data-unit="KEC-A"' in html and 'data-unit="DINKES"' not in html
    # The HTMX filter asks for the table only.
    partial = client.get(
        reverse("agreements:agreement_list") + "?tahun=2026",
        headers={"HX-Request": "true", "HX-Target": "agreement-table"},
    ).content.decode()
    assert 'data-testid="agreement-table"' in partial and "<html" not in partial


#: session, user, role assignments, tenant, notice bell; period for the year choices; units; versions;
#: their signatures.
LIST_QUERIES = 9


def test_list_page_query_count_is_fixed(cast, aplan, django_assert_num_queries):
    drafted(cast)
    client = cast.client_for("planner")
    url = reverse("agreements:agreement_list") + "?tahun=2026"
    client.get(url)
    with django_assert_num_queries(LIST_QUERIES):
        client.get(url)
    signed(cast, "kec")
    services.agreement_submit(
        actor=cast.users["planner"], agreement=PerformanceAgreement.objects.get(unit_code="DISDIK")
    )
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(url)
    assert 'data-state="awaiting"' in response.content.decode()


def test_create_then_edit_a_draft_with_chosen_indicators_and_budget_rows(cast, aplan):
    client = cast.client_for("kepala_opd")
    form = client.get(reverse("agreements:agreement_create")).content.decode()
    assert "Dinas Pendidikan" in form and "Kecamatan Anggrek" not in form  # only units the user manages
    response = client.post(
        reverse("agreements:agreement_create"), {"org_unit": cast.units["disdik"].pk, "year": "2026", "place": ""}
    )
    agreement = PerformanceAgreement.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "agreements:agreement_update", args=[agreement.pk]
    )
    url = reverse("agreements:agreement_update", args=[agreement.pk])
    page = client.get(url).content.decode()
    assert 'data-code="IK1"' in page and 'data-code="IK2"' in page
    bad = {
        "indicators": [str(aplan.plan.indicator.pk)],
        "place": "Uji",
        "budget-TOTAL_FORMS": "2",
        "budget-INITIAL_FORMS": "0",
        "budget-MIN_NUM_FORMS": "0",
        "budget-MAX_NUM_FORMS": "40",
        "budget-0-program": "Program A",
        "budget-0-ceiling": "dua miliar",
        "budget-1-program": "",
        "budget-1-ceiling": "",
    }
    response = client.post(url, bad)
    assert response.status_code == 200 and "Pagu harus angka Rupiah utuh" in response.content.decode()
    good = {
        **bad,
        "budget-0-ceiling": "Rp 2.500.000.000",
        "budget-1-program": "Program B",
        "budget-1-ceiling": "750000",
    }
    response = client.post(url, good)
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert [i.indicator_code for i in agreement.items.all()] == ["IK1"]
    assert list(AgreementBudgetLine.objects.values_list("program", "ceiling")) == [
        ("Program A", 2_500_000_000),
        ("Program B", 750_000),
    ]


def test_edit_form_names_the_missing_trajectory_period(cast, aplan):
    agreement = drafted(cast)
    PeriodTarget.objects.filter(indicator=aplan.disdik_monthly, year=2026, period_no=11).delete()
    client = cast.client_for("planner")
    url = reverse("agreements:agreement_update", args=[agreement.pk])
    response = client.post(
        url,
        {
            "indicators": [str(aplan.plan.indicator.pk), str(aplan.disdik_monthly.pk)],
            "place": "Uji",
            "budget-TOTAL_FORMS": "0",
            "budget-INITIAL_FORMS": "0",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Indikator IK2 Jumlah guru tersertifikasi: target November 2026 belum diisi." in html
    assert agreement.items.count() == 2 and agreement.budget_lines.count() == 1  # nothing half-saved


def test_signing_through_the_pages(cast, aplan):
    agreement = submitted(cast)
    head = cast.client_for("kepala_opd")
    detail = head.get(reverse("agreements:agreement_detail", args=[agreement.pk])).content.decode()
    assert 'data-testid="sign-head"' in detail and 'data-testid="sign-pact"' in detail
    assert 'data-testid="sign-region"' not in detail
    url = reverse("agreements:agreement_sign", args=[agreement.pk])
    page = head.get(url).content.decode()
    assert agreement.content_hash in page and "pihak pertama" in page
    refused = head.post(url, {"content_hash": agreement.content_hash})
    assert refused.status_code == 200 and "Centang persetujuan" in refused.content.decode()
    stale = head.post(url, {"content_hash": "0" * 64, "confirm": "on"})
    assert stale.status_code == 200 and "muat ulang halaman" in stale.content.decode()
    assert head.post(url, {"content_hash": agreement.content_hash, "confirm": "on"}).status_code == 302
    pact = agreement.integrity_pact
    page = head.get(url + "?dokumen=pakta").content.decode()
    assert pact.content_hash in page and pact.statements[0] in page
    response = head.post(url + "?dokumen=pakta", {"content_hash": pact.content_hash, "confirm": "on"})
    assert response.status_code == 302
    bupati = cast.client_for("bupati")
    detail = bupati.get(reverse("agreements:agreement_detail", args=[agreement.pk])).content.decode()
    assert 'data-testid="sign-region"' in detail and 'data-testid="sign-head"' not in detail
    assert bupati.post(url, {"content_hash": agreement.content_hash, "confirm": "on"}).status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == "signed"
    detail = bupati.get(reverse("agreements:agreement_detail", args=[agreement.pk])).content.decode()
    assert 'data-testid="in-force"' in detail and 'data-testid="sign-region"' not in detail


def test_signed_version_cannot_be_edited_through_the_form(cast, aplan):
    agreement = signed(cast)
    client = cast.client_for("planner")
    url = reverse("agreements:agreement_update", args=[agreement.pk])
    assert client.get(url).status_code == 302
    response = client.post(url, {"indicators": [str(aplan.plan.indicator.pk)], "budget-TOTAL_FORMS": "0"})
    assert response.status_code == 302 and PerformanceAgreement.objects.get(pk=agreement.pk).items.count() == 2
    revise = reverse("agreements:agreement_revise", args=[agreement.pk])
    assert "wajib diisi" in client.post(revise, {"reason": ""}).content.decode()
    response = client.post(revise, {"reason": "Perubahan APBD"})
    new = PerformanceAgreement.objects.get(version=2)
    assert response["Location"] == reverse("agreements:agreement_update", args=[new.pk])
