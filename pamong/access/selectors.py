"""Reads of the access app: accounts with their roles, each in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import RoleAssignment, RoleAssignmentQuerySet, User
from .roles import ACCESS_MANAGE

#: Validity of a role assignment on a day (its dates are inclusive).
CURRENT = "current"
ENDED = "ended"
UPCOMING = "upcoming"


def role_status(assignment: RoleAssignment, today: dt.date) -> str:
    """Whether the assignment grants its role on ``today``, has ended, or has not started yet."""
    if assignment.valid_to is not None and assignment.valid_to < today:
        return ENDED
    if assignment.valid_from is not None and assignment.valid_from > today:
        return UPCOMING
    return CURRENT


def _visible_roles(actor: Any) -> RoleAssignmentQuerySet:
    return RoleAssignment.objects.visible_to(actor, ACCESS_MANAGE).select_related("org_unit", "cluster")


def user_list(*, actor: Any, today: dt.date, search: str = "", role: str = "") -> QuerySet[User]:
    """Accounts the actor may manage, with their roles valid on ``today`` (``current_roles``) and
    ``has_totp`` (a confirmed authenticator). Three queries a page: count, rows, roles."""
    current_roles = _visible_roles(actor).valid_on(today).order_by("role", "pk")
    qs = (
        User.objects.visible_to(actor, ACCESS_MANAGE)
        .select_related("employee")
        .annotate(has_totp=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)))
        .prefetch_related(Prefetch("role_assignments", queryset=current_roles, to_attr="current_roles"))
    )
    text = search.strip()
    if text:
        condition = Q(username__icontains=text) | Q(employee__name__icontains=text)
        digits = "".join(text.split())
        if digits.isdigit():
            condition |= Q(employee__nip__startswith=digits)
        qs = qs.filter(condition)
    if role:
        qs = qs.filter(Exists(RoleAssignment.objects.valid_on(today).filter(user=OuterRef("pk"), role=role)))
    return qs.order_by("username")


@dataclass(frozen=True)
class RoleRow:
    """One role assignment of an account, with its validity on the day the page is shown."""

    assignment: RoleAssignment
    status: str

    @property
    def can_end(self) -> bool:
        return self.status != ENDED


@dataclass(frozen=True)
class Account:
    """An account as its management page shows it."""

    user: User
    roles: list[RoleRow]
    totp_confirmed: bool
    totp_pending: bool

    @property
    def has_device(self) -> bool:
        return self.totp_confirmed or self.totp_pending


def account_detail(*, actor: Any, user: User, today: dt.date) -> Account:
    """Every role assignment of ``user`` the actor may see (current first, then by date) and the state of
    the user's authenticator: two queries."""
    assignments = _visible_roles(actor).filter(user=user).order_by(F("valid_from").desc(nulls_last=True), "-pk")
    rows = [RoleRow(a, role_status(a, today)) for a in assignments]
    order = {CURRENT: 0, UPCOMING: 1, ENDED: 2}
    rows.sort(key=lambda row: order[row.status])
    devices = set(TOTPDevice.objects.filter(user=user).values_list("confirmed", flat=True))
    return Account(user=user, roles=rows, totp_confirmed=True in devices, totp_pending=False in devices)
