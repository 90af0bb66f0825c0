"""Edge cases of the day derivation, table by table: seconds, missing check-out, absence, excuses, days off,
holidays, time zones, midnight shifts, outages, stale rows, closed months, the employee filter."""

from __future__ import annotations

import datetime as dt

import pytest

from pamong.attendance.choices import ExcuseStatus, HolidayKind, ScheduleKind
from pamong.attendance.derive.calendar import schedule_days_rebuild, week_json
from pamong.attendance.derive.days import derive_days
from pamong.attendance.models import (
    AttendanceDay,
    Excuse,
    Holiday,
    MonthClose,
    Outage,
    RosterEntry,
    Shift,
    UnitSchedule,
    WorkSchedule,
)
from pamong.attendance.rules.hours import FIVE_DAY_HOURS
from pamong.attendance.services.punches import PunchIn, punches_ingest

from .test_derive_differential import add_punches

pytestmark = pytest.mark.django_db

MON = dt.date(2026, 3, 2)  # a Monday: 07:30-16:00, break 12:00-13:00 (FIVE_DAY_HOURS)
FRI = dt.date(2026, 3, 6)  # Friday: 07:30-16:30, break 11:30-13:00
SAT = dt.date(2026, 3, 7)


def setup_calendar(cast, *, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31)) -> WorkSchedule:
    schedule = WorkSchedule.objects.create(
        tenant=cast.tenant, code="5H", name="5 hari", week=week_json(FIVE_DAY_HOURS), is_default=True
    )
    schedule_days_rebuild(tenant_id=cast.tenant.pk, start=start, end=end)
    return schedule


def hm(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def day_of(cast, key: str, day: dt.date) -> AttendanceDay:
    return AttendanceDay.objects.get(tenant=cast.tenant, employee=cast.employees[key], date=day)


@pytest.mark.parametrize(
    ("day", "punches", "status", "late", "early", "check_in", "check_out"),
    [
        (MON, ["07:25", "16:05"], "present", 0, 0, "07:25", "16:05"),
        (MON, ["07:52", "16:00"], "late", 22, 0, "07:52", "16:00"),  # rules.md §2.4
        (MON, ["07:20", "15:10"], "early_leave", 0, 50, "07:20", "15:10"),  # rules.md §2.4
        (MON, ["08:00", "15:00"], "late_and_early_leave", 30, 60, "08:00", "15:00"),
        (MON, ["12:30", "16:00"], "late", 270, 0, "12:30", "16:00"),  # 300 minutes minus 30 of the break
        (MON, ["07:30", "12:15"], "early_leave", 0, 180, "07:30", "12:15"),  # 225 minutes minus 45 of the break
        (MON, ["07:31"], "missing_check_out", 1, 0, "07:31", None),
        (MON, ["07:10", "07:40"], "missing_check_out", 0, 0, "07:10", None),  # second punch within the gap
        (MON, [], "absent", 0, 0, None, None),
        (FRI, ["07:30", "16:29"], "early_leave", 0, 1, "07:30", "16:29"),  # Friday ends 16:30
        (SAT, ["08:00", "12:00"], "off", 0, 0, None, None),  # weekend: off whatever the punches
    ],
)
def test_day_table(cast, day, punches, status, late, early, check_in, check_out):
    setup_calendar(cast)
    asn = cast.employees["asn"]
    add_punches(cast.tenant, [(asn.pk, day, hm(p)) for p in punches])
    derive_days(tenant_id=cast.tenant.pk, start=day, end=day, employee_ids=[asn.pk])
    row = day_of(cast, "asn", day)
    assert (row.status, row.late_minutes, row.early_minutes) == (status, late, early)
    assert (row.check_in_min, row.check_out_min) == (
        None if check_in is None else hm(check_in),
        None if check_out is None else hm(check_out),
    )
    assert row.punch_count == len(punches)
    assert row.org_unit_id == asn.org_unit_id


def test_seconds_are_dropped_and_the_tenant_zone_decides(cast):
    """07:30:59 WITA is on time; 07:31 WITA sent as 23:31 UTC the evening before is one minute late."""
    setup_calendar(cast)
    now = dt.datetime(2026, 3, 10, tzinfo=dt.UTC)
    asn, other = cast.employees["asn"], cast.employees["asn_other_opd"]
    punches = [
        PunchIn(dt.datetime(2026, 3, 2, 7, 30, 59), "k1", employee_id=asn.pk),  # naive = WITA wall time
        PunchIn(dt.datetime(2026, 3, 2, 16, 0, 0), "k2", employee_id=asn.pk),
        PunchIn(dt.datetime(2026, 3, 1, 23, 31, 0, tzinfo=dt.UTC), "k3", employee_id=other.pk),  # 07:31 WITA
        PunchIn(dt.datetime(2026, 3, 2, 8, 0, 0, tzinfo=dt.UTC), "k4", employee_id=other.pk),  # 16:00 WITA
    ]
    punches_ingest(actor=cast.users["hr_admin"], tenant_id=cast.tenant.pk, source="file", punches=punches, now=now)
    derive_days(tenant_id=cast.tenant.pk, start=MON, end=MON)
    assert day_of(cast, "asn", MON).status == "present"
    late = day_of(cast, "asn_other_opd", MON)
    assert (late.status, late.late_minutes, late.check_in_min) == ("late", 1, hm("07:31"))


def test_excuses_holidays_and_grace(cast):
    tenant = cast.tenant
    tenant.settings = {"attendance": {"late_grace_minutes": 5}}
    tenant.save(update_fields=["settings"])
    Holiday.objects.create(tenant=tenant, date=dt.date(2026, 3, 19), name="Nyepi", kind=HolidayKind.NATIONAL)
    setup_calendar(cast)
    asn = cast.employees["asn"]
    Excuse.objects.create(
        tenant=tenant,
        employee=asn,
        kind="leave",
        leave_kind="tahunan",
        starts_on=dt.date(2026, 3, 16),
        ends_on=dt.date(2026, 3, 20),
        reason="cuti",
        status=ExcuseStatus.APPROVED,
    )
    Excuse.objects.create(  # refused: counts for nothing
        tenant=tenant, employee=asn, kind="sick", starts_on=MON, ends_on=MON, reason="x", status=ExcuseStatus.REJECTED
    )
    add_punches(tenant, [(asn.pk, MON, hm("07:35")), (asn.pk, MON, hm("16:00")), (asn.pk, dt.date(2026, 3, 17), 450)])
    derive_days(tenant_id=tenant.pk, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31), employee_ids=[asn.pk])
    assert day_of(cast, "asn", MON).status == "present"  # 5 late minutes are within the grace
    excused = day_of(cast, "asn", dt.date(2026, 3, 17))
    assert (excused.status, excused.excuse_kind, excused.leave_kind, excused.check_in_min) == (
        "excused",
        "leave",
        "tahunan",
        None,
    )
    holiday = day_of(cast, "asn", dt.date(2026, 3, 19))
    assert (holiday.status, holiday.holiday, holiday.excuse_kind) == ("off", "Nyepi", "")  # a holiday wins
    assert day_of(cast, "asn", dt.date(2026, 3, 21)).status == "off"  # Saturday inside the leave
    assert AttendanceDay.objects.filter(employee=asn).count() == 31
    assert not AttendanceDay.objects.exclude(employee=asn).exists()


def test_outage_and_part_day_permit_go_through_the_rule(cast):
    setup_calendar(cast)
    asn, camat = cast.employees["asn"], cast.employees["camat"]
    Outage.objects.create(
        tenant=cast.tenant,
        date=MON,
        start_time=dt.time(7, 0),
        end_time=dt.time(8, 30),
        org_unit=cast.units["disdik"],
        reason="server mati",
    )
    add_punches(cast.tenant, [(asn.pk, MON, hm("08:20")), (asn.pk, MON, hm("16:00"))])
    add_punches(cast.tenant, [(camat.pk, MON, hm("08:20")), (camat.pk, MON, hm("16:00"))])
    Excuse.objects.create(
        tenant=cast.tenant,
        employee=camat,
        kind="permit",
        starts_on=FRI,
        ends_on=FRI,
        start_time=dt.time(14, 0),
        end_time=dt.time(16, 30),
        reason="izin",
        status=ExcuseStatus.APPROVED,
    )
    add_punches(cast.tenant, [(camat.pk, FRI, hm("07:30"))])
    derive_days(tenant_id=cast.tenant.pk, start=MON, end=FRI)
    assert day_of(cast, "asn", MON).status == "present"  # under disdik: the outage covers 08:20
    assert (day_of(cast, "camat", MON).status, day_of(cast, "camat", MON).late_minutes) == ("late", 50)
    friday = day_of(cast, "camat", FRI)  # left at 14:00 with a permit to the end: no missing check-out
    assert (friday.status, friday.early_minutes, friday.check_out_min) == ("present", 0, None)


def test_roster_shifts_day_night_and_off(cast):
    tenant, nurse = cast.tenant, cast.employees["asn_other_opd"]
    setup_calendar(cast)
    roster = WorkSchedule.objects.create(tenant=tenant, code="SHIFT", name="Shift", kind=ScheduleKind.ROSTER)
    UnitSchedule.objects.create(tenant=tenant, org_unit=cast.units["dinkes"], schedule=roster, valid_from=MON)
    morning = Shift.objects.create(tenant=tenant, code="P", name="Pagi", start=dt.time(7, 0), end=dt.time(14, 0))
    night = Shift.objects.create(tenant=tenant, code="M", name="Malam", start=dt.time(21, 0), end=dt.time(7, 0))
    tue, wed, thu = MON + dt.timedelta(1), MON + dt.timedelta(2), MON + dt.timedelta(3)
    RosterEntry.objects.create(tenant=tenant, employee=nurse, date=MON, shift=morning)
    RosterEntry.objects.create(tenant=tenant, employee=nurse, date=tue, shift=night)
    RosterEntry.objects.create(tenant=tenant, employee=nurse, date=wed, shift=None)
    add_punches(
        tenant,
        [
            (nurse.pk, MON, hm("07:10")),
            (nurse.pk, MON, hm("14:00")),
            (nurse.pk, tue, hm("20:55")),
            (nurse.pk, wed, hm("06:40")),  # leaves the night shift 20 minutes early
        ],
    )
    derive_days(tenant_id=tenant.pk, start=MON, end=thu, employee_ids=[nurse.pk])
    rows = {r.date: r for r in AttendanceDay.objects.filter(employee=nurse)}
    assert (rows[MON].status, rows[MON].late_minutes) == ("late", 10)
    assert (rows[tue].status, rows[tue].early_minutes) == ("early_leave", 20)
    assert (rows[tue].expected_start_min, rows[tue].expected_end_min) == (1260, 1860)
    assert (rows[tue].check_in_min, rows[tue].check_out_min, rows[tue].punch_count) == (hm("20:55"), 1840, 2)
    assert rows[wed].status == "off"
    assert thu not in rows  # no roster entry yet: no expected hours, no row


def test_rows_without_a_schedule_any_more_are_deleted_and_closed_months_kept(cast):
    schedule = setup_calendar(cast, start=dt.date(2026, 2, 1))
    derive_days(tenant_id=cast.tenant.pk, start=dt.date(2026, 2, 23), end=dt.date(2026, 3, 6))
    assert AttendanceDay.objects.filter(date=MON).count() == 7
    before = set(AttendanceDay.objects.filter(date__month=2).values_list("pk", "computed_at"))
    MonthClose.objects.create(tenant=cast.tenant, year=2026, month=2)
    asn = cast.employees["asn"]
    asn.is_active = False
    asn.save(update_fields=["is_active"])
    schedule.days.filter(date=FRI).delete()
    derive_days(tenant_id=cast.tenant.pk, start=dt.date(2026, 2, 23), end=dt.date(2026, 3, 6))
    assert not AttendanceDay.objects.filter(employee=asn, date__month=3).exists()
    assert not AttendanceDay.objects.filter(date=FRI).exists()
    assert AttendanceDay.objects.filter(date=MON).count() == 6
    assert set(AttendanceDay.objects.filter(date__month=2).values_list("pk", "computed_at")) == before


def test_employee_filter_touches_only_those_employees(cast):
    setup_calendar(cast)
    asn, camat = cast.employees["asn"], cast.employees["camat"]
    derive_days(tenant_id=cast.tenant.pk, start=MON, end=MON)
    stamps = dict(AttendanceDay.objects.values_list("employee_id", "computed_at"))
    add_punches(cast.tenant, [(asn.pk, MON, hm("07:00")), (asn.pk, MON, hm("16:00"))])
    assert derive_days(tenant_id=cast.tenant.pk, start=MON, end=MON, employee_ids=[asn.pk]) == 1
    after = dict(AttendanceDay.objects.values_list("employee_id", "computed_at"))
    assert after[camat.pk] == stamps[camat.pk] and after[asn.pk] != stamps[asn.pk]
    assert day_of(cast, "asn", MON).status == "present"
    assert derive_days(tenant_id=cast.tenant.pk, start=MON, end=MON, employee_ids=[]) == 0
