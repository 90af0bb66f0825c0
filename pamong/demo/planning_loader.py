"""Writes a demo region's planning cascade (``planning_plan``'s plan) in bulk: one query per table.

The same bargain as ``loader``: this is a seed, so the rows bypass the planning services
(``period_create``, ``indicator_create``, ``indicator_set_targets``, ...), which would lock,
re-validate and append an audit event per row — about 2,200 events for one plan. The plan
keeps the services' rules by construction and the demo tests prove it (links, polarity and
formula, weights, complete trajectories that ``check_trajectory`` accepts). The period is
written as active directly (``period_activate`` would refuse nothing here: the tenant is
new). The audit trail still says where the rows came from: ``loader`` records the counts of
this plan in the tenant's one ``demo.seeded`` event.

Queries: one per table (period, missions, goals, regional targets, programs, strategic
targets, indicators, annual targets), one to look up the responsible posts, and the
trajectory in batches of ``BATCH`` rows: a fixed number whatever the regency's size.
"""

from __future__ import annotations

from collections.abc import Mapping

from pamong.core.models import Tenant
from pamong.org.models import OrgUnit, Position
from pamong.planning.choices import PeriodStatus
from pamong.planning.models import (
    Goal,
    Indicator,
    IndicatorTarget,
    Mission,
    PeriodTarget,
    PlanPeriod,
    PriorityProgram,
    RegionalTarget,
    StrategicTarget,
)

from .planning_plan import PlanningPlan

BATCH = 2000


def write_planning(tenant: Tenant, plan: PlanningPlan, units: Mapping[str, OrgUnit]) -> PlanPeriod:
    """Write ``plan`` for ``tenant`` (whose units, by code, are ``units``); the period is active."""
    period: PlanPeriod = PlanPeriod.objects.create(
        tenant=tenant,
        name=plan.name,
        start_year=plan.start_year,
        end_year=plan.end_year,
        vision=plan.vision,
        status=PeriodStatus.ACTIVE,
    )
    missions = {
        m.number: m
        for m in Mission.objects.bulk_create(
            [Mission(tenant=tenant, period=period, number=m.number, text=m.text) for m in plan.missions]
        )
    }
    goals = {
        g.code: g
        for g in Goal.objects.bulk_create(
            [Goal(tenant=tenant, mission=missions[g.mission_number], code=g.code, text=g.text) for g in plan.goals]
        )
    }
    targets = {
        t.code: t
        for t in RegionalTarget.objects.bulk_create(
            [RegionalTarget(tenant=tenant, goal=goals[t.goal_code], code=t.code, text=t.text) for t in plan.targets]
        )
    }
    programs = {
        p.code: p
        for p in PriorityProgram.objects.bulk_create(
            [
                PriorityProgram(
                    tenant=tenant,
                    period=period,
                    code=p.code,
                    name=p.name,
                    kind=p.kind,
                    owner_unit=units[p.owner_unit_code],
                    description=p.description,
                )
                for p in plan.programs
            ]
        )
    }
    strategic = {
        (s.org_unit.code, s.code): s
        for s in StrategicTarget.objects.bulk_create(
            [
                StrategicTarget(
                    tenant=tenant,
                    org_unit=units[s.unit_code],
                    period=period,
                    code=s.code,
                    text=s.text,
                    regional_target=targets[s.regional_target_code] if s.regional_target_code else None,
                    priority_program=programs[s.program_code] if s.program_code else None,
                )
                for s in plan.strategic
            ],
            batch_size=BATCH,
        )
    }
    wanted = {i.responsible_position_code for i in plan.indicators if i.responsible_position_code}
    positions = dict(Position.objects.filter(tenant=tenant, code__in=wanted).values_list("code", "pk"))
    indicators = Indicator.objects.bulk_create(
        [
            Indicator(
                tenant=tenant,
                org_unit=units[i.unit_code],
                period=period,
                level=i.level,
                regional_target=targets[i.regional_target_code] if i.regional_target_code else None,
                strategic_target=strategic[(i.unit_code, i.strategic_target_code)] if i.strategic_target_code else None,
                priority_program=programs[i.program_code] if i.program_code else None,
                code=i.code,
                name=i.name,
                unit_of_measure=i.unit_of_measure,
                polarity=i.polarity,
                lower_is_better_formula=i.lower_is_better_formula,
                baseline=i.baseline,
                aggregation=i.aggregation,
                period_kind=i.period_kind,
                weight=i.weight,
                data_source=i.data_source,
                responsible_position_id=positions.get(i.responsible_position_code or ""),
            )
            for i in plan.indicators
        ],
        batch_size=BATCH,
    )
    pairs = list(zip(plan.indicators, indicators, strict=True))
    IndicatorTarget.objects.bulk_create(
        [IndicatorTarget(tenant=tenant, indicator=obj, year=i.year, annual_target=i.annual_target) for i, obj in pairs],
        batch_size=BATCH,
    )
    PeriodTarget.objects.bulk_create(
        [
            PeriodTarget(tenant=tenant, indicator=obj, year=i.year, period_no=number, target=value)
            for i, obj in pairs
            for number, value in enumerate(i.trajectory, start=1)
        ],
        batch_size=BATCH,
    )
    return period
