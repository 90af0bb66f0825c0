"""Another tenant's user never meets a row of the cast tenant: not in a list, not by id, not as a reference."""

from __future__ import annotations

import pytest

from pamong.access.models import RoleAssignment
from pamong.core.testing.matrix import token_client
from pamong.org.models import OrgUnit, Position
from pamong.people.models import Assignment, Employee

pytestmark = pytest.mark.django_db

LISTS = {
    "/api/units/?include_closed=true": OrgUnit,
    "/api/positions/": Position,
    "/api/employees/": Employee,
    "/api/role-assignments/": RoleAssignment,
}


def _cast_ids(cast, model):
    return set(model.objects.filter(tenant_id=cast.tenant.pk).values_list("pk", flat=True))


@pytest.mark.parametrize("url", list(LISTS))
def test_lists_of_the_other_tenant_hold_none_of_the_cast_tenants_rows(cast, url):
    model = LISTS[url]
    client = token_client(cast, "other_tenant")
    response = client.get(f"{url}{'&' if '?' in url else '?'}page_size=500")
    assert response.status_code == 200
    ids = {row["id"] for row in response.json()["results"]}
    assert not ids & _cast_ids(cast, model)
    # and what it does list is its own tenant's
    assert ids <= set(model.objects.filter(tenant_id=cast.other_tenant.pk).values_list("pk", flat=True))


def test_the_other_tenants_admin_sees_its_own_data(cast):
    units = token_client(cast, "other_tenant").get("/api/units/").json()["results"]
    assert [u["id"] for u in units] == [cast.units["other_root"].pk]


def test_no_cast_row_is_reachable_by_id(cast):
    client = token_client(cast, "other_tenant")
    urls = [f"/api/units/{pk}/" for pk in _cast_ids(cast, OrgUnit)]
    urls += [f"/api/units/{cast.units['disdik'].pk}/heads/"]
    urls += [f"/api/positions/{pk}/" for pk in _cast_ids(cast, Position)]
    urls += [f"/api/employees/{pk}/" for pk in _cast_ids(cast, Employee)]
    urls += [f"/api/employees/{pk}/assignments/" for pk in _cast_ids(cast, Employee)]
    urls += [f"/api/assignments/{pk}/" for pk in _cast_ids(cast, Assignment)]
    urls += [f"/api/role-assignments/{pk}/" for pk in _cast_ids(cast, RoleAssignment)]
    reached = [url for url in urls if client.get(url).status_code != 404]
    assert reached == []


def test_cast_rows_cannot_be_named_in_filters_or_bodies(cast):
    client = token_client(cast, "other_tenant")
    disdik = cast.units["disdik"].pk
    assert client.get(f"/api/employees/?org_unit={disdik}").status_code == 400
    assert client.get(f"/api/units/?parent={disdik}").status_code == 400
    assert client.get(f"/api/units/?cluster={cast.clusters['asisten_1'].pk}").status_code == 400
    body = {"parent": disdik, "code": "X", "name": "X", "kind": "seksi"}
    response = client.post("/api/units/", body, format="json")
    assert response.status_code == 400 and response.json()["fields"] == {"parent": ["Data tidak ditemukan."]}
    assert not OrgUnit.objects.filter(code="X").exists()
