"""Performance API: permission matrix of every endpoint, the same services as the pages, pinned query counts."""

import pytest

from pamong.core.testing.matrix import check_matrix, session_client, token_client
from pamong.core.testing.personas import expectations
from pamong.performance import services
from pamong.performance.models import Consequence, LikelihoodRating

from .test_views import COCKPIT, MANAGES_DISDIK, RATES_DISDIK, SEES_DISDIK, grow

pytestmark = pytest.mark.django_db

BASE = "/api/performance"
EVERYONE = expectations(200, anonymous=401)
READ_DISDIK = expectations(404, anonymous=401, **dict.fromkeys(SEES_DISDIK, 200))
MANAGE_DISDIK = expectations(
    404, anonymous=401, **{**dict.fromkeys(SEES_DISDIK, 403), **dict.fromkeys(MANAGES_DISDIK, 200)}
)


def late_entry():
    return Consequence.objects.get(kind="report_late")


@pytest.mark.parametrize("client_for", [token_client, session_client], ids=["token", "session"])
def test_lists_answer_everyone_with_their_scope(cast, scored, client_for):
    responses = check_matrix(cast, "get", f"{BASE}/unit-scores/?year=2026&month=9", EVERYONE, client_for=client_for)
    names = {
        p: {r["org_unit"]["name"] for r in resp.json()["results"]}
        for p, resp in responses.items()
        if resp.status_code == 200
    }
    assert names["bupati"] == {"Dinas Pendidikan", "Dinas Kesehatan", "Kecamatan Anggrek"}
    assert names["asisten"] == {"Dinas Pendidikan", "Kecamatan Anggrek"}
    assert names["kepala_opd"] == {"Dinas Pendidikan"} and names["camat"] == {"Kecamatan Anggrek"}
    assert names["asn"] == set() and names["other_tenant"] == set()
    for path in (
        "indicator-scores/?year=2026&month=9",
        "program-scores/?year=2026",
        "consequences/",
        "likelihood-ratings/",
    ):
        check_matrix(cast, "get", f"{BASE}/{path}", EVERYONE, client_for=client_for)


def test_league_is_the_cockpit_table(cast, scored):
    responses = check_matrix(cast, "get", f"{BASE}/league/?year=2026&month=9", EVERYONE, client_for=token_client)
    rows = responses["bupati"].json()
    assert [(r["rank"], r["org_unit"]["name"], r["index"]) for r in rows] == [
        (1, "Dinas Kesehatan", "80.00"),
        (2, "Dinas Pendidikan", "66.67"),
    ]
    assert [r["org_unit"]["name"] for r in responses["asisten"].json()] == ["Dinas Pendidikan"]
    for persona, response in responses.items():
        if persona not in COCKPIT and response.status_code == 200:
            assert response.json() == [], persona
    kec = token_client(cast, "sekda").get(f"{BASE}/league/?year=2026&month=9&group=kecamatan").json()
    assert [r["org_unit"]["name"] for r in kec] == ["Kecamatan Anggrek"]
    bad = token_client(cast, "sekda").get(f"{BASE}/league/?year=dua&month=13")
    assert bad.status_code == 400 and set(bad.json()["fields"]) == {"year", "month"}


def test_indicator_scores_carry_the_numbers(cast, scored):
    rows = token_client(cast, "sekda").get(f"{BASE}/indicator-scores/?year=2026&month=9&colour=red").json()["results"]
    got = {
        r["indicator"]["code"]: (r["ytd_target"], r["ytd_actual"], r["capaian"], r["trajectory_status"]) for r in rows
    }
    assert got == {
        "IK1": ("75.0000", "50.0000", "66.67", "behind"),
        "IK2": ("75.0000", "50.0000", "66.67", "behind"),
        "KC1": ("30.0000", "15.0000", "50.00", "behind"),
    }


@pytest.mark.parametrize("client_for", [token_client, session_client], ids=["token", "session"])
def test_consequence_detail_and_steps(cast, scored, client_for):
    entry = late_entry()
    url = f"{BASE}/consequences/{entry.pk}/"
    responses = check_matrix(cast, "get", url, READ_DISDIK, client_for=client_for)
    body = responses["sekda"].json()
    assert body["kind"] == "report_late" and body["report"] == scored.late.pk
    assert [e["step"] for e in body["events"]] == ["opened"]
    check_matrix(
        cast, "post", url + "progress/", MANAGE_DISDIK, data={"note": "Dibahas dalam rakor"}, client_for=client_for
    )


def test_every_step_endpoint(cast, scored):
    entry = late_entry()
    url = f"{BASE}/consequences/{entry.pk}/"
    check_matrix(
        cast,
        "post",
        url + "assign/",
        MANAGE_DISDIK,
        data={"owner_user": cast.users["kepala_opd"].pk},
        client_for=token_client,
    )
    check_matrix(
        cast, "post", url + "dismiss/", MANAGE_DISDIK, data={"note": "Gangguan server SIPD"}, client_for=token_client
    )
    check_matrix(
        cast, "post", url + "resolve/", MANAGE_DISDIK, data={"note": "Sudah diajukan lengkap"}, client_for=token_client
    )
    # close and reopen start from "resolved": everyone is refused on an open entry, the managers with 409
    conflict = expectations(
        404, anonymous=401, **{**dict.fromkeys(SEES_DISDIK, 403), **dict.fromkeys(MANAGES_DISDIK, 409)}
    )
    check_matrix(cast, "post", url + "close/", conflict, data={}, client_for=token_client)
    check_matrix(cast, "post", url + "reopen/", conflict, data={"note": "Belum ada buktinya"}, client_for=token_client)


def test_a_whole_follow_up_through_the_api(cast, scored):
    entry = late_entry()
    url = f"{BASE}/consequences/{entry.pk}/"
    sekda, budi = token_client(cast, "sekda"), token_client(cast, "kepala_opd")
    assert budi.post(url + "progress/", {"note": "Operator dilatih ulang"}, format="json").status_code == 403
    assert sekda.post(url + "assign/", {"owner_user": cast.users["kepala_opd"].pk}, format="json").status_code == 200
    assert budi.post(url + "resolve/", {"note": ""}, format="json").json()["code"] == "validation_failed"
    assert budi.post(url + "resolve/", {"note": "Operator dilatih ulang"}, format="json").json()["status"] == "resolved"
    assert budi.post(url + "close/", {}, format="json").status_code == 403
    closed = sekda.post(url + "close/", {"note": "Diterima"}, format="json").json()
    assert closed["status"] == "closed" and closed["ended_on"]
    assert [e["step"] for e in closed["events"]] == ["opened", "assign", "resolve", "close"]
    assert sekda.post(url + "dismiss/", {"note": "tidak relevan lagi"}, format="json").status_code == 409
    other = sekda.post(url + "assign/", {"owner_user": cast.users["other_tenant"].pk}, format="json")
    assert other.status_code == 400  # a user of another tenant is "not found" in the body


def test_rating_endpoint(cast, scored):
    body = {
        "indicator": scored.ik1.pk,
        "year": 2026,
        "month": 9,
        "rating": "amber_red",
        "reason": "Anggaran belum turun",
    }
    # who cannot see the indicator names an id that "does not exist" (400); who sees it without rating gets 403
    expected = expectations(
        400, anonymous=401, **{**dict.fromkeys(SEES_DISDIK, 403), **dict.fromkeys(RATES_DISDIK, 201)}
    )
    check_matrix(cast, "post", f"{BASE}/likelihood-ratings/", expected, data=body, client_for=token_client)
    program = {
        "program": scored.plan.program.pk,
        "year": 2026,
        "month": 9,
        "rating": "red",
        "reason": "Anggaran belum turun",
    }
    expected = expectations(
        404, anonymous=401, other_tenant=400, **{**dict.fromkeys(SEES_DISDIK, 403), **dict.fromkeys(RATES_DISDIK, 201)}
    )
    check_matrix(cast, "post", f"{BASE}/likelihood-ratings/", expected, data=program, client_for=token_client)
    client = token_client(cast, "sekda")
    short = client.post(f"{BASE}/likelihood-ratings/", {**body, "reason": "ok"}, format="json")
    assert short.status_code == 400 and "reason" in short.json()["fields"]
    assert client.post(f"{BASE}/likelihood-ratings/", body, format="json").json()["computed_colour"] == "red"
    listed = client.get(f"{BASE}/likelihood-ratings/?indicator={scored.ik1.pk}").json()
    assert listed["count"] == LikelihoodRating.objects.filter(indicator=scored.ik1).count() == 1


#: token + user, role assignments, tenant (scope); count, page (references joined).
LIST_QUERIES = 5
#: scope (3); the entry within sight, the entry with its references after the step, its events with their people.
DETAIL_QUERIES = 6


def test_api_query_counts_are_fixed(cast, scored, django_assert_num_queries):
    client = token_client(cast, "bupati")
    urls = [
        (f"{BASE}/unit-scores/?year=2026", LIST_QUERIES),
        (f"{BASE}/indicator-scores/?year=2026&month=9", LIST_QUERIES),
        (f"{BASE}/program-scores/?year=2026", LIST_QUERIES),
        (f"{BASE}/consequences/?status=active", LIST_QUERIES),
        (f"{BASE}/likelihood-ratings/", LIST_QUERIES),
        (f"{BASE}/league/?year=2026&month=9", LIST_QUERIES - 1),  # no pagination, no count
        (f"{BASE}/consequences/{late_entry().pk}/", DETAIL_QUERIES),
    ]

    def check():
        for url, n in urls:
            client.get(url)
            with django_assert_num_queries(n):
                assert client.get(url).status_code == 200, url

    services.likelihood_rate(
        actor=cast.users["sekda"],
        indicator=scored.ik1,
        year=2026,
        month=9,
        rating="red",
        reason="perlu perhatian segera",
    )
    check()
    grow(cast, scored)
    check()
