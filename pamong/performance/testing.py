"""A scored year on the persona cast (test support only): the plan of ``build_plan`` plus a few indicators and
reports written directly with the ORM, so the numbers can be worked out by hand.

2026, today 2 November 2026 (``TODAY``; January to October have ended):

- Dinas Pendidikan, quarterly: IK1 (``build_plan``: latest value, targets 25/50/75/100, weight 1) and
  IK2 (cumulative, 25 a quarter, weight 3, under priority program PP1). Q1 verified (IK1 20, IK2 20),
  Q2 verified (IK1 50, IK2 30), Q3 submitted on 15 October (deadline 10 October: late) and not yet verified
  (IK1 60, IK2 10: not counted). As of September both are 50 / 75 = 66.67 → red; index 66.67 (Sedang).
- Dinas Kesehatan, monthly: IKY (lower is better, Majalengka, latest value, target 10 every month). January to
  June verified at 9 (110.00, green), July and August at 12 (80.00, yellow); September's report was never
  opened (deadline 10 October: missing).
- Kecamatan Anggrek, quarterly: KC1 (cumulative, 10 a quarter), Q1–Q3 verified at 5 each: 50.00, red three
  quarters running (a red streak).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from pamong.core.scope import SystemActor
from pamong.core.testing.personas import Cast
from pamong.org.models import OrgUnit
from pamong.performance.rules.consequences import report_deadline
from pamong.performance.rules.periods import PeriodKind as RulePeriodKind
from pamong.planning import services as planning
from pamong.planning.choices import Aggregation, IndicatorLevel, LowerIsBetterFormula, PeriodKind, Polarity
from pamong.planning.models import Indicator
from pamong.planning.testing import Plan, build_plan
from pamong.reports.choices import ReportKind, ReportStatus
from pamong.reports.models import Report, ReportValue

TODAY = dt.date(2026, 11, 2)
YEAR = 2026
D = Decimal


@dataclass
class Scenario:
    plan: Plan
    ik1: Indicator
    ik2: Indicator
    iky: Indicator
    kc1: Indicator
    system: Any
    late: Report  # Dinas Pendidikan Q3, submitted late, awaiting verification


def report(
    cast: Cast,
    unit: OrgUnit,
    kind: str,
    number: int,
    values: dict[Indicator, Decimal | None],
    *,
    status: str = ReportStatus.VERIFIED,
    submitted_on: dt.date | None = None,
    year: int = YEAR,
) -> Report:
    """A report written with the ORM (the reports app's services are not under test here)."""
    deadline = report_deadline(RulePeriodKind(kind), year, number)
    submitted = submitted_on or (deadline - dt.timedelta(days=2) if status != ReportStatus.DRAFT else None)
    verified = status == ReportStatus.VERIFIED
    row = Report.objects.create(
        tenant=cast.tenant,
        org_unit=unit,
        kind=ReportKind.REALISATION,
        year=year,
        period_kind=kind,
        period_no=number,
        status=status,
        deadline=deadline,
        first_submitted_on=submitted,
        submitted_at=timezone.now() if submitted else None,
        submitted_by=cast.users["kepala_opd"] if submitted else None,
        verified_at=timezone.now() if verified else None,
        verified_by=cast.users["verifier"] if verified else None,
    )
    ReportValue.objects.bulk_create(
        ReportValue(tenant=cast.tenant, report=row, indicator=indicator, actual=value)
        for indicator, value in values.items()
    )
    return row


def indicator(
    cast: Cast, plan: Plan, unit: str, code: str, *, annual: Decimal, trajectory: dict[int, Decimal], **data: Any
) -> Indicator:
    system = SystemActor(tenant_id=cast.tenant.pk, label="test")
    return planning.indicator_create(
        actor=system,
        org_unit=cast.units[unit],
        period=plan.period,
        level=IndicatorLevel.OPD,
        data=planning.IndicatorData(code=code, name=f"Indikator {code}", unit_of_measure="%", **data),
        year=YEAR,
        annual_target=annual,
        period_targets=trajectory,
    )


def build_scenario(cast: Cast) -> Scenario:
    plan = build_plan(cast)
    system = SystemActor(tenant_id=cast.tenant.pk, label="test")
    quarters = {1: D(25), 2: D(25), 3: D(25), 4: D(25)}
    ik2 = indicator(
        cast,
        plan,
        "disdik",
        "IK2",
        annual=D(100),
        trajectory=quarters,
        weight=D(3),
        aggregation=Aggregation.CUMULATIVE,
        priority_program=plan.program,
    )
    iky = indicator(
        cast,
        plan,
        "dinkes",
        "IKY",
        annual=D(10),
        trajectory=dict.fromkeys(range(1, 13), D(10)),
        polarity=Polarity.MINIMIZE,
        lower_is_better_formula=LowerIsBetterFormula.MAJALENGKA,
        aggregation=Aggregation.LATEST,
        period_kind=PeriodKind.MONTHLY,
    )
    kc1 = indicator(
        cast,
        plan,
        "kec",
        "KC1",
        annual=D(40),
        trajectory={1: D(10), 2: D(10), 3: D(10), 4: D(10)},
        aggregation=Aggregation.CUMULATIVE,
    )
    ik1 = plan.indicator
    disdik, dinkes, kec = cast.units["disdik"], cast.units["dinkes"], cast.units["kec"]
    q, m = PeriodKind.QUARTERLY, PeriodKind.MONTHLY
    report(cast, disdik, q, 1, {ik1: D(20), ik2: D(20)})
    report(cast, disdik, q, 2, {ik1: D(50), ik2: D(30)})
    late = report(
        cast, disdik, q, 3, {ik1: D(60), ik2: D(10)}, status=ReportStatus.SUBMITTED, submitted_on=dt.date(2026, 10, 15)
    )
    for month in range(1, 9):
        report(cast, dinkes, m, month, {iky: D(9) if month <= 6 else D(12)})
    for number in (1, 2, 3):
        report(cast, kec, q, number, {kc1: D(5)})
    return Scenario(plan, ik1, ik2, iky, kc1, system, late)
