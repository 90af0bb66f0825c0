"""The canonical content of an agreement version, read from its own rows.

``agreement_content`` and ``pact_content`` read only the agreement's snapshot rows (never planning, never
the live unit or tenant names), so the hash of a signed version can be recomputed at any later time and
comes out the same. Services and selectors both read it (it sits beside the models, below both layers).

For a bulk demo seed that bypasses the services: either plan the content in memory as
``rules.content.AgreementContent`` and hash it with ``rules.content.content_hash`` (pure, no database),
or write the rows and call ``content_hash(agreement)`` / ``pact_hash(agreement, pact)`` here; store the
result in ``PerformanceAgreement.content_hash``, ``IntegrityPact.content_hash`` and each
``AgreementSignature.content_hash`` (the pact's signature carries the pact's hash).
"""

from __future__ import annotations

from .models import IntegrityPact, PerformanceAgreement
from .rules import content as rules
from .rules.workflow import Party as PartyRole


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
