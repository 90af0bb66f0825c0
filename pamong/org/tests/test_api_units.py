"""Units API: permission matrix of every endpoint, filters, bad input and pinned query counts."""

from __future__ import annotations

import datetime as dt

import pytest

from pamong.core.models import AuditEvent
from pamong.core.scope import SystemActor
from pamong.core.testing.matrix import check_matrix, session_client, token_client
from pamong.core.testing.personas import expectations
from pamong.org.choices import OrgUnitKind
from pamong.org.models import OrgUnit
from pamong.org.services import unit_create
from pamong.people.choices import AssignmentKind
from pamong.people.services import assignment_end, assignment_start

pytestmark = pytest.mark.django_db

#: Who can see Dinas Pendidikan and its sub-units (``org.view``); the rest get 404.
SEES_DISDIK = ("bupati", "sekda", "asisten", "kepala_opd", "verifier", "hr_admin", "asn", "planner")
READ = expectations(404, anonymous=401, **dict.fromkeys(SEES_DISDIK, 200))
#: Writes: only hr_admin; who sees the unit without org.manage gets 403, who cannot see it 404.
WRITE = expectations(404, anonymous=401, **{**dict.fromkeys(SEES_DISDIK, 403), "hr_admin": 200})
#: Creation under a parent: a parent the caller cannot see is "not found" in the body (400), like a missing one.
CREATE = expectations(400, anonymous=401, **{**dict.fromkeys(SEES_DISDIK, 403), "hr_admin": 201})

#: Queries of GET /api/units/ with token auth: token+user, role assignments, tenant, count, rows.
UNIT_LIST_QUERIES = 5
#: Queries of GET /api/units/{id}/heads/: auth (3), the unit, the head assignments with employees and posts.
HEADS_QUERIES = 5


def _system(cast):
    return SystemActor(tenant_id=cast.tenant.pk, label="test")


def _extra_units(cast, n, parent="disdik"):
    return [
        unit_create(
            actor=_system(cast), parent=cast.units[parent], code=f"X{i:02d}", name=f"Seksi {i}", kind=OrgUnitKind.SEKSI
        )
        for i in range(n)
    ]


# -- permission matrix ----------------------------------------------------------------------


def test_list_answers_every_signed_in_persona_and_refuses_anonymous(cast):
    responses = check_matrix(cast, "get", "/api/units/", expectations(200, anonymous=401), client_for=token_client)
    codes = {p: {u["code"] for u in r.json()["results"]} for p, r in responses.items() if r.status_code == 200}
    assert codes["kepala_opd"] == {"DISDIK", "DISDIK-SD"}
    assert codes["camat"] == {"KEC-A"}
    assert codes["asisten"] == {"DISDIK", "DISDIK-SD", "KEC-A"}
    assert codes["other_tenant"] == {"ROOT"}
    assert len(codes["hr_admin"]) == 8
    assert responses["anonymous"]["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize("client_for", [token_client, session_client], ids=["token", "session"])
def test_retrieve_follows_scope(cast, client_for):
    responses = check_matrix(cast, "get", f"/api/units/{cast.units['disdik'].pk}/", READ, client_for=client_for)
    assert responses["asn"].json()["code"] == "DISDIK"
    assert responses["camat"].json() == {"code": "not_found", "detail": "Data tidak ditemukan."}


def test_create_only_hr_admin(cast):
    body = {"parent": cast.units["disdik"].pk, "code": "SEKSI-1", "name": "Seksi Kurikulum", "kind": "seksi"}
    responses = check_matrix(cast, "post", "/api/units/", CREATE, data=body, client_for=token_client)
    assert responses["kepala_opd"].json()["code"] == "forbidden"
    assert responses["camat"].json()["fields"] == {"parent": ["Data tidak ditemukan."]}


@pytest.mark.parametrize("client_for", [token_client, session_client], ids=["token", "session"])
def test_partial_update_only_hr_admin(cast, client_for):
    url = f"/api/units/{cast.units['disdik'].pk}/"
    check_matrix(cast, "patch", url, WRITE, data={"short_name": "Disdik"}, client_for=client_for)


def test_put_is_not_offered(cast):
    response = token_client(cast, "hr_admin").put(f"/api/units/{cast.units['disdik'].pk}/", {}, format="json")
    assert response.status_code == 405


def test_move_only_hr_admin(cast):
    target = _extra_units(cast, 1)[0]  # under Dinas Pendidikan: everyone who sees the unit sees the target
    url = f"/api/units/{cast.units['disdik_bidang'].pk}/move/"
    check_matrix(
        cast, "post", url, WRITE, data={"new_parent": target.pk, "reason": "SOTK baru"}, client_for=token_client
    )


def test_close_only_hr_admin(cast):
    url = f"/api/units/{cast.units['disdik_bidang'].pk}/close/"
    body = {"closed_on": "2026-12-31", "reason": "Penggabungan"}
    check_matrix(cast, "post", url, WRITE, data=body, client_for=token_client)


def test_heads_follow_scope(cast):
    url = f"/api/units/{cast.units['disdik'].pk}/heads/?date=2025-01-01"
    responses = check_matrix(cast, "get", url, READ, client_for=token_client)
    assert [h["employee"]["name"] for h in responses["hr_admin"].json()] == ["Budi Kadisdik"]
    # asn sees the unit but not the people in it (only themself): the list is filtered, not refused
    assert responses["asn"].json() == []


# -- behaviour ---------------------------------------------------------------------------------


def test_create_goes_through_the_service_and_ignores_a_tenant_in_the_input(cast):
    client = token_client(cast, "hr_admin")
    body = {
        "parent": cast.units["disdik"].pk,
        "code": "SEKSI-2",
        "name": "Seksi Sarana",
        "kind": "seksi",
        "cluster": cast.clusters["asisten_1"].pk,
        "tenant": cast.other_tenant.pk,
    }
    response = client.post("/api/units/", body, format="json")
    assert response.status_code == 201, response.content
    unit = OrgUnit.objects.get(code="SEKSI-2")
    assert unit.tenant_id == cast.tenant.pk
    assert response.json()["path"] == unit.path == cast.units["disdik"].path + f"{unit.pk:06d}."
    assert response.json()["parent"] == {"id": cast.units["disdik"].pk, "code": "DISDIK", "name": "Dinas Pendidikan"}
    event = AuditEvent.objects.get(action="org.unit.created", target_id=str(unit.pk))
    assert event.actor_id == cast.users["hr_admin"].pk


def test_patch_changes_only_what_it_sends(cast):
    disdik = cast.units["disdik"]
    url = f"/api/units/{disdik.pk}/"
    response = token_client(cast, "hr_admin").patch(url, {"short_name": "Disdik"}, format="json")
    assert response.status_code == 200
    disdik.refresh_from_db()
    assert (disdik.short_name, disdik.name, disdik.cluster_id) == (
        "Disdik",
        "Dinas Pendidikan",
        cast.clusters["asisten_1"].pk,
    )
    response = token_client(cast, "hr_admin").patch(url, {"cluster": None}, format="json")
    assert response.json()["cluster"] is None


def test_move_under_its_own_descendant_is_refused(cast):
    disdik, bidang = cast.units["disdik"], cast.units["disdik_bidang"]
    response = token_client(cast, "hr_admin").post(
        f"/api/units/{disdik.pk}/move/", {"new_parent": bidang.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "code": "validation_failed",
        "detail": "Unit tidak dapat dipindahkan ke bawah dirinya sendiri.",
    }
    disdik.refresh_from_db()
    assert disdik.parent_id == cast.units["root"].pk
    assert not AuditEvent.objects.filter(action="org.unit.moved").exists()


def test_move_carries_the_subtree(cast):
    bidang = cast.units["disdik_bidang"]
    response = token_client(cast, "hr_admin").post(
        f"/api/units/{bidang.pk}/move/", {"new_parent": cast.units["setda"].pk, "reason": "SOTK"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["path"].startswith(cast.units["setda"].path)
    assert response.json()["parent"]["code"] == "SETDA"


def test_close_twice_is_a_conflict_and_closed_units_leave_the_default_list(cast):
    bidang = cast.units["disdik_bidang"]
    client = token_client(cast, "hr_admin")
    body = {"closed_on": "2026-01-01", "reason": "Penggabungan"}
    assert client.post(f"/api/units/{bidang.pk}/close/", body, format="json").status_code == 200
    again = client.post(f"/api/units/{bidang.pk}/close/", body, format="json")
    assert again.status_code == 409 and again.json()["code"] == "conflict"
    listed = {u["code"] for u in client.get("/api/units/").json()["results"]}
    assert "DISDIK-SD" not in listed
    with_closed = {u["code"] for u in client.get("/api/units/?include_closed=true").json()["results"]}
    assert "DISDIK-SD" in with_closed


def test_close_without_reason_names_the_field(cast):
    response = token_client(cast, "hr_admin").post(
        f"/api/units/{cast.units['disdik_bidang'].pk}/close/", {"closed_on": "2026-01-01", "reason": " "}, format="json"
    )
    assert response.status_code == 400
    assert "reason" in response.json()["fields"]


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("parent={disdik}", {"DISDIK-SD"}),
        ("kind=kecamatan", {"KEC-A"}),
        ("cluster={asisten_1}", {"DISDIK", "KEC-A"}),
        ("q=pendidikan", {"DISDIK"}),
        ("q=kec", {"KEC-A"}),
    ],
)
def test_list_filters(cast, query, codes):
    query = query.format(disdik=cast.units["disdik"].pk, asisten_1=cast.clusters["asisten_1"].pk)
    response = token_client(cast, "hr_admin").get(f"/api/units/?{query}")
    assert response.status_code == 200
    assert {u["code"] for u in response.json()["results"]} == codes


def test_a_filter_on_a_unit_out_of_scope_is_not_found(cast):
    response = token_client(cast, "camat").get(f"/api/units/?parent={cast.units['disdik'].pk}")
    assert response.status_code == 400
    assert response.json()["fields"] == {"parent": ["Data tidak ditemukan."]}


def test_heads_on_a_day_show_the_acting_head_after_the_definitive_one_left(cast):
    system = _system(cast)
    kadisdik = cast.employees["kepala_opd"].assignments.get()
    assignment_end(actor=system, assignment=kadisdik, ends_on=dt.date(2026, 3, 31))
    assignment_start(
        actor=system,
        employee=cast.employees["hr_admin"],
        position=cast.positions["kadisdik"],
        kind=AssignmentKind.PLT,
        starts_on=dt.date(2026, 4, 1),
    )
    url = f"/api/units/{cast.units['disdik'].pk}/heads/"
    client = token_client(cast, "bupati")
    march = client.get(f"{url}?date=2026-03-31").json()
    april = client.get(f"{url}?date=2026-04-01").json()
    assert [(h["employee"]["name"], h["kind"], h["is_acting"]) for h in march] == [
        ("Budi Kadisdik", "definitive", False)
    ]
    assert [(h["employee"]["name"], h["kind"], h["is_acting"]) for h in april] == [("Gita Analis", "plt", True)]
    assert client.get(f"{url}?date=2023-12-31").json() == []


def test_heads_with_a_bad_date_is_refused(cast):
    response = token_client(cast, "bupati").get(f"/api/units/{cast.units['disdik'].pk}/heads/?date=31-03-2026")
    assert response.status_code == 400
    assert "date" in response.json()["fields"]


# -- query counts --------------------------------------------------------------------------------


@pytest.mark.parametrize("page_size", [1, 20])
def test_list_runs_a_fixed_number_of_queries(cast, django_assert_num_queries, page_size):
    _extra_units(cast, 20)
    client = token_client(cast, "hr_admin")
    with django_assert_num_queries(UNIT_LIST_QUERIES):
        response = client.get(f"/api/units/?page_size={page_size}")
    assert len(response.json()["results"]) == page_size


def test_heads_run_a_fixed_number_of_queries(cast, django_assert_num_queries):
    client = token_client(cast, "hr_admin")
    with django_assert_num_queries(HEADS_QUERIES):
        response = client.get(f"/api/units/{cast.units['disdik'].pk}/heads/?date=2025-01-01")
    assert len(response.json()) == 1
