"""Reads of agreements: the year's list of units with their status, one version with everything it shows,
its version history, what the actor may do with it, and the version in force for other apps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from pamong.access.roles import AGREEMENTS_MANAGE, AGREEMENTS_SIGN, PERFORMANCE_VIEW
from pamong.core.scope import scope_of
from pamong.org.choices import OPD_KINDS, OrgUnitKind
from pamong.org.models import OrgUnit
from pamong.planning.choices import PERIODS_PER_YEAR, IndicatorLevel
from pamong.planning.models import Indicator, IndicatorTarget, PeriodTarget

from ..authz import signs_for_region
from ..choices import AgreementStatus, SignedDocument, SignerParty
from ..facts import plan_period_for
from ..models import AgreementItem, AgreementSignature, PerformanceAgreement


def agreement_units(*, actor: Any, year: int) -> QuerySet[OrgUnit]:
    """The OPDs and kecamatan in the actor's sight that owe an agreement for ``year`` (open during it)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (
        OrgUnit.objects.visible_to(actor, PERFORMANCE_VIEW)
        .filter(depth=1, kind__in=sorted(OPD_KINDS))
        .filter(Q(opened_on__isnull=True) | Q(opened_on__lte=end))
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=start))
        .order_by("sort_order", "name")
    )


@dataclass
class UnitRow:
    """One unit of the year's list: its newest live version, the one in force and the one under way."""

    unit: OrgUnit
    in_force: PerformanceAgreement | None = None
    pending: PerformanceAgreement | None = None
    can_manage: bool = False
    history: list[PerformanceAgreement] = field(default_factory=list)

    @property
    def current(self) -> PerformanceAgreement | None:
        return self.pending or self.in_force

    @property
    def missing(self) -> bool:
        return self.in_force is None and self.pending is None

    @property
    def state(self) -> str:
        """``missing``, ``draft``, ``awaiting``, ``signed`` or ``revising`` (in force with a revision under way)."""
        if self.missing:
            return "missing"
        if self.in_force is not None and self.pending is not None:
            return "revising"
        current = self.current
        assert current is not None
        return str(current.status)

    @property
    def is_kecamatan(self) -> bool:
        return self.unit.kind == OrgUnitKind.KECAMATAN


STATES = ("missing", "draft", "awaiting", "signed", "revising")


@dataclass
class YearList:
    year: int
    rows: list[UnitRow]
    counts: dict[str, int]


def year_list(*, actor: Any, year: int, state: str = "", kind: str = "") -> YearList:
    """Every unit in sight that owes a PK for ``year`` with its status, units without one flagged.

    Three queries whatever the number of units: units, the year's versions (with unit), their signatures.
    """
    units = list(agreement_units(actor=actor, year=year))
    versions = list(
        PerformanceAgreement.objects.visible_to(actor, PERFORMANCE_VIEW)
        .filter(year=year, org_unit__in=[u.pk for u in units])
        .exclude(status=AgreementStatus.CANCELLED)
        .prefetch_related(Prefetch("signatures", queryset=AgreementSignature.objects.filter(revoked_at__isnull=True)))
        .order_by("org_unit_id", "version")
    )
    scope = scope_of(actor)
    rows = {
        u.pk: UnitRow(unit=u, can_manage=scope.allows(AGREEMENTS_MANAGE, tenant_id=u.tenant_id, path=u.path))
        for u in units
    }
    for version in versions:
        row = rows[version.org_unit_id]
        version.org_unit = row.unit
        row.history.append(version)
        if version.status == AgreementStatus.SIGNED:
            row.in_force = version
        elif version.status in (AgreementStatus.DRAFT, AgreementStatus.AWAITING):
            row.pending = version
    all_rows = list(rows.values())
    counts = dict.fromkeys(STATES, 0)
    for row in all_rows:
        counts[row.state] += 1
    counts["total"] = len(all_rows)
    shown = [
        r for r in all_rows if (not state or r.state == state) and (not kind or (kind == "kecamatan") == r.is_kecamatan)
    ]
    return YearList(year=year, rows=shown, counts=counts)


def agreement_queryset(*, actor: Any) -> QuerySet[PerformanceAgreement]:
    """Versions the actor may see, with what a detail page or the API shows (items, targets, budget, signatures)."""
    return (
        PerformanceAgreement.objects.visible_to(actor, PERFORMANCE_VIEW)
        .select_related("org_unit", "integrity_pact", "previous")
        .prefetch_related(
            Prefetch("items", queryset=AgreementItem.objects.order_by("number").prefetch_related("targets")),
            "budget_lines",
            Prefetch("signatures", queryset=AgreementSignature.objects.order_by("signed_at", "pk")),
        )
    )


def versions_of(*, actor: Any, agreement: PerformanceAgreement) -> list[PerformanceAgreement]:
    """Every version of the same unit and year the actor may see, newest first (one query)."""
    return list(
        PerformanceAgreement.objects.visible_to(actor, PERFORMANCE_VIEW)
        .filter(org_unit_id=agreement.org_unit_id, year=agreement.year)
        .order_by("-version")
    )


def active_signatures(agreement: PerformanceAgreement) -> list[AgreementSignature]:
    """The signatures that count (not revoked), from the prefetched rows."""
    return [s for s in agreement.signatures.all() if s.revoked_at is None]


def signature_of(agreement: PerformanceAgreement, document: str, party: str) -> AgreementSignature | None:
    for signature in active_signatures(agreement):
        if signature.document == document and signature.party == party:
            return signature
    return None


@dataclass(frozen=True)
class Capabilities:
    """What the actor may do with one version (buttons; the services decide again)."""

    manage: bool
    sign_as_head: bool
    sign_as_region_head: bool
    sign_pact: bool

    @property
    def sign_any(self) -> bool:
        return self.sign_as_head or self.sign_as_region_head or self.sign_pact


def capabilities(*, actor: Any, agreement: PerformanceAgreement, today: dt.date) -> Capabilities:
    """Which buttons to show: managing (a draft), signing for a party not yet signed (at most one query)."""
    scope = scope_of(actor)
    tenant_id, path = agreement.tenant_id, agreement.org_unit.path
    manage = scope.allows(AGREEMENTS_MANAGE, tenant_id=tenant_id, path=path)
    awaiting = agreement.status == AgreementStatus.AWAITING
    may_sign = awaiting and scope.allows(AGREEMENTS_SIGN, tenant_id=tenant_id, path=path)
    region = may_sign and signs_for_region(actor, tenant_id)
    head = may_sign and scope.employee_id is not None and scope.employee_id == agreement.head_employee_id
    return Capabilities(
        manage=manage,
        sign_as_head=head and signature_of(agreement, SignedDocument.AGREEMENT, SignerParty.HEAD) is None,
        sign_as_region_head=region
        and signature_of(agreement, SignedDocument.AGREEMENT, SignerParty.REGION_HEAD) is None,
        sign_pact=head and signature_of(agreement, SignedDocument.INTEGRITY_PACT, SignerParty.HEAD) is None,
    )


def year_choices(*, tenant_id: int | None, today: dt.date) -> list[int]:
    """Years offered on the list: those of the RPJMD period in force, else around today."""
    if tenant_id is not None:
        period = plan_period_for(tenant_id=tenant_id, year=today.year)
        if period is not None:
            return list(range(period.start_year, period.end_year + 1))
    return [today.year - 1, today.year, today.year + 1]


# -- for other apps: the targets a unit agreed to ----------------------------------------------------------


def agreement_in_force(*, tenant_id: int, org_unit_id: int, year: int) -> PerformanceAgreement | None:
    """The fully signed version in force for a unit and year, with its items and targets, or None.

    For reports and scores (not scoped: callers have authorised the unit): the targets to compare
    realisations with are the signed ones, not planning's current values.
    """
    return (
        PerformanceAgreement.objects.filter(
            tenant_id=tenant_id, org_unit_id=org_unit_id, year=year, status=AgreementStatus.SIGNED
        )
        .prefetch_related(
            Prefetch("items", queryset=AgreementItem.objects.order_by("number").prefetch_related("targets"))
        )
        .first()
    )


@dataclass(frozen=True)
class IndicatorOption:
    """One of the unit's planning indicators offered on the draft form, with whether it can be copied."""

    pk: int
    code: str
    name: str
    unit_of_measure: str
    annual_target: Any
    complete: bool  # has the year's annual target and every period of its trajectory


def indicator_options(*, agreement: PerformanceAgreement) -> list[IndicatorOption]:
    """The unit's OPD indicators of the draft's RPJMD period with the year's targets (three queries)."""
    indicators = list(
        Indicator.objects.filter(
            tenant_id=agreement.tenant_id,
            org_unit_id=agreement.org_unit_id,
            period_id=agreement.plan_period_id,
            level=IndicatorLevel.OPD,
        ).order_by("code", "pk")
    )
    annual = dict(
        IndicatorTarget.objects.filter(indicator__in=indicators, year=agreement.year).values_list(
            "indicator_id", "annual_target"
        )
    )
    counts: dict[int, int] = {}
    for indicator_id in PeriodTarget.objects.filter(indicator__in=indicators, year=agreement.year).values_list(
        "indicator_id", flat=True
    ):
        counts[indicator_id] = counts.get(indicator_id, 0) + 1
    return [
        IndicatorOption(
            pk=i.pk,
            code=i.code,
            name=i.name,
            unit_of_measure=i.unit_of_measure,
            annual_target=annual.get(i.pk),
            complete=i.pk in annual and counts.get(i.pk, 0) == PERIODS_PER_YEAR.get(i.period_kind, 0),
        )
        for i in indicators
    ]
