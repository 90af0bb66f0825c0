"""Reads of the calendars: schedules, unit schedules, overrides, holidays, shifts, a unit's month roster.

Schedules, overrides, holidays and shifts are tenant-wide rows (``TenantModel``): whoever holds
``attendance.view`` anywhere in the tenant reads them all (the hours everyone works are no secret), and
anyone else reads nothing. Unit schedules and roster entries sit in the tree and go through
``visible_to``. Every function runs a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from pamong.access.roles import ATTENDANCE_ROSTER, ATTENDANCE_VIEW
from pamong.core.scope import scope_of
from pamong.org.models import OrgUnit
from pamong.people.models import Employee

from ..models import Holiday, RosterEntry, ScheduleOverride, Shift, UnitSchedule, WorkSchedule
from ..rules.holidays_id import COVERED_YEARS
from ..rules.workdays import WEEKDAYS_ID, month_bounds


def readable_tenant(actor: Any) -> int | None:
    """The tenant whose calendars ``actor`` may read (``attendance.view`` anywhere in it), else None."""
    scope = scope_of(actor)
    if scope.tenant_id is None or not scope.can(ATTENDANCE_VIEW):
        return None
    return scope.tenant_id


def _tenant_rows(model: Any, actor: Any) -> QuerySet[Any]:
    tenant_id = readable_tenant(actor)
    if tenant_id is None:
        return model.objects.none()  # type: ignore[no-any-return]
    return model.objects.filter(tenant_id=tenant_id)  # type: ignore[no-any-return]


def schedules(actor: Any) -> QuerySet[WorkSchedule]:
    return _tenant_rows(WorkSchedule, actor).order_by("-is_default", "-is_active", "name")


def overrides(actor: Any) -> QuerySet[ScheduleOverride]:
    return _tenant_rows(ScheduleOverride, actor).select_related("schedule").order_by("-starts_on")


def shifts(actor: Any) -> QuerySet[Shift]:
    return _tenant_rows(Shift, actor).order_by("-is_active", "start", "code")


def holidays(actor: Any, *, year: int | None = None) -> QuerySet[Holiday]:
    rows = _tenant_rows(Holiday, actor)
    if year is not None:
        rows = rows.filter(date__year=year)
    return rows.order_by("date", "kind")


def holiday_years(actor: Any, *, today: dt.date) -> list[tuple[int, int, bool]]:
    """(year, stored holidays, whether the national seed exists) for the years worth showing, newest first."""
    counts: dict[int, int] = {}
    for day in _tenant_rows(Holiday, actor).values_list("date", flat=True):
        counts[day.year] = counts.get(day.year, 0) + 1
    years = set(counts) | set(COVERED_YEARS) | {today.year}
    return [(y, counts.get(y, 0), y in COVERED_YEARS) for y in sorted(years, reverse=True)]


def unit_schedules(actor: Any) -> QuerySet[UnitSchedule]:
    """The unit schedule links in the actor's scope, by unit then newest first."""
    return (
        UnitSchedule.objects.visible_to(actor, ATTENDANCE_VIEW)
        .select_related("org_unit", "schedule")
        .order_by("org_unit__path", "-valid_from")
    )


def default_schedule(actor: Any) -> WorkSchedule | None:
    return _tenant_rows(WorkSchedule, actor).filter(is_default=True).first()


def roster_units(actor: Any) -> QuerySet[OrgUnit]:
    """Units whose roster the actor may open (``attendance.view`` over them), for the picker."""
    return OrgUnit.objects.visible_to(actor, ATTENDANCE_VIEW).filter(closed_on__isnull=True).order_by("path")


def roster_entries(actor: Any, *, org_unit: OrgUnit | None, start: dt.date, end: dt.date) -> QuerySet[RosterEntry]:
    rows = RosterEntry.objects.visible_to(actor, ATTENDANCE_VIEW).filter(date__gte=start, date__lte=end)
    if org_unit is not None:
        rows = rows.filter(employee__org_unit__path__startswith=org_unit.path)
    return rows.select_related("employee", "shift").order_by("employee__name", "date")


@dataclass(frozen=True)
class RosterDay:
    date: dt.date
    weekday: str
    weekend: bool


@dataclass(frozen=True)
class RosterCellView:
    day: dt.date
    value: str  # a shift code, "-" off duty, "" nothing set
    rostered: bool  # the employee's unit works a roster that day (else the cell cannot be edited)


@dataclass(frozen=True)
class RosterRow:
    employee: Employee
    cells: tuple[RosterCellView, ...]


@dataclass(frozen=True)
class RosterGrid:
    """One unit's month: employees × days, the shift codes to choose from, and whether the actor may edit."""

    org_unit: OrgUnit
    year: int
    month: int
    days: tuple[RosterDay, ...]
    rows: tuple[RosterRow, ...]
    shifts: tuple[Shift, ...]
    has_roster: bool
    closed: bool
    can_edit: bool


OFF = "-"


def roster_grid(actor: Any, *, org_unit: OrgUnit, year: int, month: int) -> RosterGrid:
    """The month grid of ``org_unit`` (seen by the caller; the view loads it with ``roster_units``).

    Six queries whatever the unit's size: employees, entries, shifts, month close, and the schedule spans.
    """
    from ..models import MonthClose
    from ..services.calendars_rosters import roster_units as rostered_days

    first, last = month_bounds(year, month)
    days = []
    day = first
    while day <= last:
        days.append(RosterDay(day, WEEKDAYS_ID[day.weekday()], day.weekday() >= 5))
        day += dt.timedelta(days=1)
    staff = list(
        Employee.objects.filter(
            tenant_id=org_unit.tenant_id, org_unit__path__startswith=org_unit.path, is_active=True
        ).order_by("name", "pk")
    )
    stored: dict[tuple[int, dt.date], str] = {}
    for employee_id, date, code in RosterEntry.objects.filter(
        tenant_id=org_unit.tenant_id, employee_id__in=[e.pk for e in staff], date__gte=first, date__lte=last
    ).values_list("employee_id", "date", "shift__code"):
        stored[(employee_id, date)] = code or OFF
    roster = rostered_days(org_unit.tenant_id, first, last)
    rows = tuple(
        RosterRow(
            employee,
            tuple(
                RosterCellView(
                    d.date, stored.get((employee.pk, d.date), ""), d.date in roster.get(employee.org_unit_id, ())
                )
                for d in days
            ),
        )
        for employee in staff
    )
    scope = scope_of(actor)
    closed = MonthClose.objects.filter(tenant_id=org_unit.tenant_id, year=year, month=month).exists()
    has_roster = bool(roster.get(org_unit.pk))
    return RosterGrid(
        org_unit=org_unit,
        year=year,
        month=month,
        days=tuple(days),
        rows=rows,
        shifts=tuple(Shift.objects.filter(tenant_id=org_unit.tenant_id, is_active=True).order_by("start", "code")),
        has_roster=has_roster,
        closed=closed,
        can_edit=has_roster
        and not closed
        and scope.allows(ATTENDANCE_ROSTER, tenant_id=org_unit.tenant_id, path=org_unit.path),
    )
