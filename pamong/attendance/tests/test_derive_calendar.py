"""The calendar side of the derivation: ScheduleDay from week, overrides and holidays; unit schedule spans."""

import datetime as dt

import pytest

from pamong.attendance.choices import HolidayKind, ScheduleKind
from pamong.attendance.derive.calendar import (
    schedule_days_rebuild,
    unit_schedule_spans,
    week_json,
    week_schedule_of,
)
from pamong.attendance.models import Holiday, ScheduleDay, ScheduleOverride, UnitSchedule, WorkSchedule
from pamong.attendance.rules.errors import ScheduleError
from pamong.attendance.rules.hours import FIVE_DAY_HOURS, RAMADAN_FIVE_DAY_HOURS, SIX_DAY_HOURS

pytestmark = pytest.mark.django_db


def test_week_json_round_trips_the_presets():
    for preset in (FIVE_DAY_HOURS, SIX_DAY_HOURS, RAMADAN_FIVE_DAY_HOURS):
        assert week_schedule_of(week_json(preset)) == preset


def test_an_invalid_week_raises_the_rules_error():
    week = week_json(FIVE_DAY_HOURS)
    week[0] = {"start": "16:00", "end": "07:30"}
    with pytest.raises(ScheduleError):
        week_schedule_of(week)


def test_schedule_days_from_week_override_and_holidays(cast):
    tenant = cast.tenant
    five = WorkSchedule.objects.create(tenant=tenant, code="5H", name="5 hari", week=week_json(FIVE_DAY_HOURS))
    ScheduleOverride.objects.create(
        tenant=tenant,
        name="Ramadan",
        starts_on=dt.date(2026, 2, 18),
        ends_on=dt.date(2026, 3, 19),
        week=week_json(RAMADAN_FIVE_DAY_HOURS),
    )
    Holiday.objects.create(tenant=tenant, date=dt.date(2026, 3, 20), name="Idul Fitri", kind=HolidayKind.NATIONAL)
    Holiday.objects.create(tenant=tenant, date=dt.date(2026, 3, 23), name="Cuti bersama", kind=HolidayKind.CUTI_BERSAMA)
    Holiday.objects.create(
        tenant=tenant, date=dt.date(2026, 3, 24), name="Dibatalkan", kind=HolidayKind.LOCAL, is_active=False
    )
    written = schedule_days_rebuild(tenant_id=tenant.pk, start=dt.date(2026, 3, 16), end=dt.date(2026, 3, 24))
    assert written == 9
    days = {d.date.day: d for d in ScheduleDay.objects.filter(schedule=five)}
    assert (days[16].start_min, days[16].end_min, days[16].break_start_min) == (480, 900, 720)  # Ramadan 08.00–15.00
    assert days[20].start_min is None and days[20].holiday == "Idul Fitri"  # holiday (a Friday)
    assert days[21].start_min is None and days[22].start_min is None  # weekend
    assert days[23].start_min is None  # cuti bersama counts as a day off by default
    assert (days[24].start_min, days[24].end_min) == (450, 960)  # back to 07.30–16.00; inactive holiday ignored
    # Rebuilding replaces, never duplicates.
    schedule_days_rebuild(tenant_id=tenant.pk, start=dt.date(2026, 3, 16), end=dt.date(2026, 3, 24))
    assert ScheduleDay.objects.count() == 9


def test_units_inherit_the_nearest_schedule_then_the_default(cast):
    tenant, units = cast.tenant, cast.units
    five = WorkSchedule.objects.create(
        tenant=tenant, code="5H", name="5 hari", week=week_json(FIVE_DAY_HOURS), is_default=True
    )
    six = WorkSchedule.objects.create(tenant=tenant, code="6H", name="6 hari", week=week_json(SIX_DAY_HOURS))
    shifts = WorkSchedule.objects.create(tenant=tenant, code="SHIFT", name="Shift", kind=ScheduleKind.ROSTER)
    UnitSchedule.objects.create(tenant=tenant, org_unit=units["disdik"], schedule=six, valid_from=dt.date(2026, 11, 10))
    UnitSchedule.objects.create(
        tenant=tenant, org_unit=units["dinkes"], schedule=shifts, valid_from=dt.date(2026, 1, 1), valid_to=None
    )
    spans = unit_schedule_spans(tenant_id=tenant.pk, start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30))
    by_unit: dict[int, list[tuple]] = {}
    for s in spans:
        by_unit.setdefault(s.unit_id, []).append((s.schedule_id, s.kind, s.starts_on.day, s.ends_on.day))
    nov = (1, 30)
    assert by_unit[units["kec"].pk] == [(five.pk, "fixed_week", *nov)]
    assert by_unit[units["dinkes"].pk] == [(shifts.pk, "roster", *nov)]
    expected_disdik = [(five.pk, "fixed_week", 1, 9), (six.pk, "fixed_week", 10, 30)]
    assert by_unit[units["disdik"].pk] == expected_disdik
    assert by_unit[units["disdik_bidang"].pk] == expected_disdik  # inherited from the parent
