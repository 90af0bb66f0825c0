"""Calendars API: permission matrix of every endpoint (token, and session for reads and one write), the same
services as the pages, pinned query counts of the lists."""

import datetime as dt

import pytest

from pamong.attendance.derive.calendar import week_json
from pamong.attendance.models import RosterEntry
from pamong.attendance.rules.hours import RAMADAN_FIVE_DAY_HOURS, SIX_DAY_HOURS
from pamong.attendance.services import calendars as services
from pamong.attendance.services import calendars_holidays as holidays
from pamong.attendance.services import calendars_rosters as rosters
from pamong.core.testing.matrix import check_matrix, session_client, token_client
from pamong.core.testing.personas import expectations

from .test_calendars_services import dirty_calls  # noqa: F401 - the shared fixture
from .test_calendars_views import cal  # noqa: F401 - the shared calendar

pytestmark = pytest.mark.django_db

BASE = "/api/attendance"
LIST = expectations(200, anonymous=401)
READ_ROW = expectations(200, planner=404, other_tenant=404, anonymous=401)
MANAGE_CREATE = {"hr_admin": 201, "other_tenant": 201, "planner": 404}
MANAGE_ROW = expectations(403, hr_admin=200, planner=404, other_tenant=404, anonymous=401)
SIX = week_json(SIX_DAY_HOURS)
CLIENTS = pytest.mark.parametrize("client_for", [token_client, session_client], ids=["token", "session"])


def created(**overrides):
    return expectations(403, anonymous=401, **{**MANAGE_CREATE, **overrides})


@CLIENTS
@pytest.mark.parametrize("path", ["schedules", "unit-schedules", "overrides", "holidays", "shifts", "rosters"])
def test_lists_matrix(cast, cal, client_for, path):  # noqa: F811
    responses = check_matrix(cast, "get", f"{BASE}/{path}/", LIST, client_for=client_for)
    assert responses["planner"].json()["count"] == 0  # holds attendance.view nowhere
    assert responses["other_tenant"].json()["count"] == 0  # Kota Lain has no calendar yet
    if path in ("schedules", "holidays", "shifts", "overrides"):
        assert responses["asn"].json()["count"] > 0  # the hours everyone works are no secret


def test_list_rows_by_scope(cast, cal):  # noqa: F811
    units = check_matrix(cast, "get", f"{BASE}/unit-schedules/", LIST, client_for=token_client)
    assert [r["org_unit"]["code"] for r in units["kepala_opd"].json()["results"]] == ["DISDIK"]
    assert units["camat"].json()["count"] == 0
    budi = cast.employees["kepala_opd"]
    rosters.roster_save(
        actor=cast.users["kepala_opd"],
        org_unit=cast.units["disdik"],
        year=2026,
        month=11,
        cells=[rosters.RosterCell(budi.pk, dt.date(2026, 11, 2), "P")],
    )
    entries = check_matrix(cast, "get", f"{BASE}/rosters/?year=2026&month=11", LIST, client_for=token_client)
    assert entries["kepala_opd"].json()["results"] == [
        {"id": RosterEntry.objects.get().pk, "employee": budi.pk, "date": "2026-11-02", "shift": "P"}
    ]
    assert entries["asn"].json()["count"] == 0 and entries["camat"].json()["count"] == 0
    holidays_2026 = cast.client_for("asn").get(f"{BASE}/holidays/?year=2026").json()
    assert holidays_2026["count"] == 25


@pytest.mark.parametrize(
    ("path", "key"), [("schedules", "five"), ("overrides", "override"), ("holidays", "holiday"), ("shifts", "shift")]
)
def test_detail_matrix(cast, cal, path, key):  # noqa: F811
    check_matrix(cast, "get", f"{BASE}/{path}/{cal[key].pk}/", READ_ROW, client_for=token_client)


@CLIENTS
def test_schedule_writes_matrix(cast, cal, client_for):  # noqa: F811
    body = {"code": "6HK", "name": "6 hari", "week": SIX}
    check_matrix(cast, "post", f"{BASE}/schedules/", created(), data=body, client_for=client_for)
    check_matrix(
        cast,
        "put",
        f"{BASE}/schedules/{cal['five'].pk}/",
        MANAGE_ROW,
        data={"name": "Lima hari", "week": cal["five"].week},
        client_for=client_for,
    )


def test_other_writes_matrix(cast, cal):  # noqa: F811
    hr = cast.users["hr_admin"]
    six = services.schedule_create(actor=hr, code="6HK", name="6", week=SIX)
    check_matrix(cast, "post", f"{BASE}/schedules/{six.pk}/default/", MANAGE_ROW, client_for=token_client)
    check_matrix(
        cast,
        "post",
        f"{BASE}/overrides/",
        created(),
        data={
            "name": "Ramadan 1448 H",
            "starts_on": "2027-02-08",
            "ends_on": "2027-03-09",
            "week": week_json(RAMADAN_FIVE_DAY_HOURS),
        },
        client_for=token_client,
    )
    check_matrix(
        cast,
        "post",
        f"{BASE}/holidays/seed/",
        created(hr_admin=200, other_tenant=200),
        data={"year": 2025},
        client_for=token_client,
    )
    check_matrix(
        cast,
        "post",
        f"{BASE}/holidays/",
        created(),
        data={"date": "2026-09-09", "name": "Hari jadi kabupaten"},
        client_for=token_client,
    )
    check_matrix(
        cast,
        "post",
        f"{BASE}/holidays/{cal['holiday'].pk}/deactivate/",
        MANAGE_ROW,
        data={"reason": "SKB perubahan"},
        client_for=token_client,
    )
    check_matrix(
        cast,
        "post",
        f"{BASE}/shifts/",
        created(),
        data={"code": "M", "name": "Malam", "start": "21:00", "end": "07:00"},
        client_for=token_client,
    )
    check_matrix(
        cast,
        "put",
        f"{BASE}/shifts/{cal['shift'].pk}/",
        MANAGE_ROW,
        data={"name": "Pagi", "start": "07:00", "end": "14:30"},
        client_for=token_client,
    )
    # Assigning needs the unit in sight (else a field error) and attendance.manage over it.
    check_matrix(
        cast,
        "post",
        f"{BASE}/unit-schedules/",
        expectations(400, anonymous=401, bupati=403, sekda=403, asisten=403, kepala_opd=403, hr_admin=201),
        data={"org_unit": cast.units["disdik"].pk, "schedule": six.pk, "valid_from": "2026-12-01"},
        client_for=token_client,
    )


@CLIENTS
def test_roster_save_matrix(cast, cal, client_for):  # noqa: F811
    budi = cast.employees["kepala_opd"]
    responses = check_matrix(
        cast,
        "post",
        f"{BASE}/rosters/",
        expectations(404, anonymous=401, bupati=403, sekda=403, asisten=403, kepala_opd=200, hr_admin=200),
        data={
            "unit": cast.units["disdik"].pk,
            "year": 2026,
            "month": 11,
            "cells": [
                {"employee": budi.pk, "date": "2026-11-02", "shift": "P"},
                {"employee": budi.pk, "date": "2026-11-03", "shift": None},
            ],
        },
        client_for=client_for,
    )
    assert responses["kepala_opd"].json() == {"created": 2, "updated": 0, "removed": 0}


def test_api_refusals_speak_indonesian(cast, cal):  # noqa: F811
    client = cast.client_for("hr_admin")
    short = [*SIX[:3], None, None, None, None]
    response = client.post(
        f"{BASE}/schedules/", {"code": "X", "name": "x", "week": short}, content_type="application/json"
    )
    assert response.status_code == 400 and "kurang dari minimum" in response.json()["fields"]["week"][0]
    response = client.post(f"{BASE}/holidays/seed/", {"year": 2031}, content_type="application/json")
    assert response.status_code == 400 and "2031" in response.json()["detail"]


LIST_QUERIES = {"schedules": 5, "unit-schedules": 5, "overrides": 5, "holidays": 5, "shifts": 5, "rosters": 5}


@pytest.mark.parametrize("path", sorted(LIST_QUERIES))
def test_list_query_counts_are_fixed(cast, cal, path, django_assert_num_queries):  # noqa: F811
    client = token_client(cast, "sekda")
    url = f"{BASE}/{path}/?year=2026&month=11" if path == "rosters" else f"{BASE}/{path}/"
    budi, citra = cast.employees["kepala_opd"], cast.employees["asn"]
    one = [rosters.RosterCell(budi.pk, dt.date(2026, 11, 30), "P")]  # a page with rows, not the empty short cut
    rosters.roster_save(actor=cast.users["hr_admin"], org_unit=cast.units["disdik"], year=2026, month=11, cells=one)
    client.get(url)
    with django_assert_num_queries(LIST_QUERIES[path]):
        client.get(url)
    hr = cast.users["hr_admin"]
    services.schedule_create(actor=hr, code="6HK", name="6", week=SIX)
    services.unit_schedule_assign(
        actor=hr, org_unit=cast.units["kec"], schedule=cal["five"], valid_from=dt.date(2026, 2, 1)
    )
    holidays.holiday_create(actor=hr, date=dt.date(2026, 9, 9), name="Hari jadi")
    rosters.shift_create(actor=hr, code="S", name="Siang", start=dt.time(14), end=dt.time(21))
    rosters.roster_save(
        actor=hr,
        org_unit=cast.units["disdik"],
        year=2026,
        month=11,
        cells=[rosters.RosterCell(e.pk, dt.date(2026, 11, d), "S") for e in (budi, citra) for d in range(1, 6)],
    )
    with django_assert_num_queries(LIST_QUERIES[path]):
        client.get(url)
