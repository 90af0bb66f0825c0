"""Reads of the people app, each in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from pamong.org.models import OrgUnit

from .choices import AssignmentKind
from .models import Assignment, Employee


def employee_list(*, actor: Any, search: str = "", unit: OrgUnit | None = None, kind: str = "") -> QuerySet[Employee]:
    """Employees the actor may see, filtered; two queries per page (count + rows)."""
    qs = Employee.objects.visible_to(actor, "people.view").select_related("org_unit", "position")
    if search:
        qs = qs.search(search)
    if unit is not None:
        qs = qs.filter(org_unit__path__startswith=unit.path)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("name", "nip")


@dataclass(frozen=True)
class HeadOnDay:
    """Who held the head post of a unit on a day, and in what capacity."""

    employee: Employee
    kind: str
    starts_on: dt.date
    ends_on: dt.date | None
    position_name: str

    @property
    def is_acting(self) -> bool:
        return self.kind != AssignmentKind.DEFINITIVE


def heads_of_unit_on(*, actor: Any, unit: OrgUnit, day: dt.date) -> list[HeadOnDay]:
    """Everyone holding the unit's head post on ``day``: definitive first, then Plt/Plh."""
    rows = (
        Assignment.objects.visible_to(actor, "people.view")
        .on(day)
        .filter(position__org_unit=unit, position__is_head=True)
        .select_related("employee", "position")
        .order_by("kind", "starts_on")
    )
    order = {AssignmentKind.DEFINITIVE: 0, AssignmentKind.PLT: 1, AssignmentKind.PLH: 2}
    heads = [HeadOnDay(a.employee, a.kind, a.starts_on, a.ends_on, a.position.name) for a in rows]
    return sorted(heads, key=lambda h: order.get(AssignmentKind(h.kind), 9))


def assignment_history(*, actor: Any, employee: Employee) -> QuerySet[Assignment]:
    return (
        Assignment.objects.visible_to(actor, "people.view")
        .filter(employee=employee)
        .select_related("position__org_unit")
        .order_by("-starts_on", "-pk")
    )
