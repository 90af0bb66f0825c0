"""An employee's leave already held in a year: the rows the quota check and the balance read (two queries)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pamong.people.models import Employee

from ..choices import ExcuseKind, ExcuseStatus
from ..models import Excuse, LeaveCarry
from ..rules.leave import LeaveKind, annual_leave_balance

#: Statuses that hold dates (and leave quota): a new request may not overlap them.
HOLDING = (ExcuseStatus.REQUESTED, ExcuseStatus.APPROVED)


@dataclass(frozen=True, slots=True)
class LeaveBalance:
    """Annual leave (cuti tahunan) of one year: entitlement (12 + carry), taken (approved), pending, left."""

    year: int
    entitlement: int
    carried: int
    taken: int
    pending: int

    @property
    def remaining(self) -> int:
        return max(self.entitlement - self.taken - self.pending, 0)


def leave_rows(
    employee: Employee, year: int, exclude_pk: int | None = None
) -> list[tuple[str, str, dt.date, dt.date, int]]:
    """(leave kind, status, first day, last day, working days) of the employee's requested or approved leave
    starting in ``year``."""
    rows = Excuse.objects.filter(
        tenant_id=employee.tenant_id,
        employee=employee,
        kind=ExcuseKind.LEAVE,
        status__in=HOLDING,
        starts_on__year=year,
    )
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    return list(rows.values_list("leave_kind", "status", "starts_on", "ends_on", "working_days"))


def carried_days(employee: Employee, year: int) -> int:
    """Annual leave carried into ``year`` (``LeaveCarry``, recorded by BKPSDM), 0 when none."""
    row = LeaveCarry.objects.filter(tenant_id=employee.tenant_id, employee=employee, year=year).first()
    return row.carried_days if row is not None else 0


def annual_balance(*, employee: Employee, year: int) -> LeaveBalance:
    """The employee's annual leave of ``year`` (two queries)."""
    carried = carried_days(employee, year)
    rows = [r for r in leave_rows(employee, year) if r[0] == LeaveKind.TAHUNAN]
    taken = sum(r[4] for r in rows if r[1] == ExcuseStatus.APPROVED)
    pending = sum(r[4] for r in rows if r[1] == ExcuseStatus.REQUESTED)
    return LeaveBalance(year, annual_leave_balance(carried_over=carried), carried, taken, pending)
