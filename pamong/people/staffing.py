"""Reads about who fills which post: a unit's positions with today's holders, vacant and acting heads.

A post is *vacant* (lowong) when nobody holds it definitively on the day; a Plt
may act in a vacant post, a Plh for an absent definitive holder. Holders are
people data, so they are read with ``people.view``: a user who may see a unit's
structure but not its people (a verifier, a plain ASN) gets the positions without
holders and without a vacancy verdict, rather than a misleading "Lowong".
Each function runs a fixed number of queries whatever the size of the unit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q

from pamong.core.scope import scope_of
from pamong.org.models import OrgUnit, Position

from .choices import AssignmentKind, EmployeeKindChoice
from .models import Assignment, Employee

PEOPLE_VIEW = "people.view"
ACTING_KINDS = (AssignmentKind.PLT, AssignmentKind.PLH)


@dataclass(frozen=True)
class Holder:
    """One person holding a post on the day, and for how long so far (days, inclusive)."""

    assignment: Assignment
    employee: Employee
    kind: str
    starts_on: dt.date
    duration_days: int

    @property
    def is_acting(self) -> bool:
        return self.kind != AssignmentKind.DEFINITIVE


@dataclass(frozen=True)
class PositionRow:
    position: Position
    holders: tuple[Holder, ...]

    @property
    def is_vacant(self) -> bool:
        return not any(h.kind == AssignmentKind.DEFINITIVE for h in self.holders)


@dataclass(frozen=True)
class UnitStaffing:
    rows: tuple[PositionRow, ...]
    holders_visible: bool


def _holder(assignment: Assignment, day: dt.date) -> Holder:
    return Holder(
        assignment=assignment,
        employee=assignment.employee,
        kind=assignment.kind,
        starts_on=assignment.starts_on,
        # Held on ``day``: count up to that day, even when a later end date is already set.
        duration_days=(day - assignment.starts_on).days + 1,
    )


def unit_staffing(*, actor: Any, unit: OrgUnit, day: dt.date) -> UnitStaffing:
    """The unit's open positions with their holders on ``day``: two queries."""
    positions = list(Position.objects.visible_to(actor, "org.view").filter(org_unit=unit).open_on(day))
    holders_visible = scope_of(actor).allows(PEOPLE_VIEW, tenant_id=unit.tenant_id, path=unit.path)
    by_position: dict[int, list[Holder]] = {}
    if holders_visible and positions:
        current = (
            Assignment.objects.visible_to(actor, PEOPLE_VIEW)
            .on(day)
            .filter(position__org_unit=unit)
            .select_related("employee__org_unit")
            .order_by("kind", "starts_on")
        )
        for assignment in current:
            by_position.setdefault(assignment.position_id, []).append(_holder(assignment, day))
    rows = tuple(PositionRow(p, tuple(by_position.get(p.pk, ()))) for p in positions)
    return UnitStaffing(rows=rows, holders_visible=holders_visible)


@dataclass(frozen=True)
class ActingHead:
    """A head post held today by a Plt or Plh."""

    holder: Holder
    position: Position
    unit: OrgUnit


@dataclass(frozen=True)
class Overview:
    """What the home page shows a leader: sizes, vacant head posts, acting heads."""

    unit_count: int
    pns_count: int
    pppk_count: int
    sees_people: bool
    vacant_heads: tuple[Position, ...]
    acting_heads: tuple[ActingHead, ...]

    @property
    def employee_count(self) -> int:
        return self.pns_count + self.pppk_count

    @property
    def acting_position_ids(self) -> frozenset[int]:
        return frozenset(a.position.pk for a in self.acting_heads)


def overview(*, actor: Any, day: dt.date) -> Overview:
    """Counts and head-post lists within the actor's scope: four queries, or one without people scope."""
    unit_count = OrgUnit.objects.visible_to(actor, "org.view").open_on(day).count()
    if not scope_of(actor).grants_for(PEOPLE_VIEW):
        # Only their own record: no staff figures for a plain ASN.
        return Overview(unit_count, 0, 0, False, (), ())
    counts = (
        Employee.objects.visible_to(actor, PEOPLE_VIEW)
        .active()
        .aggregate(
            pns=Count("pk", filter=Q(kind=EmployeeKindChoice.PNS)),
            pppk=Count("pk", filter=Q(kind=EmployeeKindChoice.PPPK)),
        )
    )
    definitive_today = Assignment.objects.on(day).filter(position_id=OuterRef("pk"), kind=AssignmentKind.DEFINITIVE)
    vacant = (
        Position.objects.visible_to(actor, PEOPLE_VIEW)
        .open_on(day)
        .filter(is_head=True)
        .filter(Q(org_unit__closed_on__isnull=True) | Q(org_unit__closed_on__gt=day))
        .exclude(Exists(definitive_today))
        .select_related("org_unit")
        .order_by("org_unit__path")
    )
    acting = (
        Assignment.objects.visible_to(actor, PEOPLE_VIEW)
        .on(day)
        .filter(kind__in=ACTING_KINDS, position__is_head=True)
        .select_related("employee", "position__org_unit")
        .order_by("starts_on", "pk")
    )
    return Overview(
        unit_count=unit_count,
        pns_count=counts["pns"],
        pppk_count=counts["pppk"],
        sees_people=True,
        vacant_heads=tuple(vacant),
        acting_heads=tuple(ActingHead(_holder(a, day), a.position, a.position.org_unit) for a in acting),
    )
