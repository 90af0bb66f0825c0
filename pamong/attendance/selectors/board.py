"""The "today" board: who is in, late, not yet in, absent, excused or off today, read live (ADR 0030).

Today is not derived into ``AttendanceDay`` until the day is over, so the board reads the sources directly:
the first punch of each visible employee today, the approved excuses and declared outages covering today,
and the expected start from the unit's schedule (``ScheduleDay`` through ``unit_schedule_spans``) or the
employee's roster shift. The number of queries is fixed whatever the number of units or employees:

- tenant-wide (Sekda, Bupati, BKPSDM) and cluster views count by unit **in SQL**: employees are grouped by
  (unit, first punch minute, excuse, roster shift), so the database returns at most one row per unit and
  distinct minute, never one per employee; the groups are then classified with the unit's expected hours;
- a unit view (an OPD head, a Camat, or a drill-down) reads one row per employee of the subtree.

Statuses are what the morning shows, not the day's final status (that comes from the derivation).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, Max, Min, OuterRef, Subquery
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pamong.access.roles import ATTENDANCE_VIEW
from pamong.core.errors import Forbidden, NotFoundError
from pamong.core.scope import scope_of
from pamong.org.models import PATH_SEPARATOR, OrgUnit
from pamong.people.models import Employee

from ..choices import ExcuseKind, ExcuseStatus, ScheduleKind
from ..models import Excuse, Outage, Punch, RosterEntry, ScheduleDay
from ..rules.hours import minute_of_day
from ..tenant_settings import attendance_settings

IN = "in"
LATE = "late"
NOT_IN = "not_in"
ABSENT = "absent"
EXCUSED = "excused"
OFF = "off"

#: Board statuses in display order, with their Indonesian labels and Bootstrap colours.
STATUSES: tuple[tuple[str, Any, str], ...] = (
    (IN, _("Hadir tepat waktu"), "success"),
    (LATE, _("Terlambat"), "warning"),
    (NOT_IN, _("Belum hadir"), "secondary"),
    (ABSENT, _("Tidak hadir"), "danger"),
    (EXCUSED, _("Berketerangan"), "info"),
    (OFF, _("Libur/di luar jadwal"), "light"),
)
STATUS_LABELS = {code: label for code, label, _colour in STATUSES}
STATUS_COLOURS = {code: colour for code, _label, colour in STATUSES}


@dataclass(frozen=True, slots=True)
class Expected:
    """What a unit (or a roster shift) expects today, in minutes from the local midnight; None: day off."""

    start: int | None
    end: int | None
    holiday: str = ""
    roster: bool = False


@dataclass(frozen=True, slots=True)
class BoardRow:
    employee_id: int
    name: str
    nip: str
    unit_name: str
    status: str
    first_min: int | None
    late_minutes: int
    expected_start: int | None
    excuse_kind: str
    note: str

    @property
    def status_label(self) -> Any:
        return STATUS_LABELS[self.status]

    @property
    def colour(self) -> str:
        return STATUS_COLOURS[self.status]

    @property
    def first_hhmm(self) -> str:
        return hhmm(self.first_min)

    @property
    def expected_hhmm(self) -> str:
        return hhmm(self.expected_start)

    @property
    def note_label(self) -> str:
        return excuse_label(self.note) if self.status == EXCUSED else self.note


@dataclass
class Counts:
    """Employees per board status."""

    by_status: Counter[str] = field(default_factory=Counter)
    late_minutes: int = 0

    def add(self, status: str, n: int = 1, late: int = 0) -> None:
        self.by_status[status] += n
        self.late_minutes += late * n

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    def items(self) -> list[tuple[str, Any, str, int]]:
        return [(code, label, colour, self.by_status.get(code, 0)) for code, label, colour in STATUSES]

    def as_dict(self) -> dict[str, int]:
        return {code: self.by_status.get(code, 0) for code, _label, _colour in STATUSES}


@dataclass
class BoardGroup:
    """A unit (an OPD, or a sub-unit of the unit shown) with the counts of its subtree."""

    unit_id: int
    name: str
    counts: Counts = field(default_factory=Counts)


@dataclass
class Board:
    today: dt.date
    now_min: int
    unit: OrgUnit | None  # the unit shown (None: the actor's whole reach)
    counts: Counts
    groups: list[BoardGroup]
    rows: list[BoardRow] | None  # None: too wide for rows (tenant or cluster view), drill into a group

    @property
    def now_hhmm(self) -> str:
        return hhmm(self.now_min)


def hhmm(minutes: int | None) -> str:
    """``07.24`` (the Indonesian time separator) from minutes after midnight; empty for None."""
    if minutes is None:
        return ""
    return f"{minutes // 60 % 24:02d}.{minutes % 60:02d}"


def board_units(actor: Any) -> Any:
    """Units whose board the actor may open (``attendance.view`` granted over them, not only one's self)."""
    return OrgUnit.objects.visible_to(actor, ATTENDANCE_VIEW)


def require_board(actor: Any) -> None:
    """The board is for those who see others' attendance; one's own day is on the home page and "Presensi saya"."""
    if not scope_of(actor).grants_for(ATTENDANCE_VIEW):
        raise Forbidden(
            gettext("Papan hari ini hanya untuk atasan dan BKPSDM. Lihat presensi Anda di 'Presensi saya'.")
        )


def _unit_expectations(*, tenant_id: int, today: dt.date) -> dict[int, Expected]:
    """Expected hours today per unit id (four queries: the spans' three and the schedule days)."""
    from ..derive.calendar import unit_schedule_spans

    spans = unit_schedule_spans(tenant_id=tenant_id, start=today, end=today)
    days = {
        row[0]: row[1:]
        for row in ScheduleDay.objects.filter(tenant_id=tenant_id, date=today).values_list(
            "schedule_id", "start_min", "end_min", "holiday"
        )
    }
    result: dict[int, Expected] = {}
    for span in spans:
        if span.kind == ScheduleKind.ROSTER:
            result[span.unit_id] = Expected(None, None, roster=True)
            continue
        start, end, holiday = days.get(span.schedule_id, (None, None, ""))
        result[span.unit_id] = Expected(start, end, holiday or "")
    return result


def _annotated(employees: Any, today: dt.date) -> Any:
    """Employees with today's first punch, the covering excuse and the roster shift, as correlated subqueries."""
    punches = Punch.objects.filter(employee_id=OuterRef("pk"), tenant_id=OuterRef("tenant_id"), local_date=today)
    excuses = Excuse.objects.filter(
        employee_id=OuterRef("pk"), status=ExcuseStatus.APPROVED, starts_on__lte=today, ends_on__gte=today
    ).order_by("-start_time", "pk")  # a whole-day excuse (NULL times) wins over a part-day one (NULLs sort last)
    roster = RosterEntry.objects.filter(employee_id=OuterRef("pk"), date=today)
    return employees.annotate(
        first_min=Subquery(punches.values("employee_id").annotate(m=Min("local_minute")).values("m")[:1]),
        exc_kind=Subquery(excuses.values("kind")[:1]),
        exc_leave=Subquery(excuses.values("leave_kind")[:1]),
        exc_start=Subquery(excuses.values("start_time")[:1]),
        exc_end=Subquery(excuses.values("end_time")[:1]),
        on_roster=Exists(roster),
        shift_start=Subquery(roster.values("shift__start")[:1]),
        shift_end=Subquery(roster.values("shift__end")[:1]),
    )


@dataclass(frozen=True, slots=True)
class _Verdict:
    status: str
    late: int
    expected_start: int | None
    note: str


def _classify(
    *,
    expected: Expected | None,
    first_min: int | None,
    exc_kind: str | None,
    exc_leave: str | None,
    exc_window: tuple[int, int] | None,
    on_roster: bool,
    shift: tuple[int | None, int | None],
    outages: Iterable[tuple[int, int]],
    now_min: int,
    grace: int,
) -> _Verdict:
    if expected is not None and expected.roster:
        start, end = shift if on_roster else (None, None)
        if end is not None and start is not None and end <= start:
            end += 24 * 60  # a night shift ends tomorrow
        expected = Expected(start, end)
    if expected is None or expected.start is None:
        return _Verdict(OFF, 0, None, expected.holiday if expected else "")
    start, end = expected.start, expected.end if expected.end is not None else 24 * 60
    if exc_kind and exc_window is None:
        return _Verdict(EXCUSED, 0, start, exc_leave or exc_kind)
    # A part-day excuse or a declared outage that covers the start moves it to the window's end.
    effective = start
    for w_start, w_end in [*([exc_window] if exc_window else []), *outages]:
        if w_start <= effective < w_end:
            effective = w_end
    if first_min is None:
        if exc_window is not None and now_min < exc_window[1]:
            return _Verdict(EXCUSED, 0, start, exc_kind or "")
        return _Verdict(NOT_IN if now_min < end else ABSENT, 0, start, "")
    late = max(0, first_min - effective)
    if late <= grace:
        return _Verdict(IN, 0, start, "")
    return _Verdict(LATE, late, start, "")


def _outage_windows(tenant_id: int, today: dt.date) -> list[tuple[str | None, tuple[int, int]]]:
    rows = Outage.objects.filter(tenant_id=tenant_id, date=today, is_active=True).values_list(
        "org_unit__path", "start_time", "end_time"
    )
    return [(path, (minute_of_day(s) or 0, minute_of_day(e) or 0)) for path, s, e in rows]


def _excuse_window(start: dt.time | None, end: dt.time | None) -> tuple[int, int] | None:
    if start is None or end is None:
        return None
    return (minute_of_day(start) or 0, minute_of_day(end) or 0)


def _top_units(units: dict[int, tuple[str, str, int | None]]) -> list[int]:
    """Visible units whose parent is not visible (where the actor's reach begins)."""
    return [pk for pk, (_name, _path, parent) in units.items() if parent not in units]


def today_board(*, actor: Any, tenant: Any, now: dt.datetime, unit_id: int | None = None) -> Board:
    """The board as ``actor`` may see it at ``now`` (aware), for ``unit_id``'s subtree or their whole reach.

    Raises ``Forbidden`` for someone without ``attendance.view`` over any unit, ``NotFoundError`` for a unit
    out of their sight.
    """
    require_board(actor)
    local = now.astimezone(tenant.zone)
    today, now_min = local.date(), local.hour * 60 + local.minute
    grace = attendance_settings(tenant).late_grace_minutes
    units = {
        pk: (name, path, parent)
        for pk, name, path, parent in board_units(actor).values_list("pk", "name", "path", "parent_id")
    }
    paths = {pk: path for pk, (_n, path, _p) in units.items()}
    unit: OrgUnit | None = None
    if unit_id is not None:
        if unit_id not in units:
            raise NotFoundError(gettext("Unit tidak ditemukan."))
        unit = OrgUnit(pk=unit_id, name=units[unit_id][0], path=paths[unit_id], parent_id=units[unit_id][2])
    else:
        tops = _top_units(units)
        if len(tops) == 1 and units[tops[0]][2] is not None:
            top = tops[0]
            unit = OrgUnit(pk=top, name=units[top][0], path=paths[top], parent_id=units[top][2])
    if unit is not None:
        group_ids = [pk for pk, (_n, _p, parent) in units.items() if parent == unit.pk]
    else:
        tops = _top_units(units)
        roots = [pk for pk in tops if units[pk][2] is None]
        # Seen from the tenant's root: the OPDs (children of the root), else the actor's top units.
        group_ids = [pk for pk, (_n, _p, parent) in units.items() if parent in roots] if roots else tops
    group_ids.sort(key=lambda pk: units[pk][0])
    groups = {pk: BoardGroup(pk, units[pk][0]) for pk in group_ids}

    expectations = _unit_expectations(tenant_id=tenant.pk, today=today)
    outages = _outage_windows(tenant.pk, today)
    employees = Employee.objects.visible_to(actor, ATTENDANCE_VIEW).filter(is_active=True, tenant_id=tenant.pk)
    if unit is not None:
        employees = employees.filter(org_unit__path__startswith=unit.path)
    employees = _annotated(employees, today).order_by()

    counts = Counts()
    rows: list[BoardRow] | None = None

    def verdict(unit_pk: int, row: dict[str, Any]) -> _Verdict:
        path = paths.get(unit_pk, "")
        return _classify(
            expected=expectations.get(unit_pk),
            first_min=row["first_min"],
            exc_kind=row["exc_kind"],
            exc_leave=row["exc_leave"],
            exc_window=_excuse_window(row["exc_start"], row["exc_end"]),
            on_roster=row["on_roster"],
            shift=(minute_of_day(row["shift_start"]), minute_of_day(row["shift_end"])),
            outages=[w for o_path, w in outages if o_path is None or path.startswith(o_path)],
            now_min=now_min,
            grace=grace,
        )

    def group_of(unit_pk: int) -> BoardGroup | None:
        path = paths.get(unit_pk)
        if path is None:
            return None
        for segment in path.split(PATH_SEPARATOR):
            if segment and int(segment) in groups:
                return groups[int(segment)]
        return None

    keys = ("first_min", "exc_kind", "exc_leave", "exc_start", "exc_end", "on_roster", "shift_start", "shift_end")
    if unit is not None:
        rows = []
        for row in employees.values("pk", "name", "nip", "org_unit_id", "org_unit__name", *keys):
            v = verdict(row["org_unit_id"], row)
            counts.add(v.status, late=v.late)
            if (g := group_of(row["org_unit_id"])) is not None:
                g.counts.add(v.status, late=v.late)
            rows.append(
                BoardRow(
                    employee_id=row["pk"],
                    name=row["name"],
                    nip=row["nip"],
                    unit_name=row["org_unit__name"],
                    status=v.status,
                    first_min=row["first_min"],
                    late_minutes=v.late,
                    expected_start=v.expected_start,
                    excuse_kind=v.note if v.status == EXCUSED else "",
                    note=v.note,
                )
            )
        order = {code: i for i, (code, _l, _c) in enumerate(STATUSES)}
        rows.sort(key=lambda r: (order[r.status], -r.late_minutes, r.name))
    else:
        # One row per (unit, minute, excuse, shift): the database does the counting.
        for row in employees.values("org_unit_id", *keys).annotate(n=Count("pk")):
            v = verdict(row["org_unit_id"], row)
            counts.add(v.status, row["n"], late=v.late)
            if (g := group_of(row["org_unit_id"])) is not None:
                g.counts.add(v.status, row["n"], late=v.late)
    return Board(
        today=today,
        now_min=now_min,
        unit=unit,
        counts=counts,
        groups=[g for g in groups.values() if g.counts.total or unit is None],
        rows=rows,
    )


def excuse_label(code: str | None) -> str:
    """The Indonesian label of an excuse kind, a leave kind (``tahunan`` → "Cuti tahunan") or an outage."""
    if not code:
        return ""
    if code in ExcuseKind.values:
        return str(ExcuseKind(code).label)
    if code == "system_outage":
        return str(_("Gangguan sistem"))
    return str(_("Cuti %(kind)s") % {"kind": code.replace("_", " ")})


@dataclass(frozen=True, slots=True)
class OwnToday:
    """The signed-in employee's day so far: first and last punch minute (None: no punch yet)."""

    first_min: int | None
    last_min: int | None
    punches: int

    @property
    def first_hhmm(self) -> str:
        return hhmm(self.first_min)

    @property
    def last_hhmm(self) -> str:
        return hhmm(self.last_min)


def own_today(*, tenant: Any, employee_id: int, now: dt.datetime) -> OwnToday:
    """One grouped query over the employee's punches of the tenant-local today."""
    today = now.astimezone(tenant.zone).date()
    row = Punch.objects.filter(tenant_id=tenant.pk, employee_id=employee_id, local_date=today).aggregate(
        first=Min("local_minute"), last=Max("local_minute"), n=Count("pk")
    )
    return OwnToday(row["first"], row["last"] if row["n"] > 1 else None, row["n"])
