"""Agreements on the persona cast (test support only): a plan with indicators for Dinas Pendidikan and
Kecamatan Anggrek, and helpers that walk a version through drafting and signing via the services."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pamong.core.scope import SystemActor
from pamong.core.testing.personas import Cast
from pamong.planning import services as planning
from pamong.planning.choices import Aggregation, IndicatorLevel, PeriodKind
from pamong.planning.models import Indicator
from pamong.planning.testing import Plan, build_plan

from . import selectors, services
from .models import PerformanceAgreement

REGION_HEAD_NAME = "Drs. H. Andi Uji Sentosa, M.Si."
MONTHS = {n: Decimal(n * 10) for n in range(1, 13)}


@dataclass
class AgreementPlan:
    plan: Plan
    disdik_monthly: Indicator
    kec_indicator: Indicator


def build_agreement_plan(cast: Cast) -> AgreementPlan:
    """``build_plan`` plus a monthly Disdik indicator and a Kecamatan Anggrek indicator, all with 2026 targets."""
    plan = build_plan(cast)
    system = SystemActor(tenant_id=cast.tenant.pk, label="test")
    monthly = planning.indicator_create(
        actor=system,
        org_unit=cast.units["disdik"],
        period=plan.period,
        level=IndicatorLevel.OPD,
        data=planning.IndicatorData(
            code="IK2",
            name="Jumlah guru tersertifikasi",
            unit_of_measure="orang",
            strategic_target=plan.strategic,
            period_kind=PeriodKind.MONTHLY,
            aggregation=Aggregation.CUMULATIVE,
        ),
        year=2026,
        annual_target=Decimal("780"),
        period_targets=MONTHS,
    )
    kec = planning.indicator_create(
        actor=system,
        org_unit=cast.units["kec"],
        period=plan.period,
        level=IndicatorLevel.OPD,
        data=planning.IndicatorData(
            code="KEC1",
            name="Indeks kepuasan layanan kecamatan",
            unit_of_measure="indeks",
            priority_program=plan.program,
            aggregation=Aggregation.LATEST,
        ),
        year=2026,
        annual_target=Decimal("82.5"),
        period_targets={1: Decimal("80"), 2: Decimal("81"), 3: Decimal("82"), 4: Decimal("82.5")},
    )
    tenant = cast.tenant
    tenant.settings = {**tenant.settings, "agreements": {"region_head_name": REGION_HEAD_NAME, "place": "Uji"}}
    tenant.save(update_fields=["settings"])
    return AgreementPlan(plan=plan, disdik_monthly=monthly, kec_indicator=kec)


def drafted(cast: Cast, unit: str = "disdik", year: int = 2026) -> PerformanceAgreement:
    return services.agreement_draft(
        actor=cast.users["planner"],
        org_unit=cast.units[unit],
        year=year,
        budget_lines=[services.BudgetLineData("Program Pengelolaan Pendidikan", 12_500_000_000)],
    )


def submitted(cast: Cast, unit: str = "disdik") -> PerformanceAgreement:
    return services.agreement_submit(actor=cast.users["planner"], agreement=drafted(cast, unit))


def signed(cast: Cast, unit: str = "disdik") -> PerformanceAgreement:
    """A version fully signed by the head (PK and pact) and the Bupati."""
    agreement = submitted(cast, unit)
    head = cast.users["kepala_opd" if unit == "disdik" else "camat"]
    services.agreement_sign(actor=head, agreement=agreement, party="head", content_hash=agreement.content_hash)
    pact = agreement.integrity_pact
    services.integrity_pact_sign(actor=head, agreement=agreement, content_hash=pact.content_hash)
    services.agreement_sign(
        actor=cast.users["bupati"], agreement=agreement, party="region_head", content_hash=agreement.content_hash
    )
    return selectors.agreement_queryset(actor=cast.users["planner"]).get(pk=agreement.pk)
