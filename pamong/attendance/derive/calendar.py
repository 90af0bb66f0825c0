"""The calendar side of the derivation: expected hours per schedule and date, and which schedule each unit works.

- ``schedule_days_rebuild`` materialises ``ScheduleDay`` (start, end and break in minutes from the local
  midnight, or no window on a day off) for every active fixed-week schedule of a tenant over a date range,
  from the stored week, the overrides (Ramadan) and the tenant's active holidays, through the pure rules
  (``rules.hours.expected_window``). Rows are tiny (schedules × days), so a rebuild replaces the range.
- ``unit_schedule_spans`` says, for every unit of the tenant, which schedule it works on which dates: its own
  ``UnitSchedule`` link, else the nearest ancestor's, else the tenant's default schedule.

Both read a handful of queries whatever the tenant's size; the day derivation joins their results.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from pamong.org.models import PATH_SEPARATOR, OrgUnit

from ..choices import ScheduleKind
from ..models import Holiday, ScheduleDay, ScheduleOverride, UnitSchedule, WorkSchedule
from ..rules.holidays import Holiday as RuleHoliday
from ..rules.holidays import HolidayCalendar, HolidayKind
from ..rules.hours import DayHours, WeekSchedule, expected_window, minute_of_day
from ..rules.hours import ScheduleOverride as RuleOverride
from ..rules.workdays import dates_between
from ..tenant_settings import attendance_settings


def _time(text: str | None) -> dt.time | None:
    if not text:
        return None
    hours, minutes = str(text).split(":")[:2]
    return dt.time(int(hours), int(minutes))


def _hhmm(value: dt.time | None) -> str | None:
    return None if value is None else f"{value:%H:%M}"


def week_schedule_of(week: Sequence[Mapping[str, Any] | None]) -> WeekSchedule:
    """The pure ``WeekSchedule`` of a stored ``week`` (seven entries, Monday first; None = day off).

    Raises the rules' ``ScheduleError`` (Indonesian and English message) for an invalid week.
    """
    days: list[DayHours | None] = []
    for entry in week:
        if not entry:
            days.append(None)
            continue
        start, end = _time(entry.get("start")), _time(entry.get("end"))
        if start is None or end is None:
            days.append(None)
            continue
        days.append(DayHours(start, end, _time(entry.get("break_start")), _time(entry.get("break_end"))))
    return WeekSchedule(tuple(days))


def week_json(schedule: WeekSchedule) -> list[dict[str, str | None] | None]:
    """The stored form of a ``WeekSchedule`` (for presets such as ``rules.hours.FIVE_DAY_HOURS``)."""
    return [
        None
        if day is None
        else {
            "start": _hhmm(day.start),
            "end": _hhmm(day.end),
            "break_start": _hhmm(day.break_start),
            "break_end": _hhmm(day.break_end),
        }
        for day in schedule.days
    ]


def holiday_calendar(*, tenant_id: int, years: Iterable[int]) -> HolidayCalendar:
    """The tenant's active holidays (national, cuti bersama, local) for ``years``, as the rules' calendar."""
    years = sorted(set(years))
    rows = Holiday.objects.filter(tenant_id=tenant_id, is_active=True, date__year__in=years).values_list(
        "date", "name", "kind", "source"
    )
    return HolidayCalendar.of(
        years, (RuleHoliday(day, name, HolidayKind(kind), source) for day, name, kind, source in rows)
    )


@transaction.atomic
def schedule_days_rebuild(*, tenant_id: int, start: dt.date, end: dt.date) -> int:
    """Replace the ``ScheduleDay`` rows of ``tenant_id`` from ``start`` to ``end``; return how many were written."""
    from pamong.core.models import Tenant

    tenant = Tenant.objects.get(pk=tenant_id)
    settings = attendance_settings(tenant)
    calendar = holiday_calendar(tenant_id=tenant_id, years=range(start.year, end.year + 1))
    schedules = list(WorkSchedule.objects.filter(tenant_id=tenant_id, is_active=True, kind=ScheduleKind.FIXED_WEEK))
    overrides = list(ScheduleOverride.objects.filter(tenant_id=tenant_id, starts_on__lte=end, ends_on__gte=start))
    rows: list[ScheduleDay] = []
    for schedule in schedules:
        week = week_schedule_of(schedule.week)
        own = tuple(
            RuleOverride(o.starts_on, o.ends_on, week_schedule_of(o.week), o.name)
            for o in overrides
            if o.schedule_id in (None, schedule.pk)
        )
        for day in dates_between(start, end):
            window = expected_window(
                day,
                week,
                own,
                holidays=calendar,
                cuti_bersama_counts_as_holiday=settings.cuti_bersama_counts_as_holiday,
            )
            names = ", ".join(h.name for h in calendar.on(day))
            rows.append(
                ScheduleDay(
                    tenant_id=tenant_id,
                    schedule_id=schedule.pk,
                    date=day,
                    start_min=minute_of_day(window.start) if window else None,
                    end_min=minute_of_day(window.end) if window else None,
                    break_start_min=minute_of_day(window.break_start) if window else None,
                    break_end_min=minute_of_day(window.break_end) if window else None,
                    holiday=names[:200],
                )
            )
    ScheduleDay.objects.filter(tenant_id=tenant_id, date__gte=start, date__lte=end).delete()
    ScheduleDay.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


@dataclass(frozen=True, slots=True)
class UnitScheduleSpan:
    """Unit ``unit_id`` works ``schedule_id`` (of ``kind``) from ``starts_on`` to ``ends_on`` (both included)."""

    unit_id: int
    schedule_id: int
    kind: str
    starts_on: dt.date
    ends_on: dt.date


def unit_schedule_spans(*, tenant_id: int, start: dt.date, end: dt.date) -> list[UnitScheduleSpan]:
    """Which schedule every unit of the tenant works between ``start`` and ``end`` (three queries).

    A unit's own link wins, then the nearest ancestor's, then the default schedule; a unit with none of
    them (no default set) has no span, and its staff get no expected hours.
    """
    units = list(OrgUnit.objects.filter(tenant_id=tenant_id).values_list("pk", "path"))
    kinds = dict(WorkSchedule.objects.filter(tenant_id=tenant_id).values_list("pk", "kind"))
    default = (
        WorkSchedule.objects.filter(tenant_id=tenant_id, is_default=True, is_active=True)
        .values_list("pk", flat=True)
        .first()
    )
    links: dict[int, list[tuple[dt.date, dt.date, int]]] = {}
    for unit_id, schedule_id, valid_from, valid_to in UnitSchedule.objects.filter(
        tenant_id=tenant_id, valid_from__lte=end
    ).values_list("org_unit_id", "schedule_id", "valid_from", "valid_to"):
        if valid_to is not None and valid_to < start:
            continue
        links.setdefault(unit_id, []).append((valid_from, valid_to or dt.date.max, schedule_id))

    spans: list[UnitScheduleSpan] = []
    for unit_id, path in units:
        chain = [int(segment) for segment in path.split(PATH_SEPARATOR) if segment][::-1]  # self first
        own = [link for uid in chain for link in links.get(uid, ())]
        cuts = {start, end + dt.timedelta(days=1)}
        for valid_from, valid_to, _sid in own:
            if start < valid_from <= end:
                cuts.add(valid_from)
            if valid_to < end:
                cuts.add(valid_to + dt.timedelta(days=1))
        bounds = sorted(cuts)
        current: UnitScheduleSpan | None = None
        for seg_start, next_start in zip(bounds, bounds[1:], strict=False):
            schedule_id = next(
                (
                    sid
                    for uid in chain
                    for valid_from, valid_to, sid in links.get(uid, ())
                    if valid_from <= seg_start <= valid_to
                ),
                default,
            )
            seg_end = next_start - dt.timedelta(days=1)
            if schedule_id is None:
                if current is not None:
                    spans.append(current)
                    current = None
                continue
            if current is not None and current.schedule_id == schedule_id:
                current = UnitScheduleSpan(unit_id, schedule_id, current.kind, current.starts_on, seg_end)
                continue
            if current is not None:
                spans.append(current)
            current = UnitScheduleSpan(unit_id, schedule_id, kinds.get(schedule_id, ""), seg_start, seg_end)
        if current is not None:
            spans.append(current)
    return spans
