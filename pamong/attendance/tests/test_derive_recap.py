"""Monthly recaps from the day rows; the recompute queue; the nightly run and the commands."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command

from pamong.attendance.choices import ExcuseStatus
from pamong.attendance.derive.days import derive_days
from pamong.attendance.derive.dirty import mark_employees_dirty, mark_units_dirty, recompute_dirty
from pamong.attendance.derive.nightly import nightly_run
from pamong.attendance.derive.recap import recap_month
from pamong.attendance.models import AttendanceDay, DirtyDay, Excuse, MonthClose, MonthRecap, ScheduleDay
from pamong.attendance.services.punches import mark_dirty

from .test_derive_days import MON, hm, setup_calendar
from .test_derive_differential import add_punches

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 20)


@pytest.fixture
def march(cast):
    setup_calendar(cast)
    return cast


def test_recap_figures_and_excused_by_kind(march):
    cast = march
    asn = cast.employees["asn"]
    tue, wed, thu, fri = (MON + dt.timedelta(n) for n in range(1, 5))
    add_punches(
        cast.tenant,
        [
            (asn.pk, MON, hm("07:40")),
            (asn.pk, MON, hm("15:50")),  # late 10, early 10
            (asn.pk, tue, hm("07:20")),  # missing check-out
            (asn.pk, thu, hm("07:20")),
            (asn.pk, thu, hm("16:00")),  # present
        ],
    )
    for kind, leave, day in (("leave", "tahunan", wed), ("sick", "", fri), ("leave", "tahunan", dt.date(2026, 3, 9))):
        Excuse.objects.create(
            tenant=cast.tenant,
            employee=asn,
            kind=kind,
            leave_kind=leave,
            starts_on=day,
            ends_on=day,
            reason="x",
            status=ExcuseStatus.APPROVED,
        )
    derive_days(tenant_id=cast.tenant.pk, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31))
    written = recap_month(tenant_id=cast.tenant.pk, year=2026, month=3)
    assert written == 7
    recap = MonthRecap.objects.get(employee=asn, year=2026, month=3)
    assert recap.working_days == 22
    assert (recap.present_days, recap.late_days, recap.late_minutes) == (3, 1, 10)
    assert (recap.early_leave_days, recap.early_minutes, recap.missing_check_out_days) == (1, 10, 1)
    assert (recap.excused_days, recap.absent_days) == (3, 16)
    assert recap.excused_by_kind == {"leave:tahunan": 2, "sick": 1}
    assert recap.org_unit_id == asn.org_unit_id
    other = MonthRecap.objects.get(employee=cast.employees["camat"], year=2026, month=3)
    assert (other.absent_days, other.excused_by_kind) == (22, {})

    # Rebuilt in place (no duplicates); an employee without days loses the recap; a closed month is kept.
    AttendanceDay.objects.filter(employee=cast.employees["camat"]).delete()
    assert recap_month(tenant_id=cast.tenant.pk, year=2026, month=3) == 6
    assert MonthRecap.objects.filter(year=2026, month=3).count() == 6
    MonthClose.objects.create(tenant=cast.tenant, year=2026, month=3)
    AttendanceDay.objects.filter(employee=asn).delete()
    assert recap_month(tenant_id=cast.tenant.pk, year=2026, month=3) == 0
    assert MonthRecap.objects.filter(year=2026, month=3).count() == 6


def test_recap_for_some_employees_only(march):
    cast = march
    derive_days(tenant_id=cast.tenant.pk, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31))
    asn = cast.employees["asn"]
    assert recap_month(tenant_id=cast.tenant.pk, year=2026, month=3, employee_ids=[asn.pk]) == 1
    assert list(MonthRecap.objects.values_list("employee_id", flat=True)) == [asn.pk]


@mock.patch("pamong.core.models.Tenant.today", return_value=TODAY)
def test_marking_dirty_only_open_past_days(_today, march):
    cast = march
    asn, camat = cast.employees["asn"], cast.employees["camat"]
    MonthClose.objects.create(tenant=cast.tenant, year=2026, month=2)
    start, end = dt.date(2026, 2, 25), dt.date(2026, 3, 25)
    assert mark_employees_dirty(tenant_id=cast.tenant.pk, employee_ids=[asn.pk, camat.pk], start=start, end=end) == 38
    assert mark_employees_dirty(tenant_id=cast.tenant.pk, employee_ids=[asn.pk], start=start, end=end) == 0
    queued = set(DirtyDay.objects.values_list("date", flat=True))
    assert min(queued) == dt.date(2026, 3, 1) and max(queued) == dt.date(2026, 3, 19)  # not Feb, not today
    DirtyDay.objects.all().delete()
    disdik = cast.units["disdik"]
    assert mark_units_dirty(tenant_id=cast.tenant.pk, unit_path=disdik.path, start=MON, end=MON) == 2
    assert set(DirtyDay.objects.values_list("employee_id", flat=True)) == {
        cast.employees["kepala_opd"].pk,
        asn.pk,
    }
    assert mark_units_dirty(tenant_id=cast.tenant.pk, unit_path=None, start=MON, end=MON) == 5


@mock.patch("pamong.core.models.Tenant.today", return_value=TODAY)
def test_recompute_derives_exactly_the_queued_days(_today, march):
    cast = march
    asn, camat = cast.employees["asn"], cast.employees["camat"]
    tue = MON + dt.timedelta(1)
    add_punches(cast.tenant, [(asn.pk, MON, hm("07:45")), (asn.pk, MON, hm("16:00"))])
    mark_dirty(cast.tenant.pk, [(asn.pk, MON), (camat.pk, tue)])
    summary = recompute_dirty(tenant_id=cast.tenant.pk)
    assert summary.startswith("2 queued, 2 days")
    assert set(AttendanceDay.objects.values_list("employee_id", "date", "status")) == {
        (asn.pk, MON, "late"),
        (camat.pk, tue, "absent"),
    }
    assert set(MonthRecap.objects.values_list("employee_id", "late_minutes", "absent_days")) == {
        (asn.pk, 15, 0),
        (camat.pk, 0, 1),
    }
    assert not DirtyDay.objects.exists()
    assert recompute_dirty(tenant_id=cast.tenant.pk) == "0 days, 0 recaps"  # twice is harmless

    MonthClose.objects.create(tenant=cast.tenant, year=2026, month=2)
    DirtyDay.objects.create(tenant=cast.tenant, employee=asn, date=dt.date(2026, 2, 27))  # queued before closing
    recompute_dirty(tenant_id=cast.tenant.pk)
    assert not AttendanceDay.objects.filter(date__month=2).exists()
    assert not DirtyDay.objects.exists()


@mock.patch("pamong.core.models.Tenant.today", return_value=TODAY)
def test_nightly_run_and_commands(_today, cast):
    from pamong.attendance.derive.calendar import week_json
    from pamong.attendance.models import WorkSchedule
    from pamong.attendance.rules.hours import FIVE_DAY_HOURS

    WorkSchedule.objects.create(
        tenant=cast.tenant, code="5H", name="5 hari", week=week_json(FIVE_DAY_HOURS), is_default=True
    )
    from pamong.attendance.derive.calendar import schedule_days_rebuild

    schedule_days_rebuild(tenant_id=cast.tenant.pk, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 18))
    asn = cast.employees["asn"]
    DirtyDay.objects.create(tenant=cast.tenant, employee=asn, date=dt.date(2026, 3, 17))
    report = nightly_run(tenant_id=cast.tenant.pk)
    names = [name for name, _result, _seconds in report.steps]
    assert names == ["schedule_days", "days", "queue", "recaps"]
    assert ScheduleDay.objects.filter(date=dt.date(2026, 3, 19)).exists()
    assert ScheduleDay.objects.filter(date=TODAY + dt.timedelta(days=31)).exists()
    assert set(AttendanceDay.objects.values_list("employee_id", "date")) == {
        (e.pk, dt.date(2026, 3, 19)) for e in cast.employees.values()
    } | {(asn.pk, dt.date(2026, 3, 17))}
    assert MonthRecap.objects.filter(year=2026, month=3).count() == 7
    assert nightly_run(tenant_id=cast.tenant.pk).steps[0][1] == "0"  # schedule days already there

    out = StringIO()
    call_command("attendance_nightly", "--tenant", cast.tenant.region_code, "--date", "2026-03-11", stdout=out)
    assert "days 7" in out.getvalue()
    out = StringIO()
    call_command(
        "attendance_derive",
        "--tenant",
        cast.tenant.region_code,
        "--from",
        "2026-03-02",
        "--to",
        "2026-03-06",
        stdout=out,
    )
    assert "35 day rows" in out.getvalue() and "2026-03: 7 recaps" in out.getvalue()
    assert AttendanceDay.objects.filter(date=dt.date(2026, 3, 4), status="absent").count() == 7
