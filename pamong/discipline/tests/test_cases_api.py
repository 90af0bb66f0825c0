"""Cases API: the permission matrix of every endpoint (token; reads and one write also by session), structured
errors citing the rule, and a pinned list query count."""

from __future__ import annotations

import pytest

from pamong.core.testing.matrix import check_matrix, session_client, token_client
from pamong.core.testing.personas import expectations
from pamong.discipline.services.appeals import appeal_file

from .test_cases_stages import D, decide, deliver, examine, form_team, open_case, summon

pytestmark = pytest.mark.django_db

BASE = "/api/discipline/cases/"
SEES_CITRA = {"bupati": 200, "sekda": 200, "asisten": 200, "kepala_opd": 200, "hr_admin": 200, "asn": 200}
FILED = D(2026, 11, 2)
SEE_ONLY = {"bupati": 403, "sekda": 403, "asisten": 403, "asn": 403}


@pytest.mark.parametrize("client_for", [token_client, session_client], ids=["token", "session"])
def test_matrix_of_the_reads(cast, client_for):
    case = open_case(cast, level="berat")
    form_team(cast, case)
    anon = 401
    responses = check_matrix(cast, "get", BASE, expectations(200, anonymous=anon), client_for=client_for)
    assert [row["number"] for row in responses["verifier"].json()["results"]] == [case.number]
    assert responses["camat"].json()["results"] == []
    check_matrix(
        cast,
        "get",
        f"{BASE}{case.pk}/",
        expectations(404, anonymous=anon, verifier=200, **SEES_CITRA),
        client_for=client_for,
    )


@pytest.mark.parametrize("client_for", [token_client, session_client], ids=["token", "session"])
def test_matrix_of_opening(cast, client_for):
    body = {
        "employee": cast.employees["asn"].pk,
        "level": "ringan",
        "summary": "Sidak",
        "violations": [{"code": "4f", "occurred_from": "2026-10-01"}],
    }
    anon = 401
    check_matrix(
        cast,
        "post",
        BASE,
        expectations(404, anonymous=anon, **SEE_ONLY, kepala_opd=201, hr_admin=201),
        data=body,
        client_for=client_for,
    )


def _step_matrix(cast, url, expected, data=None):
    check_matrix(cast, "post", url, expected, data=data or {}, client_for=token_client)


def test_matrix_of_every_step(cast):
    case = open_case(cast, level="berat")
    url = f"{BASE}{case.pk}"
    acts = {"kepala_opd": 200, "hr_admin": 200}
    _step_matrix(
        cast, f"{url}/close/", expectations(404, anonymous=401, **SEE_ONLY, **acts), {"reason": "Tidak terbukti"}
    )
    members = [
        {"employee": cast.employees["kepala_opd"].pk, "role": "superior"},
        {"employee": cast.employees["verifier"].pk, "role": "supervision"},
        {"employee": cast.employees["hr_admin"].pk, "role": "personnel"},
    ]
    _step_matrix(
        cast,
        f"{url}/team/",
        expectations(404, anonymous=401, **SEE_ONLY, kepala_opd=403, hr_admin=200),
        {"members": members},
    )
    form_team(cast, case)
    seen = {**SEE_ONLY, "verifier": 403}
    summons = {
        "letter_number": "800/1",
        "issued_on": "2026-10-05",
        "received_on": "2026-10-05",
        "exam_on": "2026-10-14",
        "exam_place": "Aula",
    }
    _step_matrix(cast, f"{url}/summons/", expectations(404, anonymous=401, **seen, **acts), summons)
    summon(cast, case)
    _step_matrix(cast, f"{url}/missed/", expectations(404, anonymous=401, **seen, **acts))
    exam = {"held_on": "2026-10-14", "answers": [{"question": "Q", "answer": "A"}], "findings": "Terbukti"}
    _step_matrix(
        cast,
        f"{url}/examination/",
        expectations(404, anonymous=401, **SEE_ONLY, verifier=200, kepala_opd=200, hr_admin=200),
        exam,
    )
    # Without examination needs summons II ignored: the state refuses (409) whoever may act.
    _step_matrix(
        cast, f"{url}/without-examination/", expectations(404, anonymous=401, **seen, kepala_opd=409, hr_admin=409)
    )
    examine(cast, case)
    decision = {
        "sanctions": ["B2"],
        "decided_by": None,
        "letter_number": "800/HD/1",
        "signed_on": "2026-10-28",
        "considerations": "Terbukti",
    }
    _step_matrix(
        cast, f"{url}/decision/", expectations(404, anonymous=401, **seen, kepala_opd=403, hr_admin=200), decision
    )
    decide(cast, case)
    _step_matrix(
        cast, f"{url}/delivery/", expectations(404, anonymous=401, **seen, **acts), {"received_on": "2026-10-29"}
    )
    deliver(cast, case)
    appeal = {"kind": "keberatan", "filed_on": "2026-11-02", "grounds": "Tidak sesuai fakta"}
    _step_matrix(
        cast,
        f"{url}/appeal/",
        expectations(404, anonymous=401, **{**seen, "asn": 200}, kepala_opd=403, hr_admin=200),
        appeal,
    )
    appeal_file(
        actor=cast.users["asn"], case=case, kind="keberatan", filed_on=FILED, grounds="Tidak sesuai", today=FILED
    )
    _step_matrix(
        cast,
        f"{url}/appeal-decision/",
        expectations(404, anonymous=401, **seen, kepala_opd=403, hr_admin=200),
        {"outcome": "confirmed", "decided_on": "2026-11-10", "note": "Dikuatkan"},
    )


def test_a_rule_refusal_is_structured_and_cites_its_source(cast):
    case = open_case(cast, level="sedang")
    client = token_client(cast, "kepala_opd")
    response = client.post(
        f"{BASE}{case.pk}/summons/",
        {
            "letter_number": "800/1",
            "issued_on": "2026-10-05",
            "received_on": "2026-10-05",
            "exam_on": "2026-10-09",
            "exam_place": "Aula",
        },
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "exam_too_soon"
    assert "PP 94/2021 Pasal 26–37" in body["fields"]["exam_on"][0]


def test_pinned_queries_of_the_list_endpoint(cast, django_assert_num_queries):
    for employee, persona in (("asn", "kepala_opd"), ("asn_other_opd", "hr_admin"), ("camat", "hr_admin")):
        open_case(cast, level="ringan", employee=employee, persona=persona)
    client = token_client(cast, "hr_admin")
    client.get(BASE)
    with django_assert_num_queries(5):
        response = client.get(BASE)
    assert response.json()["count"] == 3
