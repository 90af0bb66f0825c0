"""Positions API: permission matrix, vacancy computed in the list query, bad input, pinned query counts."""

from __future__ import annotations

import pytest

from pamong.core.scope import SystemActor
from pamong.core.testing.matrix import check_matrix, session_client, token_client
from pamong.core.testing.personas import expectations
from pamong.org.models import Position
from pamong.org.services import position_create

pytestmark = pytest.mark.django_db

#: Who can see the posts of Bidang Pembinaan SD (``org.view`` over Dinas Pendidikan).
SEES_DISDIK = ("bupati", "sekda", "asisten", "kepala_opd", "verifier", "hr_admin", "asn", "planner")
READ = expectations(404, anonymous=401, **dict.fromkeys(SEES_DISDIK, 200))
WRITE = expectations(404, anonymous=401, **{**dict.fromkeys(SEES_DISDIK, 403), "hr_admin": 200})
CREATE = expectations(400, anonymous=401, **{**dict.fromkeys(SEES_DISDIK, 403), "hr_admin": 201})

#: GET /api/positions/ with token auth: token+user, role assignments, tenant, count, rows (vacancy is a subquery).
POSITION_LIST_QUERIES = 5


def _extra_positions(cast, n):
    system = SystemActor(tenant_id=cast.tenant.pk, label="test")
    return [
        position_create(
            actor=system,
            org_unit=cast.units["disdik_bidang"],
            code=f"P{i:02d}",
            name=f"Pengelola {i}",
            position_type="pelaksana",
        )
        for i in range(n)
    ]


def test_list_answers_every_signed_in_persona(cast):
    responses = check_matrix(cast, "get", "/api/positions/", expectations(200, anonymous=401), client_for=token_client)
    codes = {p: {x["code"] for x in r.json()["results"]} for p, r in responses.items() if r.status_code == 200}
    assert codes["kepala_opd"] == {"KADISDIK", "KABID_SD", "GURU"}
    assert codes["other_tenant"] == set()
    assert len(codes["hr_admin"]) == 9


@pytest.mark.parametrize("client_for", [token_client, session_client], ids=["token", "session"])
def test_retrieve_follows_scope(cast, client_for):
    check_matrix(cast, "get", f"/api/positions/{cast.positions['guru'].pk}/", READ, client_for=client_for)


def test_create_only_hr_admin(cast):
    body = {
        "org_unit": cast.units["disdik_bidang"].pk,
        "code": "ANALIS",
        "name": "Analis Kurikulum",
        "position_type": "fungsional",
    }
    check_matrix(cast, "post", "/api/positions/", CREATE, data=body, client_for=token_client)


def test_partial_update_only_hr_admin(cast):
    url = f"/api/positions/{cast.positions['guru'].pk}/"
    check_matrix(cast, "patch", url, WRITE, data={"duties": "Mengelola data"}, client_for=token_client)


def test_patch_keeps_what_it_does_not_send(cast):
    kabid = cast.positions["kabid_sd"]
    response = token_client(cast, "hr_admin").patch(
        f"/api/positions/{kabid.pk}/", {"name": "Kepala Bidang SD"}, format="json"
    )
    assert response.status_code == 200, response.content
    kabid.refresh_from_db()
    assert (kabid.name, kabid.position_type, kabid.eselon, kabid.is_head) == (
        "Kepala Bidang SD",
        "administrator",
        "III.b",
        True,
    )
    assert response.json()["vacant"] is True


def test_vacancy_filter(cast):
    client = token_client(cast, "hr_admin")
    vacant = {x["code"] for x in client.get("/api/positions/?vacant=true").json()["results"]}
    filled = {x["code"] for x in client.get("/api/positions/?vacant=false").json()["results"]}
    assert vacant == {"KABID_SD", "KADINKES"}
    assert filled == {"SEKDA", "KADISDIK", "GURU", "PERAWAT", "CAMAT", "INSPEKTUR", "ANALIS_SDM"}
    in_unit = client.get(f"/api/positions/?org_unit={cast.units['disdik_bidang'].pk}&vacant=true").json()
    assert [x["code"] for x in in_unit["results"]] == ["KABID_SD"]


def test_echelon_not_fitting_the_post_is_a_field_error(cast):
    body = {
        "org_unit": cast.units["disdik_bidang"].pk,
        "code": "STAF",
        "name": "Staf",
        "position_type": "pelaksana",
        "eselon": "II.a",
    }
    response = token_client(cast, "hr_admin").post("/api/positions/", body, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "validation_failed"
    assert response.json()["fields"]["eselon"]
    assert not Position.objects.filter(code="STAF").exists()


def test_a_second_open_head_post_is_a_conflict(cast):
    body = {
        "org_unit": cast.units["disdik"].pk,
        "code": "KADIS2",
        "name": "Kepala Dinas (2)",
        "position_type": "jpt_pratama",
        "eselon": "II.b",
        "is_head": True,
    }
    response = token_client(cast, "hr_admin").post("/api/positions/", body, format="json")
    assert response.status_code == 409
    assert not Position.objects.filter(code="KADIS2").exists()


@pytest.mark.parametrize("page_size", [1, 20])
def test_list_runs_a_fixed_number_of_queries(cast, django_assert_num_queries, page_size):
    _extra_positions(cast, 20)
    client = token_client(cast, "hr_admin")
    with django_assert_num_queries(POSITION_LIST_QUERIES):
        response = client.get(f"/api/positions/?page_size={page_size}&vacant=true")
    assert len(response.json()["results"]) == page_size
