"""The ladder evaluated on real attendance days: rules.md §1.11 examples 1A and 1B, idempotence, resets,
warnings addressed to the direct superior, the audit event, notices on commit, and a query count that does not
grow with the number of employees."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pamong.attendance.choices import DayStatusChoice
from pamong.core.errors import NotFoundError, ValidationFailed
from pamong.core.models import AuditEvent
from pamong.core.scope import SystemActor
from pamong.discipline.choices import WarningKind, WarningStatus
from pamong.discipline.models import Standing, Warning
from pamong.discipline.services.ladder import ladder_evaluate
from pamong.notices.models import Notice

from .test_ladder_support import extra_staff, set_status, working_days, write_days

pytestmark = pytest.mark.django_db

# §1.11 example 1B: the days between 17 and 25 March 2026 that are not working days.
MARCH_OFF = {
    dt.date(2026, 3, 18): "Cuti bersama Nyepi",
    dt.date(2026, 3, 19): "Hari Suci Nyepi",
    dt.date(2026, 3, 20): "Cuti bersama Idul Fitri",
    dt.date(2026, 3, 21): "Idul Fitri",
    dt.date(2026, 3, 22): "Idul Fitri",
    dt.date(2026, 3, 23): "Cuti bersama Idul Fitri",
    dt.date(2026, 3, 24): "Cuti bersama Idul Fitri",
}
STREAK = [dt.date(2026, 3, d) for d in (9, 10, 11, 12, 13, 16, 17, 25, 26, 27)]


def system(cast):
    return SystemActor(tenant_id=cast.tenant.pk, label="test")


def example_1a(cast):
    """Citra Staf: 5 unexcused days and 1,350 late minutes Jan–Jun; +3 days and +650 minutes by October."""
    asn = cast.employees["asn"]
    absent_h1 = working_days(dt.date(2026, 2, 2), 5)
    late_h1 = dict.fromkeys(working_days(dt.date(2026, 4, 6), 9), 150)  # 9 x 150 = 1,350
    absent_h2 = working_days(dt.date(2026, 8, 3), 3)
    late_h2 = dict.fromkeys(working_days(dt.date(2026, 9, 7), 5), 130)  # 5 x 130 = 650
    write_days(
        cast, asn, dt.date(2026, 1, 1), dt.date(2026, 10, 31), absent=absent_h1 + absent_h2, late=late_h1 | late_h2
    )
    return asn, absent_h1


def test_example_1a_r3_in_june_then_s1_in_october(cast):
    asn, absent_h1 = example_1a(cast)
    run = ladder_evaluate(
        actor=system(cast), tenant=cast.tenant, year=2026, through=dt.date(2026, 6, 30), today=dt.date(2026, 7, 1)
    )
    standing = Standing.objects.get(employee=asn, year=2026)
    assert (standing.unexcused_days, standing.late_minutes, standing.total_days, standing.band) == (5, 1350, 8, "R3")
    assert run.band_warnings == 1 and run.streak_warnings == 0
    warning = Warning.objects.get(employee=asn)
    assert (warning.kind, warning.sanction, warning.total_days) == (WarningKind.BAND, "R3", 8)
    assert warning.superior_id == cast.employees["kepala_opd"].pk  # Kabid post vacant: the Kadisdik
    assert warning.raised_on == dt.date(2026, 7, 1) and warning.due_on == dt.date(2026, 7, 8)  # 5 working days
    ev = warning.evidence
    assert ev["unexcused_dates"] == [d.isoformat() for d in absent_h1]
    assert ev["conversion"] == {"minutes": 1350, "per_day": 450, "days": 3, "remainder": 0}
    assert ev["bands_crossed"] == ["R1", "R2", "R3"] and ev["total_days"] == 8
    assert len(ev["minute_days"]) == 9 and "PP 94/2021" in ev["source"]

    run = ladder_evaluate(
        actor=system(cast), tenant=cast.tenant, year=2026, through=dt.date(2026, 10, 31), today=dt.date(2026, 11, 2)
    )
    standing.refresh_from_db()
    assert (standing.unexcused_days, standing.late_minutes, standing.total_days, standing.band) == (8, 2000, 12, "S1")
    s1 = Warning.objects.get(employee=asn, sanction="S1")
    assert s1.evidence["conversion"] == {"minutes": 2000, "per_day": 450, "days": 4, "remainder": 200}
    assert s1.evidence["bands_crossed"] == ["S1"]
    assert run.band_warnings == 1


def test_a_second_run_raises_nothing_new_and_records_one_audit_event_each(cast):
    example_1a(cast)
    args = {"actor": system(cast), "tenant": cast.tenant, "year": 2026, "through": dt.date(2026, 10, 31)}
    first = ladder_evaluate(**args, today=dt.date(2026, 11, 2))
    second = ladder_evaluate(**args, today=dt.date(2026, 11, 3))
    assert first.warnings == 1 and second.warnings == 0
    assert Warning.objects.count() == 1 and Standing.objects.count() == 1
    events = AuditEvent.objects.filter(action="discipline.ladder.evaluate").order_by("seq")
    assert [e.after["band_warnings"] for e in events] == [1, 0]


def test_example_1b_streak_reached_on_27_march(cast):
    asn = cast.employees["asn"]
    write_days(cast, asn, dt.date(2026, 1, 1), dt.date(2026, 3, 31), absent=STREAK, holidays=MARCH_OFF)
    run = ladder_evaluate(
        actor=system(cast), tenant=cast.tenant, year=2026, through=dt.date(2026, 3, 27), today=dt.date(2026, 3, 28)
    )
    assert run.streaks_checked == 1 and run.streak_warnings == 1
    standing = Standing.objects.get(employee=asn)
    assert (standing.longest_streak, standing.streak_reached_on) == (10, dt.date(2026, 3, 27))
    warning = Warning.objects.get(employee=asn, kind=WarningKind.STREAK)
    assert warning.sanction == "B3"
    assert warning.evidence["streak_from"] == "2026-03-09" and warning.evidence["streak_to"] == "2026-03-27"
    assert warning.evidence["streak_dates"] == [d.isoformat() for d in STREAK]
    assert "Pasal 11 ayat (2) huruf d angka 4" in warning.evidence["source"]
    # The 10 days are also the year's total: the band warning (R3) is raised beside it.
    assert Warning.objects.get(employee=asn, kind=WarningKind.BAND).sanction == "R3"


def test_example_1b_attending_on_25_march_breaks_the_run(cast):
    asn = cast.employees["asn"]
    write_days(cast, asn, dt.date(2026, 1, 1), dt.date(2026, 3, 31), absent=STREAK, holidays=MARCH_OFF)
    set_status(asn, dt.date(2026, 3, 25), DayStatusChoice.PRESENT)
    ladder_evaluate(
        actor=system(cast), tenant=cast.tenant, year=2026, through=dt.date(2026, 3, 27), today=dt.date(2026, 3, 28)
    )
    assert not Warning.objects.filter(kind=WarningKind.STREAK).exists()
    standing = Standing.objects.get(employee=asn)
    # Nine unexcused days: fewer than the ten needed to be measured; no run reached.
    assert standing.total_days == 9 and standing.streak_reached_on is None


def test_holiday_breaks_streak_setting(cast):
    cast.tenant.settings = {"discipline": {"holiday_breaks_streak": True}}
    cast.tenant.save()
    asn = cast.employees["asn"]
    write_days(cast, asn, dt.date(2026, 1, 1), dt.date(2026, 3, 31), absent=STREAK, holidays=MARCH_OFF)
    ladder_evaluate(
        actor=system(cast), tenant=cast.tenant, year=2026, through=dt.date(2026, 3, 27), today=dt.date(2026, 3, 28)
    )
    standing = Standing.objects.get(employee=asn)
    assert (standing.longest_streak, standing.streak_reached_on) == (7, None)


def test_excused_days_bring_a_standing_back_to_zero(cast):
    asn = cast.employees["asn"]
    absent = working_days(dt.date(2026, 2, 2), 3)
    write_days(cast, asn, dt.date(2026, 1, 1), dt.date(2026, 3, 31), absent=absent)
    args = {"actor": system(cast), "tenant": cast.tenant, "year": 2026, "through": dt.date(2026, 3, 31)}
    ladder_evaluate(**args)
    assert Standing.objects.get(employee=asn).band == "R1"
    for day in absent:
        set_status(asn, day, DayStatusChoice.EXCUSED)
    run = ladder_evaluate(**args)
    standing = Standing.objects.get(employee=asn)
    assert run.reset == 1 and (standing.total_days, standing.band) == (0, "")


def test_notices_go_to_the_superior_and_bkpsdm_on_commit(cast, django_capture_on_commit_callbacks):
    example_1a(cast)
    with django_capture_on_commit_callbacks(execute=True):
        ladder_evaluate(actor=system(cast), tenant=cast.tenant, year=2026, through=dt.date(2026, 6, 30))
    recipients = set(Notice.objects.values_list("recipient__username", flat=True))
    assert recipients == {"kepala_opd", "hr_admin"}
    assert "Citra Staf" in Notice.objects.get(recipient__username="kepala_opd").title


def test_who_may_evaluate(cast):
    with pytest.raises(NotFoundError):
        ladder_evaluate(actor=cast.users["other_tenant"], tenant=cast.tenant, year=2026, through=dt.date(2026, 3, 1))
    from pamong.core.errors import Forbidden

    with pytest.raises(Forbidden):
        ladder_evaluate(actor=cast.users["kepala_opd"], tenant=cast.tenant, year=2026, through=dt.date(2026, 3, 1))
    with pytest.raises(ValidationFailed) as err:
        ladder_evaluate(actor=cast.users["hr_admin"], tenant=cast.tenant, year=2020, through=dt.date(2020, 3, 1))
    assert err.value.code == "year_before_pp94" and "PP 53/2010" in err.value.message
    run = ladder_evaluate(actor=cast.users["hr_admin"], tenant=cast.tenant, year=2026, through=dt.date(2026, 3, 1))
    assert run.standings == 0 and Warning.objects.filter(status=WarningStatus.OPEN).count() == 0


def _count_queries(cast, year: int, employees) -> int:
    for employee in employees:
        absent = working_days(dt.date(year, 2, 2), 10)
        write_days(cast, employee, dt.date(year, 1, 1), dt.date(year, 2, 28), absent=absent)
    with CaptureQueriesContext(connection) as ctx:
        run = ladder_evaluate(
            actor=system(cast), tenant=cast.tenant, year=year, through=dt.date(year, 2, 28), today=dt.date(year, 3, 2)
        )
    assert run.standings == len(employees) and run.warnings == 2 * len(employees)
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_employees(cast):
    """Two employees in 2025, six in 2026: each with a band and a streak warning, the same number of queries."""
    staff = extra_staff(cast, 6)
    small = _count_queries(cast, 2025, staff[:2])
    large = _count_queries(cast, 2026, staff)
    assert small == large
