"""Helpers of the ladder tests (no tests here): attendance days written as the derivation would, extra staff."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping

from django.utils import timezone

from pamong.attendance.choices import DayStatusChoice
from pamong.attendance.models import AttendanceDay
from pamong.attendance.partitions import ensure_month_partitions
from pamong.core.scope import SystemActor
from pamong.people.choices import AssignmentKind
from pamong.people.models import Employee
from pamong.people.services import assignment_start, employee_create

_seq = itertools.count(500)


def write_days(
    cast,
    employee: Employee,
    start: dt.date,
    end: dt.date,
    *,
    absent: Iterable[dt.date] = (),
    late: Mapping[dt.date, int] | None = None,
    holidays: Mapping[dt.date, str] | None = None,
    excused: Iterable[dt.date] = (),
) -> int:
    """One row per date from ``start`` to ``end``: weekends and ``holidays`` off, the rest present unless
    absent, late (minutes) or excused."""
    absent, excused, late, holidays = set(absent), set(excused), dict(late or {}), dict(holidays or {})
    rows, day, now = [], start, timezone.now()
    while day <= end:
        kw: dict[str, object] = {}
        if day in holidays or day.weekday() >= 5:
            status = DayStatusChoice.OFF
            kw["holiday"] = holidays.get(day, "")
        elif day in absent:
            status = DayStatusChoice.ABSENT
        elif day in excused:
            status = DayStatusChoice.EXCUSED
            kw["excuse_kind"] = "sick"
        elif day in late:
            status = DayStatusChoice.LATE
            kw["late_minutes"] = late[day]
        else:
            status = DayStatusChoice.PRESENT
        rows.append(
            AttendanceDay(
                tenant_id=employee.tenant_id,
                employee_id=employee.pk,
                org_unit_id=employee.org_unit_id,
                date=day,
                status=status,
                computed_at=now,
                **kw,
            )
        )
        day += dt.timedelta(days=1)
    ensure_month_partitions("attendance_attendanceday", [r.date for r in rows])
    AttendanceDay.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def set_status(employee: Employee, day: dt.date, status: str, **kw) -> None:
    AttendanceDay.objects.filter(employee_id=employee.pk, date=day).update(status=status, **kw)


def working_days(start: dt.date, count: int, *, skip: Iterable[dt.date] = ()) -> list[dt.date]:
    """The first ``count`` weekdays from ``start`` (``skip`` left out)."""
    skip, out, day = set(skip), [], start
    while len(out) < count:
        if day.weekday() < 5 and day not in skip:
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def extra_staff(cast, count: int, *, unit: str = "disdik_bidang", position: str | None = None) -> list[Employee]:
    """``count`` more employees in ``unit`` (made through the people services, as the cast is)."""
    system = SystemActor(tenant_id=cast.tenant.pk, label="test")
    out = []
    for _ in range(count):
        n = next(_seq)
        employee = employee_create(
            actor=system,
            org_unit=cast.units[unit],
            nip=f"19920101201801{1}{n:03d}",
            name=f"Pegawai Uji {n}",
            kind="pns",
            today=dt.date(2026, 1, 5),
            grade="II/c",
        )
        if position:
            assignment_start(
                actor=system,
                employee=employee,
                position=cast.positions[position],
                kind=AssignmentKind.DEFINITIVE,
                starts_on=dt.date(2024, 1, 2),
            )
            employee.refresh_from_db()
        out.append(employee)
    return out
