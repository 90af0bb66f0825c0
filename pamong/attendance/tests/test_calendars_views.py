"""Calendar pages: permission matrix of every page and form, the presets, the roster grid, pinned query counts."""

import datetime as dt

import pytest
from django.urls import reverse

from pamong.attendance.choices import ScheduleKind
from pamong.attendance.derive.calendar import week_json
from pamong.attendance.models import Holiday, RosterEntry, WorkSchedule
from pamong.attendance.rules.hours import FIVE_DAY_HOURS, SIX_DAY_HOURS
from pamong.attendance.services import calendars as services
from pamong.attendance.services import calendars_holidays as holidays
from pamong.attendance.services import calendars_rosters as rosters
from pamong.core.testing.matrix import check_matrix
from pamong.core.testing.personas import expectations

from .test_calendars_services import dirty_calls  # noqa: F401 - the shared fixture

pytestmark = pytest.mark.django_db

FORM = {"content_type": None}
READ = expectations(200, planner=403, anonymous=302)  # attendance.view anywhere (self access counts)
MANAGE_PAGE = expectations(403, hr_admin=200, other_tenant=200, anonymous=302)
MANAGE_ROW = expectations(403, hr_admin=200, planner=404, other_tenant=404, anonymous=302)
SEES_DISDIK = ("bupati", "sekda", "asisten", "kepala_opd", "hr_admin")


@pytest.fixture
def cal(cast, dirty_calls):  # noqa: F811
    hr = cast.users["hr_admin"]
    five = services.schedule_create(
        actor=hr, code="5HK", name="5 hari", week=week_json(FIVE_DAY_HOURS), is_default=True
    )
    shift_schedule = services.schedule_create(actor=hr, code="SHIFT", name="Shift", kind=ScheduleKind.ROSTER)
    services.unit_schedule_assign(
        actor=hr, org_unit=cast.units["disdik"], schedule=shift_schedule, valid_from=dt.date(2026, 1, 1)
    )
    holidays.holidays_seed(actor=hr, year=2026)
    shift = rosters.shift_create(actor=hr, code="P", name="Pagi", start=dt.time(7), end=dt.time(14))
    override = services.override_create(
        actor=hr,
        name="Ramadan",
        starts_on=dt.date(2026, 2, 18),
        ends_on=dt.date(2026, 3, 19),
        week=week_json(FIVE_DAY_HOURS),
    )
    return {
        "five": five,
        "shift": shift,
        "override": override,
        "holiday": Holiday.objects.filter(tenant=cast.tenant).first(),
    }


@pytest.mark.parametrize(
    "name",
    ["schedule_list", "unit_schedule_list", "override_list", "holiday_list", "shift_list", "roster_pick"],
)
def test_read_pages_matrix(cast, cal, name):
    responses = check_matrix(cast, "get", reverse(f"attendance:{name}"), READ)
    assert "Kalender kerja" in responses["asn"].content.decode()


@pytest.mark.parametrize(
    "name", ["schedule_create", "unit_schedule_assign", "override_create", "holiday_create", "shift_create"]
)
def test_manage_forms_matrix(cast, cal, name):
    check_matrix(cast, "get", reverse(f"attendance:{name}"), MANAGE_PAGE)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("schedule_update", "five"),
        ("override_update", "override"),
        ("holiday_deactivate", "holiday"),
        ("shift_update", "shift"),
    ],
)
def test_row_forms_matrix(cast, cal, name, key):
    check_matrix(cast, "get", reverse(f"attendance:{name}", args=[cal[key].pk]), MANAGE_ROW)


def test_writes_matrix(cast, cal):
    six = services.schedule_create(actor=cast.users["hr_admin"], code="6HK", name="6", week=week_json(SIX_DAY_HOURS))
    check_matrix(
        cast,
        "post",
        reverse("attendance:schedule_default", args=[six.pk]),
        expectations(403, hr_admin=302, planner=404, other_tenant=404, anonymous=302),
        **FORM,
    )
    check_matrix(
        cast,
        "post",
        reverse("attendance:holiday_seed"),
        expectations(403, hr_admin=302, other_tenant=302, anonymous=302),
        data={"year": "2026"},
        **FORM,
    )
    check_matrix(
        cast,
        "post",
        reverse("attendance:holiday_deactivate", args=[cal["holiday"].pk]),
        expectations(403, hr_admin=302, planner=404, other_tenant=404, anonymous=302),
        data={"reason": "SKB perubahan"},
        **FORM,
    )
    week = {f"d{i}_{p}": v for i in range(5) for p, v in (("on", "on"), ("start", "07:30"), ("end", "16:00"))}
    week.update({"d4_end": "16:30"})
    check_matrix(
        cast,
        "post",
        reverse("attendance:schedule_update", args=[cal["five"].pk]),
        expectations(403, hr_admin=302, planner=404, other_tenant=404, anonymous=302),
        data={"name": "Lima hari", "is_active": "on", **week},
        **FORM,
    )


def test_roster_month_matrix(cast, cal):
    url = reverse("attendance:roster_month", args=[cast.units["disdik"].pk, 2026, 11])
    responses = check_matrix(cast, "get", url, expectations(404, anonymous=302, **dict.fromkeys(SEES_DISDIK, 200)))
    budi = cast.employees["kepala_opd"]
    assert f'name="c-{budi.pk}-3"' in responses["kepala_opd"].content.decode()
    assert f'name="c-{budi.pk}-3"' not in responses["bupati"].content.decode()  # read-only grid
    check_matrix(
        cast,
        "post",
        url,
        expectations(404, anonymous=302, bupati=403, sekda=403, asisten=403, kepala_opd=302, hr_admin=302),
        data={f"c-{budi.pk}-3": "P", f"c-{budi.pk}-4": "-"},
        **FORM,
    )


def test_roster_grid_saves_in_one_post(cast, cal):
    client = cast.client_for("kepala_opd")
    budi, citra = cast.employees["kepala_opd"], cast.employees["asn"]
    url = reverse("attendance:roster_month", args=[cast.units["disdik"].pk, 2026, 11])
    response = client.post(url, {f"c-{budi.pk}-3": "P", f"c-{budi.pk}-4": "-", f"c-{citra.pk}-3": ""})
    assert response.status_code == 302
    entries = {(e.employee_id, e.date.day): e.shift_id for e in RosterEntry.objects.all()}
    assert entries == {(budi.pk, 3): cal["shift"].pk, (budi.pk, 4): None}
    page = client.get(url).content.decode()
    assert 'value="P" selected' in page


def test_schedule_presets_fill_the_week(cast, cal):
    client = cast.client_for("hr_admin")
    page = client.get(reverse("attendance:schedule_create") + "?pola=6").content.decode()
    assert 'name="d5_start" value="07:00"' in page and 'data-testid="preset-5"' in page
    week = {f"d{i}_{p}": v for i in range(4) for p, v in (("on", "on"), ("start", "07:30"), ("end", "16:00"))}
    response = client.post(
        reverse("attendance:schedule_create"), {"code": "PENDEK", "name": "Pendek", "kind": "fixed_week", **week}
    )
    assert response.status_code == 200 and "kurang dari minimum" in response.content.decode()
    assert not WorkSchedule.objects.filter(code="PENDEK").exists()


LIST_QUERIES = {
    "schedule_list": 7,
    "holiday_list": 8,
    "unit_schedule_list": 9,
    "override_list": 8,
    "shift_list": 7,
}


@pytest.mark.parametrize("name", sorted(LIST_QUERIES))
def test_list_query_counts_are_fixed(cast, cal, name, django_assert_num_queries):
    client = cast.client_for("sekda")
    url = reverse(f"attendance:{name}")
    client.get(url)
    with django_assert_num_queries(LIST_QUERIES[name]):
        client.get(url)
    hr = cast.users["hr_admin"]
    services.schedule_create(actor=hr, code="6HK", name="6", week=week_json(SIX_DAY_HOURS))
    services.unit_schedule_assign(
        actor=hr, org_unit=cast.units["kec"], schedule=cal["five"], valid_from=dt.date(2026, 2, 1)
    )
    holidays.holiday_create(actor=hr, date=dt.date(2026, 9, 9), name="Hari jadi")
    rosters.shift_create(actor=hr, code="S", name="Siang", start=dt.time(14), end=dt.time(21))
    with django_assert_num_queries(LIST_QUERIES[name]):
        client.get(url)


ROSTER_QUERIES = 15


def test_roster_month_query_count_is_fixed(cast, cal, django_assert_num_queries):
    client = cast.client_for("kepala_opd")
    url = reverse("attendance:roster_month", args=[cast.units["disdik"].pk, 2026, 11])
    client.get(url)
    with django_assert_num_queries(ROSTER_QUERIES):
        client.get(url)
    budi, citra = cast.employees["kepala_opd"], cast.employees["asn"]
    client.post(
        url, {**{f"c-{budi.pk}-{d}": "P" for d in range(1, 20)}, **{f"c-{citra.pk}-{d}": "-" for d in range(1, 9)}}
    )
    with django_assert_num_queries(ROSTER_QUERIES):
        client.get(url)
