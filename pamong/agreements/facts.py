"""Facts that the agreement services and selectors both need: who heads a unit on a day, who the head of
region is and how the tenant names them, which units owe an agreement, which RPJMD period covers a year.

Read as the system, not through an actor's scope: whether someone heads a unit is a fact the signing rule
needs whoever asks. Services and selectors both import this module (it sits below both layers).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pamong.access.models import RoleAssignment
from pamong.access.roles import Role
from pamong.core.models import Tenant
from pamong.core.scope import SystemActor
from pamong.org.choices import OPD_KINDS
from pamong.org.models import OrgUnit
from pamong.people.choices import AssignmentKind
from pamong.people.rules.grades import GradeError, grade_by_code
from pamong.people.selectors import HeadOnDay, heads_of_unit_on
from pamong.planning.choices import PeriodStatus
from pamong.planning.models import PlanPeriod

from .rules import content as rules
from .rules.texts import head_title, region_head_title
from .rules.workflow import Party as PartyRole

#: Heads who may sign a PK: the definitive head, else the acting one (Plt). A Plh stands in for days only.
SIGNING_KINDS = (AssignmentKind.DEFINITIVE, AssignmentKind.PLT)


@dataclass(frozen=True)
class HeadParty:
    """The head of a unit on a day as a party: the employee and how the document names them."""

    employee_id: int
    party: rules.Party


def rank_of(grade: str) -> str:
    """``"IV/c"`` → ``"Pembina Utama Muda (IV/c)"``; empty for a PPPK golongan or an unknown code."""
    if not grade:
        return ""
    try:
        return str(grade_by_code(grade))
    except GradeError:
        return ""


def _as_party(head: HeadOnDay) -> HeadParty:
    employee = head.employee
    acting = head.kind == AssignmentKind.PLT
    return HeadParty(
        employee_id=employee.pk,
        party=rules.Party(
            role=PartyRole.HEAD,
            name=employee.full_name,
            title=head_title(head.position_name, acting=acting),
            nip=employee.nip,
            rank=rank_of(employee.grade),
            acting="plt" if acting else "",
        ),
    )


def signing_heads_on(*, unit: OrgUnit, day: dt.date) -> list[HeadParty]:
    """Who may sign for ``unit`` on ``day``: the definitive head first, then a Plt (never a Plh).

    Read as the system (not through the actor's scope): whether someone heads a unit is a fact the
    signing rule needs, whoever asks.
    """
    system = SystemActor(tenant_id=unit.tenant_id, label="agreements")
    heads = heads_of_unit_on(actor=system, unit=unit, day=day)
    return [_as_party(h) for h in heads if h.kind in SIGNING_KINDS]


def region_head_users(*, tenant_id: int, day: dt.date) -> list[Any]:
    """The users holding the head-of-region role on ``day`` (for the name on the document and notices)."""
    rows = (
        RoleAssignment.objects.filter(tenant_id=tenant_id, role=Role.HEAD_OF_REGION, user__is_active=True)
        .valid_on(day)
        .select_related("user__employee")
        .order_by("valid_from", "pk")
    )
    seen: dict[int, Any] = {}
    for row in rows:
        seen.setdefault(row.user_id, row.user)
    return list(seen.values())


def agreement_settings(tenant: Tenant) -> dict[str, str]:
    """The text values of ``Tenant.settings["agreements"]``: ``region_head_name``, ``region_head_title``, ``place``."""
    raw = tenant.settings.get("agreements") if isinstance(tenant.settings, dict) else None
    return {str(k): str(v) for k, v in raw.items() if isinstance(v, str)} if isinstance(raw, dict) else {}


def region_head_party(*, tenant: Tenant, day: dt.date) -> rules.Party:
    """The head of region as the document names them: the tenant's settings, else the role holder's name."""
    conf = agreement_settings(tenant)
    title = conf.get("region_head_title", "").strip() or region_head_title(tenant.name)
    name = conf.get("region_head_name", "").strip()
    if not name:
        for user in region_head_users(tenant_id=tenant.pk, day=day):
            name = str(user.employee.full_name if user.employee_id else (user.get_full_name() or user.username))
            break
    return rules.Party(role=PartyRole.REGION_HEAD, name=name, title=title)


def default_place(tenant: Tenant) -> str:
    """Where agreements are signed unless the draft says otherwise (the capital in the tenant's settings)."""
    return agreement_settings(tenant).get("place", "").strip()


def owes_agreement(unit: OrgUnit) -> bool:
    """Whether ``unit`` is one that signs a PK with the head of region (an OPD or a kecamatan)."""
    return unit.depth == 1 and unit.kind in OPD_KINDS


def plan_period_for(*, tenant_id: int, year: int) -> PlanPeriod | None:
    """The RPJMD period covering ``year``: the one in force if it does, else the newest that does."""
    periods = list(
        PlanPeriod.objects.filter(tenant_id=tenant_id, start_year__lte=year, end_year__gte=year)
        .exclude(status=PeriodStatus.DRAFT)
        .order_by("-start_year")
    )
    active = [p for p in periods if p.status == PeriodStatus.ACTIVE]
    return active[0] if active else (periods[0] if periods else None)
