"""Excuses and outages API: the permission matrix, the same services as the pages, pinned list query counts."""

import datetime as dt

import pytest

from pamong.attendance.choices import ExcuseKind, ExcuseStatus
from pamong.attendance.models import Excuse, Outage
from pamong.attendance.services.excuses import excuse_request
from pamong.attendance.services.outages import outage_declare
from pamong.core.testing.matrix import check_matrix, session_client, token_client
from pamong.core.testing.personas import expectations

pytestmark = pytest.mark.django_db

MON = dt.date(2026, 11, 9)
BASE = "/api/attendance/excuses/"
SEES_ASN = {"bupati": 200, "sekda": 200, "asisten": 200, "kepala_opd": 200, "hr_admin": 200, "asn": 200}


def asn_excuse(cast, day=MON):
    return excuse_request(
        actor=cast.users["asn"],
        employee=cast.employees["asn"],
        kind=ExcuseKind.SICK,
        starts_on=day,
        ends_on=day,
        reason="Demam",
    )


def test_matrix_reads(cast):
    excuse = asn_excuse(cast)
    for client_for in (token_client, session_client):
        check_matrix(cast, "get", BASE, expectations(200, anonymous=401), client_for=client_for)
    check_matrix(
        cast, "get", f"{BASE}{excuse.pk}/", expectations(404, anonymous=401, **SEES_ASN), client_for=token_client
    )
    check_matrix(cast, "get", "/api/attendance/outages/", expectations(200, anonymous=401), client_for=token_client)


def test_matrix_writes(cast):
    excuse = asn_excuse(cast)
    own = {"kind": "permit", "starts_on": "2026-11-10", "ends_on": "2026-11-10", "reason": "Ke bank"}
    created = dict.fromkeys(("sekda", "kepala_opd", "camat", "verifier", "hr_admin", "asn", "asn_other_opd"), 201)
    check_matrix(cast, "post", BASE, expectations(400, anonymous=401, **created), data=own, client_for=token_client)
    seen = {"bupati": 403, "sekda": 403, "asisten": 403, "asn": 403}
    check_matrix(
        cast,
        "post",
        f"{BASE}{excuse.pk}/approve/",
        expectations(404, anonymous=401, kepala_opd=200, hr_admin=200, **seen),
        data={},
        client_for=token_client,
    )
    check_matrix(
        cast,
        "post",
        f"{BASE}{excuse.pk}/cancel/",
        expectations(404, anonymous=401, **{**seen, "asn": 200, "kepala_opd": 403, "hr_admin": 403}),
        data={},
        client_for=token_client,
    )
    outage = {"date": "2026-11-10", "start_time": "07:00", "end_time": "08:00", "reason": "Server mati"}
    check_matrix(
        cast,
        "post",
        "/api/attendance/outages/",
        expectations(403, anonymous=401, hr_admin=201, other_tenant=201, planner=404),
        data=outage,
        client_for=token_client,
    )


def test_request_for_staff_reject_and_revoke_through_the_api(cast):
    hr = token_client(cast, "hr_admin")
    response = hr.post(
        BASE,
        {
            "employee": cast.employees["asn"].pk,
            "kind": "leave",
            "leave_kind": "tahunan",
            "starts_on": "2026-11-09",
            "ends_on": "2026-11-13",
            "reason": "Cuti",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["excuse"]["working_days"] == 5 and body["superior"]["employee_name"] == "Budi Kadisdik"
    pk = body["excuse"]["id"]
    head = token_client(cast, "kepala_opd")
    refused = head.post(f"{BASE}{pk}/reject/", {}, format="json")
    assert refused.status_code == 400 and "reason" in refused.json()["fields"]
    assert head.post(f"{BASE}{pk}/approve/", {"reason": "Silakan"}, format="json").status_code == 200
    again = hr.post(f"{BASE}{pk}/approve/", {}, format="json")
    assert again.status_code == 409
    revoked = head.post(f"{BASE}{pk}/revoke/", {"reason": "Ada tugas mendadak"}, format="json")
    assert revoked.status_code == 200 and revoked.json()["excuse"]["status"] == ExcuseStatus.CANCELLED
    assert [s["action"] for s in revoked.json()["steps"]] == ["request", "approve", "revoke"]


def test_queue_lists_what_waits_for_me(cast):
    excuse = asn_excuse(cast)
    rows = token_client(cast, "kepala_opd").get(BASE, {"queue": "true"}).json()["results"]
    assert [r["id"] for r in rows] == [excuse.pk]
    assert token_client(cast, "camat").get(BASE, {"queue": "true"}).json()["results"] == []


def test_outage_declare_and_revoke(cast):
    hr = token_client(cast, "hr_admin")
    response = hr.post(
        "/api/attendance/outages/",
        {
            "date": "2026-11-10",
            "start_time": "07:00",
            "end_time": "08:00",
            "reason": "Server mati",
            "org_unit": cast.units["disdik"].pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert response.json()["org_unit"]["name"] == "Dinas Pendidikan"
    revoked = hr.post(f"/api/attendance/outages/{pk}/revoke/", {"reason": "Salah unit"}, format="json")
    assert revoked.status_code == 200 and revoked.json()["is_active"] is False


@pytest.mark.parametrize("count", [2, 6])
def test_list_endpoints_pinned_query_counts(cast, django_assert_num_queries, count):
    for n in range(count):
        asn_excuse(cast, MON + dt.timedelta(days=7 * n))
        outage_declare(
            actor=cast.users["hr_admin"],
            date=MON + dt.timedelta(days=n),
            start_time=dt.time(7),
            end_time=dt.time(8),
            reason="Server",
            org_unit=cast.units["disdik"],
            today=MON,
        )
    assert Excuse.objects.count() == count and Outage.objects.count() == count
    client = token_client(cast, "hr_admin")
    client.get(BASE)
    with django_assert_num_queries(5):
        assert len(client.get(BASE).json()["results"]) == count
    head = token_client(cast, "kepala_opd")
    head.get(BASE)
    with django_assert_num_queries(5):
        assert len(head.get(BASE, {"queue": "true"}).json()["results"]) == count
    with django_assert_num_queries(5):
        assert len(client.get("/api/attendance/outages/").json()["results"]) == count
