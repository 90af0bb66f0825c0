"""A small plan on the persona cast, built through the services (test support only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pamong.core.scope import SystemActor
from pamong.core.testing.personas import Cast

from . import services
from .choices import Aggregation, IndicatorLevel, LowerIsBetterFormula, PeriodKind, Polarity, ProgramKind
from .models import Goal, Indicator, Mission, PlanPeriod, PriorityProgram, RegionalTarget, StrategicTarget

QUARTERS = {1: Decimal("25"), 2: Decimal("50"), 3: Decimal("75"), 4: Decimal("100")}


@dataclass
class Plan:
    period: PlanPeriod
    mission: Mission
    goal: Goal
    regional_target: RegionalTarget
    program: PriorityProgram
    strategic: StrategicTarget
    iku: Indicator
    indicator: Indicator
    orphan: Indicator
    extra: dict[str, Any] = field(default_factory=dict)


def build_plan(cast: Cast) -> Plan:
    system = SystemActor(tenant_id=cast.tenant.pk, label="test")
    period = services.period_create(
        actor=system, name="RPJMD 2025–2030", start_year=2025, end_year=2030, vision="Kabupaten Uji maju dan sejahtera"
    )
    period = services.period_activate(actor=system, period=period)
    mission = services.mission_create(actor=system, period=period, number=1, text="Meningkatkan mutu SDM")
    goal = services.goal_create(actor=system, mission=mission, code="T1", text="Meningkatnya kualitas pendidikan")
    target = services.regional_target_create(
        actor=system, goal=goal, code="S1", text="Meningkatnya rata-rata lama sekolah"
    )
    program = services.priority_program_create(
        actor=system,
        period=period,
        code="PP1",
        name="Uji Cerdas",
        kind=ProgramKind.PROGRAM,
        owner_unit=cast.units["disdik"],
    )
    strategic = services.strategic_target_create(
        actor=system,
        org_unit=cast.units["disdik"],
        period=period,
        code="SS1",
        text="Meningkatnya partisipasi sekolah",
        regional_target=target,
    )
    iku = services.indicator_create(
        actor=system,
        org_unit=cast.units["root"],
        period=period,
        level=IndicatorLevel.REGIONAL,
        data=services.IndicatorData(
            code="IKU1", name="Rata-rata lama sekolah", unit_of_measure="tahun", regional_target=target
        ),
    )
    indicator = services.indicator_create(
        actor=system,
        org_unit=cast.units["disdik"],
        period=period,
        level=IndicatorLevel.OPD,
        data=services.IndicatorData(
            code="IK1",
            name="Angka partisipasi murni SD",
            unit_of_measure="%",
            baseline=Decimal("90.5"),
            strategic_target=strategic,
            aggregation=Aggregation.LATEST,
        ),
        year=2026,
        annual_target=Decimal("100"),
        period_targets=QUARTERS,
    )
    orphan = services.indicator_create(
        actor=system,
        org_unit=cast.units["dinkes"],
        period=period,
        level=IndicatorLevel.OPD,
        data=services.IndicatorData(
            code="IKX",
            name="Waktu tunggu pasien",
            unit_of_measure="menit",
            polarity=Polarity.MINIMIZE,
            lower_is_better_formula=LowerIsBetterFormula.MAJALENGKA,
            period_kind=PeriodKind.MONTHLY,
        ),
    )
    return Plan(period, mission, goal, target, program, strategic, iku, indicator, orphan)
