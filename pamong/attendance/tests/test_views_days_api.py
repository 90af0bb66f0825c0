"""The days and recaps API: scoped lists with filters, pinned query counts, month close and recap corrections."""

import pytest

from pamong.attendance.models import AttendanceDay, MonthClose, RecapAdjustment
from pamong.core.testing.matrix import check_matrix, token_client
from pamong.core.testing.personas import expectations

from .test_views_days import MONTH, YEAR, build_october

pytestmark = pytest.mark.django_db


@pytest.fixture
def october(cast):
    return build_october(cast)


DAYS = "/api/attendance/days/"
RECAPS = "/api/attendance/recaps/"


def employees_seen(response):
    return {row["employee"] for row in response.json()["results"]}


def test_days_list_is_scoped(october):
    cast = october
    responses = check_matrix(cast, "get", DAYS, expectations(200, anonymous=401), client_for=token_client)
    asn, head = cast.employees["asn"].pk, cast.employees["kepala_opd"].pk
    assert employees_seen(responses["asn"]) == {asn}
    assert employees_seen(responses["kepala_opd"]) == {asn, head}
    assert employees_seen(responses["sekda"]) == {asn, head}
    assert employees_seen(responses["asn_other_opd"]) == set()
    assert employees_seen(responses["camat"]) == set()
    assert responses["other_tenant"].json()["count"] == 0


def test_days_filters_and_query_count(october, django_assert_num_queries):
    cast = october
    client = token_client(cast, "kepala_opd")
    url = f"{DAYS}?employee={cast.employees['asn'].pk}&from=2026-10-05&to=2026-10-09&status=late"
    rows = client.get(url).json()["results"]
    assert [(r["date"], r["late_minutes"], r["check_in"]) for r in rows] == [("2026-10-05", 22, "07:52")]
    unit = client.get(f"{DAYS}?unit={cast.units['disdik_bidang'].pk}&page_size=100").json()
    assert unit["count"] == 31 and employees_seen(client.get(f"{DAYS}?unit={cast.units['disdik_bidang'].pk}")) == {
        cast.employees["asn"].pk
    }
    assert client.get(f"{DAYS}?unit={cast.units['dinkes'].pk}").status_code == 404
    assert client.get(f"{DAYS}?status=sideways").status_code == 400
    # token (with its user), tenant, roles, count, page (a page of 50 of the 62 days)
    with django_assert_num_queries(5):
        assert len(client.get(DAYS).json()["results"]) == 50
    assert AttendanceDay.objects.count() == 62


def test_recaps_list_is_scoped(october, django_assert_num_queries):
    cast = october
    url = f"{RECAPS}?year={YEAR}&month={MONTH}"
    responses = check_matrix(cast, "get", url, expectations(200, anonymous=401), client_for=token_client)
    asn, head, nurse = (cast.employees[k].pk for k in ("asn", "kepala_opd", "asn_other_opd"))
    assert employees_seen(responses["asn"]) == {asn}
    assert employees_seen(responses["kepala_opd"]) == {asn, head}
    assert employees_seen(responses["hr_admin"]) == {asn, head, nurse}
    assert employees_seen(responses["asisten"]) == {asn, head}
    assert employees_seen(responses["verifier"]) == set()
    client = token_client(cast, "hr_admin")
    assert employees_seen(client.get(f"{url}&unit={cast.units['dinkes'].pk}")) == {nurse}
    assert client.get(RECAPS).status_code == 400  # year and month are required
    with django_assert_num_queries(5):  # token, tenant, roles, count, page
        client.get(url)


def test_recap_adjust_matrix(october):
    cast = october
    MonthClose.objects.create(tenant=cast.tenant, year=YEAR, month=MONTH)
    url = f"{RECAPS}{cast.recaps['asn'].pk}/adjust/"
    body = {"field": "absent_days", "new_value": 0, "reason": "SPT susulan diterima"}
    check_matrix(
        cast,
        "post",
        url,
        expectations(
            403, camat=404, verifier=404, asn_other_opd=404, planner=404, other_tenant=404, hr_admin=200, anonymous=401
        ),
        data=body,
        client_for=token_client,
    )
    response = token_client(cast, "hr_admin").post(url, body, format="json")
    assert response.json()["new_value"] == 0
    assert RecapAdjustment.objects.get().old_value == 1


def test_month_close_matrix(october):
    cast = october
    url = "/api/attendance/months/close/"
    body = {"year": YEAR, "month": MONTH, "note": "final"}
    check_matrix(
        cast,
        "post",
        url,
        expectations(403, hr_admin=201, other_tenant=201, planner=404, anonymous=401),
        data=body,
        client_for=token_client,
    )
