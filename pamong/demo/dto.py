"""The plan of a demo region: plain dataclasses the generator fills and the loader writes.

Rows refer to each other by natural keys (unit code, position code, employee
index), never by database ids, so a plan is complete before anything is written.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .planning_plan import PlanningPlan
    from .story_accounts import AccountPlan, RolePlan
    from .story_dto import StoryPlan


@dataclass(frozen=True, slots=True)
class ClusterPlan:
    code: str
    name: str
    sort_order: int


@dataclass(frozen=True, slots=True)
class UnitPlan:
    """One org unit; ``opd_code`` is the OPD it belongs to (itself for an OPD, None for the root)."""

    code: str
    name: str
    short_name: str
    kind: str
    parent_code: str | None
    depth: int
    sort_order: int
    cluster_code: str | None = None
    opd_code: str | None = None


@dataclass(frozen=True, slots=True)
class PositionPlan:
    code: str
    unit_code: str
    name: str
    position_type: str
    eselon: str
    is_head: bool
    job_class: int | None


@dataclass(frozen=True, slots=True)
class EmployeePlan:
    """One ASN; ``position_code`` is the current definitive post (None for the retired)."""

    index: int
    nip: str
    name: str
    front_title: str
    back_title: str
    kind: str
    grade: str
    gender: str
    birth_date: dt.date
    appointment_year: int
    appointment_month: int | None
    unit_code: str
    position_code: str | None
    phone: str
    is_active: bool = True

    @property
    def full_name(self) -> str:
        name = f"{self.front_title} {self.name}".strip()
        return f"{name}, {self.back_title}" if self.back_title else name


@dataclass(frozen=True, slots=True)
class AssignmentPlan:
    employee_index: int
    position_code: str
    kind: str
    starts_on: dt.date
    ends_on: dt.date | None
    decree_number: str
    decree_date: dt.date | None
    note: str = ""


@dataclass(frozen=True, slots=True)
class UserPlan:
    """A demo login: its role over a unit or an Asisten cluster, and the employee it is."""

    username: str
    role: str
    unit_code: str | None
    cluster_code: str | None
    employee_index: int | None
    first_name: str = ""
    last_name: str = ""
    needs_totp: bool = False
    is_platform_admin: bool = False


@dataclass(frozen=True)
class RegionPlan:
    """Everything one demo tenant consists of, deterministic for (seed, employees, today)."""

    name: str
    region_code: str
    time_zone: str
    seed: int
    today: dt.date
    clusters: tuple[ClusterPlan, ...]
    units: tuple[UnitPlan, ...]
    positions: tuple[PositionPlan, ...]
    employees: tuple[EmployeePlan, ...]
    assignments: tuple[AssignmentPlan, ...]
    users: tuple[UserPlan, ...]
    #: The planning cascade (RPJMD, Renstra), if the region has one in the demo.
    planning: PlanningPlan | None = None
    #: The performance year (agreements, reports, ratings, follow-ups), if the region has one in the demo.
    story: StoryPlan | None = None
    #: The logins of the heads who act in the story (written in bulk) and the roles it gives (via the service).
    accounts: tuple[AccountPlan, ...] = ()
    roles: tuple[RolePlan, ...] = ()

    @property
    def root(self) -> UnitPlan:
        return self.units[0]

    def counts(self) -> dict[str, int]:
        """The headline figures (also recorded in the ``demo.seeded`` audit event)."""
        eselon = Counter(p.eselon[: p.eselon.index(".")] for p in self.positions if p.eselon)
        kinds = Counter(e.kind for e in self.employees if e.is_active)
        return {
            "units": len(self.units),
            "opd": sum(1 for u in self.units if u.opd_code == u.code),
            "kecamatan": sum(1 for u in self.units if u.kind == "kecamatan"),
            "positions": len(self.positions),
            "eselon_ii": eselon["II"],
            "eselon_iii": eselon["III"],
            "eselon_iv": eselon["IV"],
            "employees": sum(1 for e in self.employees if e.is_active),
            "retired": sum(1 for e in self.employees if not e.is_active),
            "pns": kinds["pns"],
            "pppk": kinds["pppk"],
            "assignments": len(self.assignments),
            "acting": sum(1 for a in self.assignments if a.kind != "definitive"),
            "users": len(self.users),
            "head_accounts": len(self.accounts),
            **(self.planning.counts() if self.planning else {}),
            **(self.story.counts() if self.story else {}),
        }
