"""Role-assignments API: only access managers see and change them; no escalation through clusters."""

from __future__ import annotations

import datetime as dt

import pytest

from pamong.access.models import RoleAssignment
from pamong.access.roles import Role
from pamong.access.services import role_assign
from pamong.core.scope import SystemActor
from pamong.core.testing.matrix import check_matrix, session_client, token_client
from pamong.core.testing.personas import expectations

pytestmark = pytest.mark.django_db

#: Only hr_admin holds access.manage: everyone else cannot even see a role assignment.
READ = expectations(404, anonymous=401, hr_admin=200)
#: Giving a role over Dinas Pendidikan: who sees the unit but may not manage access gets 403;
#: a unit the caller cannot see is "not found" in the body (400), like a unit that does not exist.
SEES_DISDIK = ("bupati", "sekda", "asisten", "kepala_opd", "verifier", "asn", "planner")
CREATE = expectations(400, anonymous=401, hr_admin=201, **dict.fromkeys(SEES_DISDIK, 403))

#: GET /api/role-assignments/ with token auth: token+user, role assignments, tenant, count, rows.
ROLE_LIST_QUERIES = 5


def _asn_role(cast):
    return RoleAssignment.objects.get(user=cast.users["asn"], role=Role.ASN)


def test_list_is_empty_for_everyone_but_access_managers(cast):
    responses = check_matrix(
        cast, "get", "/api/role-assignments/", expectations(200, anonymous=401), client_for=token_client
    )
    counts = {p: r.json()["count"] for p, r in responses.items() if r.status_code == 200}
    # hr_admin manages access over the root with its subtree: the whole tenant, cluster roles included
    everything = RoleAssignment.objects.filter(tenant=cast.tenant).count()
    assert counts == {**dict.fromkeys(counts, 0), "hr_admin": everything, "other_tenant": 1}


@pytest.mark.parametrize("client_for", [token_client, session_client], ids=["token", "session"])
def test_retrieve_only_access_managers(cast, client_for):
    check_matrix(cast, "get", f"/api/role-assignments/{_asn_role(cast).pk}/", READ, client_for=client_for)


def test_create_only_access_managers(cast):
    body = {"user": cast.users["asn"].pk, "role": "opd_head", "org_unit": cast.units["disdik"].pk}
    check_matrix(cast, "post", "/api/role-assignments/", CREATE, data=body, client_for=token_client)


def test_end_only_access_managers(cast):
    url = f"/api/role-assignments/{_asn_role(cast).pk}/end/"
    check_matrix(cast, "post", url, READ, data={"valid_to": "2026-12-31", "reason": "Pensiun"}, client_for=token_client)


def test_create_and_end_through_the_services(cast):
    client = token_client(cast, "hr_admin")
    body = {
        "user": cast.users["asn"].pk,
        "role": "opd_head",
        "org_unit": cast.units["disdik"].pk,
        "valid_from": "2026-01-01",
        "valid_to": "2026-03-31",
        "note": "Plt Kepala Dinas",
    }
    created = client.post("/api/role-assignments/", body, format="json")
    assert created.status_code == 201, created.content
    data = created.json()
    assert (data["role"], data["org_unit"]["code"], data["user"]["username"]) == ("opd_head", "DISDIK", "asn")
    ended = client.post(
        f"/api/role-assignments/{data['id']}/end/", {"valid_to": "2026-02-28", "reason": "Dicabut"}, format="json"
    )
    assert ended.status_code == 200 and ended.json()["valid_to"] == "2026-02-28"
    bad = client.post(
        f"/api/role-assignments/{data['id']}/end/", {"valid_to": "2026-02-28", "reason": ""}, format="json"
    )
    assert bad.status_code == 400 and "reason" in bad.json()["fields"]


def test_users_of_another_tenant_cannot_be_named(cast):
    body = {"user": cast.users["other_tenant"].pk, "role": "asn", "org_unit": cast.units["disdik"].pk}
    response = token_client(cast, "hr_admin").post("/api/role-assignments/", body, format="json")
    assert response.status_code == 400
    assert response.json()["fields"] == {"user": ["Data tidak ditemukan."]}


@pytest.mark.parametrize(("persona", "status"), [("asn", 404), ("kepala_opd", 404), ("bupati", 403), ("verifier", 403)])
def test_nobody_without_access_manage_can_hand_out_a_cluster_role(cast, persona, status):
    # A cluster role grants its actions over every unit of the cluster: giving oneself hr_admin that way
    # would be an escalation. Only a tenant-wide access manager (over the root unit) may do it.
    before = RoleAssignment.objects.count()
    body = {"user": cast.users[persona].pk, "role": "hr_admin", "cluster": cast.clusters["asisten_1"].pk}
    response = token_client(cast, persona).post("/api/role-assignments/", body, format="json")
    assert response.status_code == status
    assert RoleAssignment.objects.count() == before


def test_a_tenant_wide_access_manager_may_give_and_end_a_cluster_role(cast):
    client = token_client(cast, "hr_admin")
    body = {"user": cast.users["asn"].pk, "role": "assistant", "cluster": cast.clusters["asisten_2"].pk}
    response = client.post("/api/role-assignments/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["cluster"]["code"] == "AS-II"
    url = f"/api/role-assignments/{response.json()['id']}/end/"
    ended = client.post(url, {"valid_to": "2026-12-31", "reason": "Selesai"}, format="json")
    assert ended.status_code == 200, ended.content


def test_role_filters(cast):
    client = token_client(cast, "hr_admin")
    by_user = client.get(f"/api/role-assignments/?user={cast.users['camat'].pk}").json()["results"]
    assert [(r["user"]["username"], r["role"]) for r in by_user] == [("camat", "camat")]
    by_role = client.get("/api/role-assignments/?role=asn").json()["results"]
    assert {r["user"]["username"] for r in by_role} == {"asn", "asn_other_opd"}


@pytest.mark.parametrize("page_size", [1, 20])
def test_list_runs_a_fixed_number_of_queries(cast, django_assert_num_queries, page_size):
    system = SystemActor(tenant_id=cast.tenant.pk, label="test")
    for day in range(1, 21):
        role_assign(
            actor=system,
            user=cast.users["asn"],
            role=Role.ASN,
            org_unit=cast.units["disdik_bidang"],
            valid_from=dt.date(2025, 1, day),
            valid_to=dt.date(2025, 1, day),
        )
    client = token_client(cast, "hr_admin")
    with django_assert_num_queries(ROLE_LIST_QUERIES):
        response = client.get(f"/api/role-assignments/?page_size={page_size}")
    assert len(response.json()["results"]) == page_size
