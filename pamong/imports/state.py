"""The stored state an import is planned against, loaded into frozen dataclasses.

Each ``tenant_*`` loader is one query, so a file of 10,000 rows is checked
against the database with a handful of queries, never one per row. The
services use these (``selectors.py`` holds the reads of the pages and API).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from pamong.access.roles import IMPORTS_RUN
from pamong.core.errors import NotFoundError
from pamong.core.scope import scope_of
from pamong.org.models import STRUCTURAL_TYPES, Cluster, OrgUnit, Position
from pamong.people.models import Assignment, Employee


@dataclass(frozen=True)
class UnitState:
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    parent_id: int | None
    path: str
    depth: int
    cluster_id: int | None
    opened_on: dt.date | None
    closed_on: dt.date | None


UNIT_FIELDS = (
    "id",
    "code",
    "name",
    "short_name",
    "kind",
    "parent_id",
    "path",
    "depth",
    "cluster_id",
    "opened_on",
    "closed_on",
)


def tenant_units(*, tenant_id: int) -> list[UnitState]:
    rows = OrgUnit.objects.filter(tenant_id=tenant_id).order_by("path").values_list(*UNIT_FIELDS)
    return [UnitState(*row) for row in rows]


def tenant_clusters(*, tenant_id: int) -> dict[str, int]:
    """Asisten cluster code → id."""
    return dict(Cluster.objects.filter(tenant_id=tenant_id).values_list("code", "id"))


@dataclass(frozen=True)
class PositionState:
    id: int
    code: str
    name: str
    org_unit_id: int
    position_type: str
    eselon: str
    job_class: int | None
    duties: str
    is_head: bool
    closed_on: dt.date | None

    @property
    def is_structural(self) -> bool:
        """One definitive and one acting holder at a time (``Position.is_structural``)."""
        return self.position_type in STRUCTURAL_TYPES


POSITION_FIELDS = (
    "id",
    "code",
    "name",
    "org_unit_id",
    "position_type",
    "eselon",
    "job_class",
    "duties",
    "is_head",
    "closed_on",
)


def tenant_positions(*, tenant_id: int) -> list[PositionState]:
    rows = Position.objects.filter(tenant_id=tenant_id).order_by("pk").values_list(*POSITION_FIELDS)
    return [PositionState(*row) for row in rows]


@dataclass(frozen=True)
class EmployeeState:
    id: int
    nip: str
    nip_lama: str
    name: str
    front_title: str
    back_title: str
    kind: str
    grade: str
    email: str
    phone: str
    org_unit_id: int
    position_id: int | None


EMPLOYEE_FIELDS = (
    "id",
    "nip",
    "nip_lama",
    "name",
    "front_title",
    "back_title",
    "kind",
    "grade",
    "email",
    "phone",
    "org_unit_id",
    "position_id",
)


def tenant_employees(*, tenant_id: int) -> list[EmployeeState]:
    rows = Employee.objects.filter(tenant_id=tenant_id).order_by("pk").values_list(*EMPLOYEE_FIELDS)
    return [EmployeeState(*row) for row in rows]


@dataclass(frozen=True)
class AssignmentState:
    id: int
    employee_id: int
    position_id: int
    kind: str
    starts_on: dt.date
    ends_on: dt.date | None
    employee_name: str


def tenant_assignments(*, tenant_id: int, since: dt.date) -> list[AssignmentState]:
    """Assignments still running on or after ``since``: every one an import dated from ``since`` can meet.

    An identical assignment starts on the row's TMT, so it is in here too.
    """
    rows = (
        Assignment.objects.filter(tenant_id=tenant_id)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=since))
        .order_by("pk")
        .values_list("id", "employee_id", "position_id", "kind", "starts_on", "ends_on", "employee__name")
    )
    return [AssignmentState(*row) for row in rows]


def tenant_root(*, tenant_id: int) -> OrgUnit | None:
    return OrgUnit.objects.filter(tenant_id=tenant_id, parent__isnull=True).first()


def import_unit_for(*, actor: Any, tenant_id: int) -> OrgUnit:
    """Where the actor's batches are placed: the tenant root, or the top unit of a narrower imports grant."""
    scope = scope_of(actor)
    root = tenant_root(tenant_id=tenant_id)
    if root is None:
        raise NotFoundError(_("Pemerintah daerah ini belum memiliki unit akar."))
    if scope.allows(IMPORTS_RUN, tenant_id=tenant_id, path=root.path):
        return root
    paths = sorted((g.path for g in scope.grants_for(IMPORTS_RUN) if g.path), key=len)
    unit: OrgUnit | None = OrgUnit.objects.filter(tenant_id=tenant_id, path__in=paths[:1]).first() if paths else None
    if unit is None:
        raise NotFoundError(_("Data tidak ditemukan."))
    return unit
