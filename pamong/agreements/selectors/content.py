"""The canonical content of an agreement version, read from its own rows, and who the parties are.

``agreement_content`` and ``pact_content`` read only the agreement's snapshot rows (never planning, never
the live unit or tenant names), so the hash of a signed version can be recomputed at any later time and
comes out the same.

For a bulk demo seed that bypasses the services: either plan the content in memory as
``rules.content.AgreementContent`` and hash it with ``rules.content.content_hash`` (pure, no database),
or write the rows and call ``content_hash(agreement)`` / ``pact_hash(agreement, pact)`` here; store the
result in ``PerformanceAgreement.content_hash``, ``IntegrityPact.content_hash`` and each
``AgreementSignature.content_hash`` (the pact's signature carries the pact's hash).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pamong.access.models import RoleAssignment
from pamong.access.roles import Role
from pamong.core.models import Tenant
from pamong.core.scope import SystemActor
from pamong.org.models import OrgUnit
from pamong.people.choices import AssignmentKind
from pamong.people.rules.grades import GradeError, grade_by_code
from pamong.people.selectors import HeadOnDay, heads_of_unit_on

from ..models import IntegrityPact, PerformanceAgreement
from ..rules import content as rules
from ..rules.texts import head_title, region_head_title
from ..rules.workflow import Party as PartyRole

#: Heads who may sign a PK: the definitive head, else the acting one (Plt). A Plh stands in for days only.
SIGNING_KINDS = (AssignmentKind.DEFINITIVE, AssignmentKind.PLT)


def _items(agreement: PerformanceAgreement) -> tuple[rules.Item, ...]:
    rows = sorted(agreement.items.all(), key=lambda item: item.number)
    return tuple(
        rules.Item(
            number=row.number,
            goal=row.goal,
            indicator_code=row.indicator_code,
            indicator_name=row.indicator_name,
            unit_of_measure=row.unit_of_measure,
            polarity=row.polarity,
            period_kind=row.period_kind,
            annual_target=row.annual_target,
            trajectory=tuple(sorted((t.period_no, t.target) for t in row.targets.all())),
        )
        for row in rows
    )


def head_party_of(agreement: PerformanceAgreement) -> rules.Party | None:
    if not agreement.head_name:
        return None
    return rules.Party(
        role=PartyRole.HEAD,
        name=agreement.head_name,
        title=agreement.head_title,
        nip=agreement.head_nip,
        rank=agreement.head_rank,
        acting=agreement.head_acting,
    )


def region_head_party_of(agreement: PerformanceAgreement) -> rules.Party | None:
    if not agreement.region_head_title:
        return None
    return rules.Party(role=PartyRole.REGION_HEAD, name=agreement.region_head_name, title=agreement.region_head_title)


def agreement_content(agreement: PerformanceAgreement) -> rules.AgreementContent:
    """The canonical content of one version from its snapshot rows (uses prefetched items/targets/budget)."""
    return rules.AgreementContent(
        tenant=agreement.tenant_name,
        unit_code=agreement.unit_code,
        unit_name=agreement.unit_name,
        year=agreement.year,
        version=agreement.version,
        form=agreement.form,
        place=agreement.place,
        agreement_date=agreement.agreement_date,
        head=head_party_of(agreement),
        region_head=region_head_party_of(agreement),
        items=_items(agreement),
        budget=tuple(
            rules.BudgetLine(number=b.number, program=b.program, ceiling=b.ceiling)
            for b in sorted(agreement.budget_lines.all(), key=lambda b: b.number)
        ),
        revision_reason=agreement.revision_reason,
    )


def content_hash(agreement: PerformanceAgreement) -> str:
    """SHA-256 of the version's canonical content as stored now."""
    return rules.content_hash(agreement_content(agreement))


def pact_content(agreement: PerformanceAgreement, pact: IntegrityPact) -> rules.PactContent:
    """The canonical content of the integrity pact of ``agreement``."""
    head = head_party_of(agreement)
    if head is None:
        raise ValueError("an integrity pact needs the head of the unit named")
    return rules.PactContent(
        agreement_hash=agreement.content_hash,
        tenant=agreement.tenant_name,
        unit_name=agreement.unit_name,
        year=agreement.year,
        version=agreement.version,
        form=pact.form,
        place=pact.place,
        pact_date=pact.pact_date,
        signer=head,
        statements=tuple(pact.statements),
    )


def pact_hash(agreement: PerformanceAgreement, pact: IntegrityPact) -> str:
    return rules.content_hash(pact_content(agreement, pact))


# -- who the parties are ---------------------------------------------------------------------------------


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
    """``Tenant.settings["agreements"]``: ``region_head_name``, ``region_head_title``, ``place``, ``address``."""
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
