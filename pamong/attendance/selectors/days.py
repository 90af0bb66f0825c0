"""Reads of derived attendance: one employee's month, a team's month, unit recaps and the months to close.

Every read starts from ``visible_to(actor, "attendance.view")``: an employee sees his own rows (the self
action), a head his unit's subtree, BKPSDM and the leadership the whole tenant. Each function runs a fixed
number of queries whatever the number of days, punches or employees.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pamong.access.roles import ATTENDANCE_VIEW
from pamong.core.errors import NotFoundError
from pamong.org.models import OrgUnit
from pamong.people.models import Employee
from pamong.planning.choices import MONTH_NAMES

from ..choices import DayStatusChoice, PunchSource
from ..models import AttendanceDay, MonthClose, MonthRecap, Punch, RecapAdjustment
from ..rules.daystatus import band_of
from ..rules.workdays import month_bounds
from .board import excuse_label, hhmm

STATUS_COLOURS = {
    DayStatusChoice.PRESENT: "success",
    DayStatusChoice.LATE: "warning",
    DayStatusChoice.EARLY_LEAVE: "warning",
    DayStatusChoice.LATE_AND_EARLY_LEAVE: "warning",
    DayStatusChoice.MISSING_CHECK_OUT: "warning",
    DayStatusChoice.ABSENT: "danger",
    DayStatusChoice.EXCUSED: "info",
    DayStatusChoice.OFF: "light",
}

#: The recap figures a correction may change (``recap_adjust``), with their labels.
ADJUSTABLE_FIELDS: tuple[tuple[str, Any], ...] = (
    ("working_days", _("Hari kerja")),
    ("present_days", _("Hari hadir")),
    ("late_days", _("Hari terlambat")),
    ("late_minutes", _("Menit terlambat")),
    ("early_leave_days", _("Hari pulang cepat")),
    ("early_minutes", _("Menit pulang cepat")),
    ("missing_check_out_days", _("Hari tanpa presensi pulang")),
    ("absent_days", _("Hari tanpa keterangan")),
    ("excused_days", _("Hari berketerangan")),
)


def month_label(year: int, month: int) -> str:
    return f"{MONTH_NAMES[month - 1]} {year:d}"


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def attendance_employees(actor: Any) -> QuerySet[Employee]:
    """Employees whose attendance the actor may see (oneself included)."""
    return Employee.objects.visible_to(actor, ATTENDANCE_VIEW)


def attendance_units(actor: Any) -> QuerySet[OrgUnit]:
    """Units over which the actor holds ``attendance.view`` (the team and recap pickers)."""
    return OrgUnit.objects.visible_to(actor, ATTENDANCE_VIEW).order_by("path")


@dataclass(frozen=True, slots=True)
class PunchLine:
    minute: int
    source: str
    where: str
    is_mock: bool

    @property
    def time(self) -> str:
        return hhmm(self.minute)

    @property
    def source_label(self) -> str:
        return str(PunchSource(self.source).label) if self.source in PunchSource.values else self.source


@dataclass
class DayLine:
    date: dt.date
    status: str = ""
    late_minutes: int = 0
    early_minutes: int = 0
    check_in_min: int | None = None
    check_out_min: int | None = None
    excuse_kind: str = ""
    leave_kind: str = ""
    holiday: str = ""
    punches: list[PunchLine] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return str(DayStatusChoice(self.status).label) if self.status else ""

    @property
    def colour(self) -> str:
        return STATUS_COLOURS.get(self.status, "light")  # type: ignore[call-overload,no-any-return]

    @property
    def tl_band(self) -> str:
        band = band_of(self.late_minutes)
        return f"TL{band}" if band else ""

    @property
    def psw_band(self) -> str:
        if self.status == DayStatusChoice.MISSING_CHECK_OUT:
            return "PSW4"
        band = band_of(self.early_minutes)
        return f"PSW{band}" if band else ""

    @property
    def check_in(self) -> str:
        return hhmm(self.check_in_min)

    @property
    def check_out(self) -> str:
        return hhmm(self.check_out_min)

    @property
    def excuse_label(self) -> str:
        return excuse_label(self.leave_kind or self.excuse_kind)

    @property
    def weekend(self) -> bool:
        return self.date.weekday() >= 5


@dataclass
class EmployeeMonth:
    employee: Employee
    year: int
    month: int
    days: list[DayLine]
    recap: MonthRecap | None
    adjustments: list[RecapAdjustment]
    closed: bool

    @property
    def label(self) -> str:
        return month_label(self.year, self.month)

    @property
    def previous(self) -> tuple[int, int]:
        return shift_month(self.year, self.month, -1)

    @property
    def next(self) -> tuple[int, int]:
        return shift_month(self.year, self.month, 1)


_DAY_FIELDS = (
    "date",
    "status",
    "late_minutes",
    "early_minutes",
    "check_in_min",
    "check_out_min",
    "excuse_kind",
    "leave_kind",
    "holiday",
)


def employee_month(*, actor: Any, employee_id: int, year: int, month: int) -> EmployeeMonth:
    """One employee's month: every date with its derived status and punches, the recap and its corrections.

    Five queries: the employee, the days, the punches, the recap with its corrections, the month's close.
    Out of the actor's sight: ``NotFoundError``.
    """
    employee = attendance_employees(actor).select_related("org_unit").filter(pk=employee_id).first()
    if employee is None:
        raise NotFoundError(gettext("Pegawai tidak ditemukan."))
    first, last = month_bounds(year, month)
    lines = {first + dt.timedelta(days=i): DayLine(first + dt.timedelta(days=i)) for i in range(last.day)}
    rows = AttendanceDay.objects.filter(
        tenant_id=employee.tenant_id, employee_id=employee.pk, date__gte=first, date__lte=last
    ).values(*_DAY_FIELDS)
    for row in rows:
        line = lines[row["date"]]
        for key in _DAY_FIELDS[1:]:
            setattr(line, key, row[key])
    punches = (
        Punch.objects.filter(
            tenant_id=employee.tenant_id, employee_id=employee.pk, local_date__gte=first, local_date__lte=last
        )
        .order_by("local_date", "local_minute", "pk")
        .values_list("local_date", "local_minute", "source", "device__name", "device__location", "is_mock")
    )
    for day, minute, source, device, location, mock in punches:
        where = ", ".join(p for p in (device, location) if p) if device else ""
        if not where and source == PunchSource.MOBILE:
            where = str(_("lokasi ponsel"))
        lines[day].punches.append(PunchLine(minute, source, where, mock))
    recap = (
        MonthRecap.objects.filter(tenant_id=employee.tenant_id, employee_id=employee.pk, year=year, month=month)
        .select_related("org_unit")
        .prefetch_related("adjustments__actor")
        .first()
    )
    closed = MonthClose.objects.filter(tenant_id=employee.tenant_id, year=year, month=month).exists()
    return EmployeeMonth(
        employee=employee,
        year=year,
        month=month,
        days=list(lines.values()),
        recap=recap,
        adjustments=list(recap.adjustments.all()) if recap else [],
        closed=closed,
    )


@dataclass(frozen=True, slots=True)
class TeamLine:
    employee_id: int
    name: str
    nip: str
    unit_name: str
    recap: MonthRecap | None


#: Employees per page of the team view (a Kepala Dinas Pendidikan has over a thousand staff).
TEAM_PAGE_SIZE = 50


def team_month(
    *, actor: Any, unit: OrgUnit, year: int, month: int, page: int | str | None = 1
) -> tuple[Page[Any], list[TeamLine]]:
    """One page of the visible active employees of ``unit``'s subtree with their month's recap (three queries:
    the count, the page, its recaps)."""
    employees = (
        attendance_employees(actor)
        .filter(org_unit__path__startswith=unit.path, is_active=True)
        .order_by("org_unit__path", "name", "pk")
        .values_list("pk", "name", "nip", "org_unit__name")
    )
    chosen = Paginator(employees, TEAM_PAGE_SIZE).get_page(page)
    people = list(chosen.object_list)
    recaps = {
        r.employee_id: r
        for r in MonthRecap.objects.visible_to(actor, ATTENDANCE_VIEW).filter(
            year=year, month=month, employee_id__in=[p[0] for p in people]
        )
    }
    return chosen, [TeamLine(pk, name, nip, unit_name, recaps.get(pk)) for pk, name, nip, unit_name in people]


_SUMS = ("working_days", "present_days", "late_minutes", "early_minutes", "absent_days", "excused_days")


def unit_recaps(*, actor: Any, year: int, month: int) -> list[dict[str, Any]]:
    """The month's recaps summed per unit (one grouped query): employees, and the sums of ``_SUMS``."""
    rows = (
        MonthRecap.objects.visible_to(actor, ATTENDANCE_VIEW)
        .filter(year=year, month=month)
        .values("org_unit_id", "org_unit__name", "org_unit__path")
        .annotate(employees=Count("pk"), adjusted=Count("pk", filter=Q(is_adjusted=True)), **{f: Sum(f) for f in _SUMS})
        .order_by("org_unit__path")
    )
    return list(rows)


def recap_rows(*, actor: Any, unit: OrgUnit, year: int, month: int) -> QuerySet[MonthRecap]:
    """Employee recaps of ``unit``'s subtree for the month (the Excel export and the API)."""
    return (
        MonthRecap.objects.visible_to(actor, ATTENDANCE_VIEW)
        .filter(year=year, month=month, org_unit__path__startswith=unit.path)
        .select_related("employee", "org_unit")
        .order_by("org_unit__path", "employee__name")
    )


def is_closed(*, tenant_id: int, year: int, month: int) -> bool:
    return MonthClose.objects.filter(tenant_id=tenant_id, year=year, month=month).exists()


@dataclass(frozen=True, slots=True)
class MonthState:
    year: int
    month: int
    recaps: int
    close: MonthClose | None

    @property
    def label(self) -> str:
        return month_label(self.year, self.month)


def month_states(*, tenant_id: int, today: dt.date, count: int = 12) -> list[MonthState]:
    """The last ``count`` months before the current one (newest first), each with its recaps and close (2 queries)."""
    months = [shift_month(today.year, today.month, -i) for i in range(1, count + 1)]
    oldest = months[-1]
    closes = {
        (c.year, c.month): c
        for c in MonthClose.objects.filter(tenant_id=tenant_id, year__gte=oldest[0]).select_related("closed_by")
    }
    recaps = {
        (r["year"], r["month"]): r["n"]
        for r in MonthRecap.objects.filter(tenant_id=tenant_id, year__gte=oldest[0])
        .values("year", "month")
        .annotate(n=Count("pk"))
        .order_by()
    }
    return [MonthState(y, m, recaps.get((y, m), 0), closes.get((y, m))) for y, m in months]


def day_rows(
    *,
    actor: Any,
    employee_id: int | None = None,
    unit: OrgUnit | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    status: str = "",
) -> QuerySet[AttendanceDay]:
    """Derived days the actor may see, filtered (the API's list)."""
    rows = AttendanceDay.objects.visible_to(actor, ATTENDANCE_VIEW)
    if employee_id is not None:
        rows = rows.filter(employee_id=employee_id)
    if unit is not None:
        rows = rows.filter(employee__org_unit__path__startswith=unit.path)
    if start is not None:
        rows = rows.filter(date__gte=start)
    if end is not None:
        rows = rows.filter(date__lte=end)
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("-date", "employee_id")
