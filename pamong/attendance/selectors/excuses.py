"""Reads of excuses and outages: lists with filters, the superior's inbox, one excuse's page, the leave balance.

Every read starts from ``visible_to``; lists load their rows with the employee and unit in one query, and
the inbox resolves every candidate's direct superior in one more (``excuse_superiors``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from pamong.access.roles import ATTENDANCE_MANAGE, ATTENDANCE_VIEW, EXCUSES_APPROVE
from pamong.core.models import Tenant
from pamong.core.scope import scope_of
from pamong.people.models import Employee

from ..choices import ExcuseStatus
from ..models import Excuse, ExcuseStep, Outage
from .excuse_superiors import Superior, SuperiorQuery, direct_superiors
from .leave_balance import LeaveBalance, annual_balance


@dataclass(frozen=True, slots=True)
class ExcuseFilters:
    org_unit_path: str = ""
    kind: str = ""
    status: str = ""
    year: int | None = None
    month: int | None = None
    employee_id: int | None = None


def _base(actor: Any) -> QuerySet[Excuse]:
    return Excuse.objects.visible_to(actor, ATTENDANCE_VIEW).select_related("employee", "employee__org_unit")


def excuse_list(*, actor: Any, filters: ExcuseFilters | None = None) -> QuerySet[Excuse]:
    """Excuses the actor may see, newest first, filtered by unit subtree, kind, status and month."""
    f = filters or ExcuseFilters()
    rows = _base(actor)
    if f.org_unit_path:
        rows = rows.filter(employee__org_unit__path__startswith=f.org_unit_path)
    if f.kind:
        rows = rows.filter(kind=f.kind)
    if f.status:
        rows = rows.filter(status=f.status)
    if f.employee_id is not None:
        rows = rows.filter(employee_id=f.employee_id)
    if f.year is not None and f.month is not None:
        first = dt.date(f.year, f.month, 1)
        following = dt.date(f.year + (f.month == 12), f.month % 12 + 1, 1)
        rows = rows.filter(starts_on__lt=following, ends_on__gte=first)
    elif f.year is not None:
        rows = rows.filter(starts_on__year__lte=f.year, ends_on__year__gte=f.year)
    return rows.order_by("-starts_on", "-pk")


def own_excuses(*, actor: Any) -> QuerySet[Excuse]:
    """The actor's own excuses (none for an account without an employee record)."""
    employee_id = scope_of(actor).employee_id
    if employee_id is None:
        return Excuse.objects.none()
    return _base(actor).filter(employee_id=employee_id).order_by("-starts_on", "-pk")


def own_employee(*, actor: Any) -> Employee | None:
    employee_id = scope_of(actor).employee_id
    if employee_id is None:
        return None
    return Employee.objects.select_related("org_unit").filter(pk=employee_id).first()


def own_balance(*, actor: Any, year: int) -> LeaveBalance | None:
    """The actor's annual leave of ``year`` (None without an employee record)."""
    employee = own_employee(actor=actor)
    return annual_balance(employee=employee, year=year) if employee is not None else None


@dataclass(frozen=True, slots=True)
class InboxRow:
    """A request waiting for the actor: as its direct superior, or (``override``) as BKPSDM for lack of one."""

    excuse: Excuse
    superior: Superior | None
    override: bool


def _superiors(tenant_id: int, rows: list[Excuse]) -> dict[int, Superior | None]:
    queries = {e.pk: SuperiorQuery(e.employee_id, e.employee.org_unit.path, e.starts_on) for e in rows}
    found = direct_superiors(tenant_id=tenant_id, queries=queries.values())
    return {pk: found[q] for pk, q in queries.items()}


def excuse_inbox(*, actor: Any) -> list[InboxRow]:
    """Requests waiting for the actor's decision, oldest first (two queries).

    A head sees the requests whose direct superior he is; BKPSDM (``attendance.manage``) also sees the
    requests that have no direct superior up the tree.
    """
    scope = scope_of(actor)
    if scope.tenant_id is None:
        return []
    approver = Excuse.objects.visible_to(actor, EXCUSES_APPROVE)
    manager = Excuse.objects.visible_to(actor, ATTENDANCE_MANAGE)
    candidates = (
        (approver | manager)
        .filter(status=ExcuseStatus.REQUESTED)
        .exclude(employee_id=scope.employee_id or 0)
        .select_related("employee", "employee__org_unit")
        .order_by("starts_on", "pk")
    )
    rows = list(candidates[:500])
    superiors = _superiors(scope.tenant_id, rows)
    can_manage = scope.can(ATTENDANCE_MANAGE)
    user_id = getattr(actor, "pk", None)
    inbox = []
    for excuse in rows:
        superior = superiors[excuse.pk]
        if superior is not None and user_id in superior.user_ids:
            inbox.append(InboxRow(excuse, superior, False))
        elif superior is None and can_manage:
            inbox.append(InboxRow(excuse, None, True))
    return inbox


@dataclass(frozen=True, slots=True)
class ExcusePage:
    """One excuse with its history, who decides it, and what the actor may do with it now."""

    excuse: Excuse
    steps: list[ExcuseStep]
    superior: Superior | None
    can_decide: bool
    can_cancel: bool
    can_revoke: bool


def excuse_detail(*, actor: Any) -> QuerySet[Excuse]:
    return _base(actor).select_related("requested_by", "decided_by")


def excuse_page(*, actor: Any, excuse: Excuse) -> ExcusePage:
    scope = scope_of(actor)
    superior = _superiors(excuse.tenant_id, [excuse])[excuse.pk]
    steps = list(ExcuseStep.objects.filter(excuse=excuse).order_by("created_at", "pk"))
    user_id = getattr(actor, "pk", None)
    own = scope.employee_id is not None and scope.employee_id == excuse.employee_id
    path = excuse.employee.org_unit.path
    manage = scope.allows(ATTENDANCE_MANAGE, tenant_id=excuse.tenant_id, path=path)
    is_superior = (
        superior is not None
        and user_id in superior.user_ids
        and scope.allows(EXCUSES_APPROVE, tenant_id=excuse.tenant_id, path=path)
    )
    decider = not own and (is_superior or manage)
    return ExcusePage(
        excuse=excuse,
        steps=steps,
        superior=superior,
        can_decide=decider and excuse.status == ExcuseStatus.REQUESTED,
        can_cancel=excuse.status == ExcuseStatus.REQUESTED
        and (own or (excuse.requested_by_id is not None and excuse.requested_by_id == user_id)),
        can_revoke=decider and excuse.status == ExcuseStatus.APPROVED,
    )


def outage_list(*, actor: Any, year: int | None = None) -> QuerySet[Outage]:
    """The tenant's declared outages, newest first (tenant-wide facts: every holder of attendance.view)."""
    tenant_id = scope_of(actor).tenant_id
    if tenant_id is None or not scope_of(actor).can(ATTENDANCE_VIEW):
        return Outage.objects.none()
    rows = Outage.objects.filter(tenant_id=tenant_id).select_related("org_unit", "declared_by")
    if year is not None:
        rows = rows.filter(date__year=year)
    return rows.order_by("-date", "-start_time", "-pk")


def tenant_of(actor: Any) -> Tenant | None:
    tenant_id = scope_of(actor).tenant_id
    return Tenant.objects.filter(pk=tenant_id).first() if tenant_id else None
