"""The ladder API: standings, my counter, warnings, decline and evaluation; permission matrices (token, and
session for a read and a write) and pinned query counts of the lists."""

import pytest

from pamong.core.testing.matrix import check_matrix, session_client, token_client
from pamong.core.testing.personas import expectations
from pamong.discipline.models import Warning

from .test_ladder_views import YEAR, _more, build_world

pytestmark = pytest.mark.django_db

STANDINGS = f"/api/discipline/standings/?year={YEAR}"


@pytest.fixture
def world(cast):
    return build_world(cast)


@pytest.mark.parametrize("client_for", [token_client, session_client], ids=["token", "session"])
def test_standings_matrix_and_scope(world, client_for):
    responses = check_matrix(
        world, "get", STANDINGS, expectations(200, planner=403, anonymous=401), client_for=client_for
    )

    def names(persona):
        return sorted(row["employee"]["name"] for row in responses[persona].json()["results"])

    assert names("asn") == ["Citra Staf"]  # an ASN sees only himself
    assert names("asn_other_opd") == ["Dewi Perawat"]
    assert names("kepala_opd") == ["Citra Staf"]  # an OPD head his unit only
    assert names("hr_admin") == ["Citra Staf", "Dewi Perawat"]
    assert names("camat") == [] and names("other_tenant") == [] and names("verifier") == []


def test_standings_of_one_unit_matrix(world):
    check_matrix(
        world,
        "get",
        f"{STANDINGS}&unit={world.units['disdik'].pk}",
        expectations(404, bupati=200, sekda=200, asisten=200, kepala_opd=200, hr_admin=200, planner=403, anonymous=401),
        client_for=token_client,
    )


def test_my_standing_matrix_and_figures(world):
    responses = check_matrix(
        world,
        "get",
        f"/api/discipline/standings/mine/?year={YEAR}",
        expectations(200, bupati=403, asisten=403, planner=403, other_tenant=403, anonymous=401),
        client_for=token_client,
    )
    mine = responses["asn"].json()
    assert (mine["unexcused_days"], mine["minutes"], mine["minute_days"], mine["total_days"]) == (5, 1350, 3, 8)
    assert (mine["band"], mine["next_band"], mine["next_band_lower"], mine["days_to_next"]) == ("R3", "S1", 11, 3)
    assert responses["planner"].json()["code"] == "no_employee"


def test_warnings_matrix(world):
    responses = check_matrix(
        world,
        "get",
        "/api/discipline/warnings/",
        expectations(200, planner=403, anonymous=401),
        client_for=token_client,
    )
    assert [r["employee"]["name"] for r in responses["asn"].json()["results"]] == ["Citra Staf"]
    assert responses["camat"].json()["results"] == []
    assert len(responses["hr_admin"].json()["results"]) == 2


@pytest.mark.parametrize("client_for", [token_client, session_client], ids=["token", "session"])
def test_warning_detail_matrix(world, client_for):
    responses = check_matrix(
        world,
        "get",
        f"/api/discipline/warnings/{world.warning.pk}/",
        expectations(404, bupati=200, sekda=200, asisten=200, kepala_opd=200, hr_admin=200, asn=200, anonymous=401),
        client_for=client_for,
    )
    head = responses["kepala_opd"].json()
    assert head["can_act"] is True and responses["asn"].json()["can_act"] is False
    assert head["evidence"]["conversion"]["days"] == 3 and len(head["evidence"]["unexcused_dates"]) == 5


@pytest.mark.parametrize("client_for", [token_client, session_client], ids=["token", "session"])
def test_decline_matrix(world, client_for):
    check_matrix(
        world,
        "post",
        f"/api/discipline/warnings/{world.warning.pk}/decline/",
        expectations(404, bupati=403, sekda=403, asisten=403, kepala_opd=200, hr_admin=200, asn=403, anonymous=401),
        data={"reason": "Sudah dibina; bukti izin menyusul."},
        client_for=client_for,
    )


def test_decline_without_reason_is_400_then_409_once_answered(world):
    client = token_client(world, "kepala_opd")
    url = f"/api/discipline/warnings/{world.warning.pk}/decline/"
    response = client.post(url, {"reason": ""}, format="json")
    assert response.status_code == 400 and "reason" in response.json()["fields"]
    assert client.post(url, {"reason": "Dibina."}, format="json").json()["warning"]["status"] == "declined"
    assert client.post(url, {"reason": "Lagi."}, format="json").status_code == 409


def test_evaluate_matrix(world):
    check_matrix(
        world,
        "post",
        "/api/discipline/ladder/evaluate/",
        expectations(403, hr_admin=200, other_tenant=200, anonymous=401),
        data={"year": YEAR},
        client_for=token_client,
    )
    response = token_client(world, "hr_admin").post("/api/discipline/ladder/evaluate/", {"year": 2020}, format="json")
    assert response.status_code == 400 and "PP 53/2010" in response.json()["detail"]


def test_list_query_counts(world, django_assert_num_queries):
    client = token_client(world, "hr_admin")
    client.get(STANDINGS)
    # the token with its user, the tenant, the roles; the count; the page (employee and unit joined)
    with django_assert_num_queries(API_LIST_QUERIES):
        client.get(STANDINGS)
    with django_assert_num_queries(API_LIST_QUERIES):
        client.get("/api/discipline/warnings/")
    _more(world, 4)
    with django_assert_num_queries(API_LIST_QUERIES):
        assert client.get(STANDINGS).json()["count"] == 6
    with django_assert_num_queries(API_LIST_QUERIES):
        listed = client.get("/api/discipline/warnings/").json()["count"]
    assert listed == Warning.objects.count() == 6


API_LIST_QUERIES = 5
