"""What the ladder evaluation reads from attendance, set-based, in a fixed number of queries per tenant-year.

- ``year_tallies``: ONE aggregate query over the year's ``AttendanceDay`` rows grouped by employee: unexcused
  working days (status ``absent``) and the TL/PSW minutes of the days that carry them (late, early leave, both,
  missing check-out). Only employees with something to count come back.
- ``streak_days``: the day statuses of the few employees who could have ten unexcused days in a row (one query),
  as ``rules.streak`` takes them.
- ``evidence_days``: the unexcused dates and the days with minutes of the employees who get a warning (one query).

No ORM object is built per attendance row: every read is ``values_list`` over the partitioned day table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from pamong.attendance.choices import DayStatusChoice
from pamong.attendance.models import AttendanceDay

from ..rules.streak import DayKind

#: Statuses whose late and early minutes count towards the 450-minute conversion (PerBKN 6/2022).
MINUTE_STATUSES = (
    DayStatusChoice.LATE,
    DayStatusChoice.EARLY_LEAVE,
    DayStatusChoice.LATE_AND_EARLY_LEAVE,
    DayStatusChoice.MISSING_CHECK_OUT,
)


@dataclass(frozen=True, slots=True)
class Tally:
    """One employee's year so far, as aggregated from the day table, with his current unit."""

    employee_id: int
    org_unit_id: int
    unit_path: str
    unexcused_days: int
    late_minutes: int
    early_minutes: int


@dataclass(frozen=True, slots=True)
class EvidenceDay:
    """One day behind a count: an unexcused day or a day with TL/PSW minutes."""

    date: dt.date
    status: str
    late_minutes: int
    early_minutes: int


def year_span(year: int, through: dt.date) -> tuple[dt.date, dt.date]:
    """1 January of ``year`` to ``through`` (at most 31 December): the counter resets each year (Pasal 15(1))."""
    return dt.date(year, 1, 1), min(through, dt.date(year, 12, 31))


def year_tallies(*, tenant_id: int, year: int, through: dt.date) -> list[Tally]:
    """Every employee of ``tenant_id`` with an unexcused day or TL/PSW minutes in ``year`` up to ``through``."""
    start, end = year_span(year, through)
    minutes = Q(status__in=MINUTE_STATUSES)
    rows = (
        AttendanceDay.objects.filter(tenant_id=tenant_id, date__gte=start, date__lte=end)
        .filter(Q(status=DayStatusChoice.ABSENT) | minutes & (Q(late_minutes__gt=0) | Q(early_minutes__gt=0)))
        .order_by()
        .values("employee_id", "employee__org_unit_id", "employee__org_unit__path")
        .annotate(
            unexcused=Count("id", filter=Q(status=DayStatusChoice.ABSENT)),
            late=Coalesce(Sum("late_minutes", filter=minutes), 0),
            early=Coalesce(Sum("early_minutes", filter=minutes), 0),
        )
        .values_list("employee_id", "employee__org_unit_id", "employee__org_unit__path", "unexcused", "late", "early")
    )
    return [Tally(e, u, p or "", n, late, early) for e, u, p, n, late, early in rows if u is not None]


def day_kind(status: str, holiday: str) -> DayKind:
    """How an attendance day counts for the run of ``rules.streak``."""
    if status == DayStatusChoice.ABSENT:
        return DayKind.UNEXCUSED
    if status == DayStatusChoice.OFF:
        return DayKind.HOLIDAY if holiday else DayKind.OFF
    return DayKind.PRESENT  # attended (even late) or excused: breaks the run


def streak_days(
    *, tenant_id: int, employee_ids: Collection[int], year: int, through: dt.date
) -> dict[int, list[tuple[dt.date, DayKind]]]:
    """The year's days of ``employee_ids`` in date order, as ``(date, DayKind)`` (one query)."""
    if not employee_ids:
        return {}
    start, end = year_span(year, through)
    rows = (
        AttendanceDay.objects.filter(
            tenant_id=tenant_id, employee_id__in=list(employee_ids), date__gte=start, date__lte=end
        )
        .order_by("employee_id", "date")
        .values_list("employee_id", "date", "status", "holiday")
    )
    out: dict[int, list[tuple[dt.date, DayKind]]] = {}
    for employee_id, day, status, holiday in rows:
        out.setdefault(employee_id, []).append((day, day_kind(status, holiday)))
    return out


def evidence_days(
    *, tenant_id: int, employee_ids: Collection[int], year: int, through: dt.date
) -> dict[int, list[EvidenceDay]]:
    """The unexcused days and the days with TL/PSW minutes of ``employee_ids`` in the year (one query)."""
    if not employee_ids:
        return {}
    start, end = year_span(year, through)
    rows = (
        AttendanceDay.objects.filter(
            tenant_id=tenant_id, employee_id__in=list(employee_ids), date__gte=start, date__lte=end
        )
        .filter(
            Q(status=DayStatusChoice.ABSENT)
            | Q(status__in=MINUTE_STATUSES) & (Q(late_minutes__gt=0) | Q(early_minutes__gt=0))
        )
        .order_by("employee_id", "date")
        .values_list("employee_id", "date", "status", "late_minutes", "early_minutes")
    )
    out: dict[int, list[EvidenceDay]] = {}
    for employee_id, day, status, late, early in rows:
        minutes = status != DayStatusChoice.ABSENT
        out.setdefault(employee_id, []).append(
            EvidenceDay(day, status, late if minutes else 0, early if minutes else 0)
        )
    return out
