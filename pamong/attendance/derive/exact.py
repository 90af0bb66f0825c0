"""The employee-days the SQL cannot decide exactly, decided by the pure rule and upserted in bulk.

Three cases (``derive.days`` says why): an approved part-day excuse window on the day, an active outage
(whole tenant or a unit subtree) on the day, a roster shift crossing midnight. They are few (an outage day
is the largest case: everyone under its unit on one date), loaded in a fixed number of queries, decided by
``rules.daystatus.day_status`` / ``shift_day_status`` exactly as the differential tests check the SQL
against, and written with one upsert.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db.models import Q

from pamong.org.models import OrgUnit
from pamong.people.models import Employee

from ..choices import ExcuseStatus, ScheduleKind
from ..models import Excuse, Outage, Punch, RosterEntry, ScheduleDay, Shift
from ..rules.daystatus import (
    SHIFT_PUNCH_MARGIN_MINUTES,
    DayResult,
    ExcuseKind,
    ShiftHours,
    day_status,
    shift_day_status,
)
from ..rules.daystatus import Excuse as RuleExcuse
from ..rules.hours import DayHours
from ..rules.leave import LeaveKind
from ..tenant_settings import AttendanceSettings
from .calendar import UnitScheduleSpan
from .days import upsert_rows


def _time(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)


def _window(start: int | None, end: int | None, bs: int | None, be: int | None) -> DayHours | None:
    if start is None or end is None:
        return None
    return DayHours(_time(start), _time(end), None if bs is None else _time(bs), None if be is None else _time(be))


def _rule_excuse(kind: str, leave_kind: str, start: dt.time | None = None, end: dt.time | None = None) -> RuleExcuse:
    return RuleExcuse(ExcuseKind(kind), LeaveKind(leave_kind) if leave_kind else None, start, end)


def _abs_minute(day: dt.date, moment: dt.datetime | None) -> int | None:
    if moment is None:
        return None
    return (moment.date() - day).days * 1440 + moment.hour * 60 + moment.minute


def derive_exact_days(
    *,
    tenant_id: int,
    start: dt.date,
    end: dt.date,
    spans: Sequence[UnitScheduleSpan],
    settings: AttendanceSettings,
    stamp: Any,
    employee_ids: Sequence[int] | None = None,
    pairs: Sequence[tuple[int, dt.date]] | None = None,
) -> int:
    """Decide and upsert the exact-path days of ``start``..``end``; return how many rows were written.

    Returns only the rows the SQL statement did not write (crossing-midnight shifts); the others it
    overwrote are already counted.
    """
    wanted = None if pairs is None else set(pairs)
    only = None if employee_ids is None else set(employee_ids)
    employees = Employee.objects.filter(tenant_id=tenant_id, is_active=True)
    hard: set[tuple[int, dt.date]] = set()

    part = Excuse.objects.filter(
        tenant_id=tenant_id,
        status=ExcuseStatus.APPROVED,
        start_time__isnull=False,
        starts_on__gte=start,
        starts_on__lte=end,
    )
    if only is not None:
        part = part.filter(employee_id__in=only)
    hard.update(part.values_list("employee_id", "starts_on"))

    outages = list(
        Outage.objects.filter(tenant_id=tenant_id, is_active=True, date__gte=start, date__lte=end + dt.timedelta(1))
        .select_related("org_unit")
        .order_by("pk")
    )
    for outage in outages:
        if outage.date > end:
            continue  # only relevant to a night shift ending that morning (loaded below)
        under = (
            employees if outage.org_unit is None else employees.filter(org_unit__path__startswith=outage.org_unit.path)
        )
        if only is not None:
            under = under.filter(pk__in=only)
        hard.update((pk, outage.date) for pk in under.values_list("pk", flat=True))

    crossing = [
        pk for pk, s, e in Shift.objects.filter(tenant_id=tenant_id).values_list("pk", "start", "end") if e <= s
    ]
    night: set[tuple[int, dt.date]] = set()
    if crossing:
        entries = RosterEntry.objects.filter(tenant_id=tenant_id, date__gte=start, date__lte=end, shift_id__in=crossing)
        if only is not None:
            entries = entries.filter(employee_id__in=only)
        night.update(entries.values_list("employee_id", "date"))
        hard.update(night)

    if wanted is not None:
        hard &= wanted
    if not hard:
        return 0
    return _decide_and_write(
        tenant_id=tenant_id,
        hard=hard,
        night=night,
        spans=spans,
        outages=outages,
        settings=settings,
        stamp=stamp,
    )


def _decide_and_write(
    *,
    tenant_id: int,
    hard: set[tuple[int, dt.date]],
    night: set[tuple[int, dt.date]],
    spans: Sequence[UnitScheduleSpan],
    outages: Sequence[Outage],
    settings: AttendanceSettings,
    stamp: Any,
) -> int:
    ids = sorted({e for e, _d in hard})
    dates = sorted({d for _e, d in hard})
    first, last = dates[0], dates[-1] + dt.timedelta(days=1)
    units = dict(
        Employee.objects.filter(tenant_id=tenant_id, is_active=True, pk__in=ids).values_list("pk", "org_unit_id")
    )
    paths = dict(OrgUnit.objects.filter(pk__in=set(units.values())).values_list("pk", "path"))
    spans_of: dict[int, list[UnitScheduleSpan]] = defaultdict(list)
    for unit_span in spans:
        spans_of[unit_span.unit_id].append(unit_span)
    schedule_days = {
        (sd.schedule_id, sd.date): sd
        for sd in ScheduleDay.objects.filter(
            tenant_id=tenant_id,
            date__in=dates,
            schedule_id__in={s.schedule_id for s in spans if s.kind == ScheduleKind.FIXED_WEEK},
        )
    }
    roster = {
        (r.employee_id, r.date): r
        for r in RosterEntry.objects.filter(tenant_id=tenant_id, employee_id__in=ids, date__in=dates).select_related(
            "shift"
        )
    }
    punches: dict[tuple[int, dt.date], list[dt.datetime]] = defaultdict(list)
    for employee_id, local_date, minute in Punch.objects.filter(
        tenant_id=tenant_id, employee_id__in=ids, local_date__gte=first, local_date__lte=last
    ).values_list("employee_id", "local_date", "local_minute"):
        punches[(employee_id, local_date)].append(
            dt.datetime.combine(local_date, dt.time()) + dt.timedelta(minutes=minute)
        )
    excuses: dict[tuple[int, dt.date], list[RuleExcuse]] = defaultdict(list)
    for x in Excuse.objects.filter(
        Q(starts_on__lte=last) & Q(ends_on__gte=first),
        tenant_id=tenant_id,
        status=ExcuseStatus.APPROVED,
        employee_id__in=ids,
    ).order_by("pk"):
        day = max(x.starts_on, first)
        while day <= min(x.ends_on, last):
            excuses[(x.employee_id, day)].append(_rule_excuse(x.kind, x.leave_kind, x.start_time, x.end_time))
            day += dt.timedelta(days=1)
    for outage in outages:
        outage_excuse = RuleExcuse(ExcuseKind.SYSTEM_OUTAGE, None, outage.start_time, outage.end_time)
        for employee_id, unit_id in units.items():
            if outage.org_unit is None or paths.get(unit_id, "").startswith(outage.org_unit.path):
                excuses[(employee_id, outage.date)].append(outage_excuse)

    rows: list[tuple[Any, ...]] = []
    for employee_id, day in sorted(hard):
        unit_id = units.get(employee_id)
        span = next((sp for sp in spans_of.get(unit_id or 0, ()) if sp.starts_on <= day <= sp.ends_on), None)
        if unit_id is None or span is None:
            continue
        own = punches.get((employee_id, day), [])
        holiday = ""
        if span.kind == ScheduleKind.FIXED_WEEK:
            sd = schedule_days.get((span.schedule_id, day))
            if sd is None:
                continue
            holiday = sd.holiday
            exp = (sd.start_min, sd.end_min)
            result = _day(
                day,
                _window(sd.start_min, sd.end_min, sd.break_start_min, sd.break_end_min),
                own,
                excuses,
                employee_id,
                settings,
            )
            count = len(own)
        else:
            entry = roster.get((employee_id, day))
            if entry is None:
                continue
            shift = entry.shift
            hours = None if shift is None else ShiftHours(shift.start, shift.end, shift.break_start, shift.break_end)
            if hours is not None:
                start_min, end_min, _brk = hours.minutes()
                exp = (start_min, end_min)
            else:
                exp = (None, None)
            both = own + punches.get((employee_id, day + dt.timedelta(days=1)), [])
            result = shift_day_status(
                day,
                hours,
                both,
                excuses=excuses.get((employee_id, day), ()),
                next_day_excuses=[
                    e for e in excuses.get((employee_id, day + dt.timedelta(days=1)), ()) if not e.whole_day
                ],
                late_grace_minutes=settings.late_grace_minutes,
                early_grace_minutes=settings.early_grace_minutes,
                min_gap_minutes=settings.min_gap_minutes,
            )
            if hours is None:
                count = len(own)
            else:
                low, high = exp[0] - SHIFT_PUNCH_MARGIN_MINUTES, exp[1] + SHIFT_PUNCH_MARGIN_MINUTES  # type: ignore[operator]
                count = sum(1 for p in both if low <= (_abs_minute(day, p) or 0) <= high)
        excuse = result.excuse
        rows.append(
            (
                employee_id,
                day,
                unit_id,
                result.status.value,
                result.late_minutes,
                result.early_leave_minutes,
                exp[0],
                exp[1],
                _abs_minute(day, result.check_in),
                _abs_minute(day, result.check_out),
                count,
                excuse.kind.value if excuse is not None else "",
                excuse.leave_kind.value if excuse is not None and excuse.leave_kind is not None else "",
                holiday,
            )
        )
    upsert_rows(rows, tenant_id=tenant_id, stamp=stamp)
    return sum(1 for row in rows if (row[0], row[1]) in night)


def _day(
    day: dt.date,
    window: DayHours | None,
    punches: list[dt.datetime],
    excuses: dict[tuple[int, dt.date], list[RuleExcuse]],
    employee_id: int,
    settings: AttendanceSettings,
) -> DayResult:
    return day_status(
        day,
        window,
        punches,
        excuses=excuses.get((employee_id, day), ()),
        late_grace_minutes=settings.late_grace_minutes,
        early_grace_minutes=settings.early_grace_minutes,
        min_gap_minutes=settings.min_gap_minutes,
    )
