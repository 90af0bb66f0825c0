"""What the score refresh needs, loaded in a fixed number of queries whatever the size of the plan.

Only VERIFIED realisation reports count: an honest verifier stands between what a unit says and what
the cockpit shows. The plan is the RPJMD period in force if it covers the year, else the closed ones
that do (a draft plan is not scored).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import F, Q

from pamong.core.models import Tenant
from pamong.org.choices import OrgUnitKind
from pamong.performance.choices import UnitGroup
from pamong.performance.dto import ScoredIndicator, ScoreInputs, UnitPlace
from pamong.performance.rules.achievement import LowerIsBetterFormula, Polarity
from pamong.performance.rules.aggregation import Aggregation
from pamong.performance.rules.periods import PeriodKind
from pamong.performance.rules.scoring import IndicatorSeries
from pamong.performance.tenant_rules import rules_of
from pamong.planning.choices import PeriodStatus
from pamong.planning.models import Indicator, PeriodTarget, PlanPeriod
from pamong.reports.choices import ReportKind, ReportStatus
from pamong.reports.models import ReportValue


def group_of(*, depth: int, kind: str) -> str:
    """The league a unit plays in: the root is not ranked, kecamatan among themselves, the rest as OPDs."""
    if depth == 0:
        return UnitGroup.REGION
    return UnitGroup.KECAMATAN if kind == OrgUnitKind.KECAMATAN else UnitGroup.OPD


def scored_periods(*, tenant_id: int, year: int) -> list[int]:
    """Ids of the plan periods whose indicators are scored for ``year`` (one query)."""
    rows = list(
        PlanPeriod.objects.filter(tenant_id=tenant_id, start_year__lte=year, end_year__gte=year)
        .exclude(status=PeriodStatus.DRAFT)
        .values_list("pk", "status")
    )
    active = [pk for pk, status in rows if status == PeriodStatus.ACTIVE]
    return active or [pk for pk, _status in rows]


def score_inputs(*, tenant: Tenant, year: int) -> ScoreInputs:
    """The tenant's rules, the indicators with an annual target for ``year``, their trajectories and verified
    realisations: four queries."""
    rules = rules_of(tenant)
    periods = scored_periods(tenant_id=tenant.pk, year=year)
    rows = list(
        Indicator.objects.filter(tenant_id=tenant.pk, period_id__in=periods, annual_targets__year=year)
        .annotate(
            annual=F("annual_targets__annual_target"),
            unit_depth=F("org_unit__depth"),
            unit_kind=F("org_unit__kind"),
            via_program=F("strategic_target__priority_program_id"),
        )
        .values(
            "pk",
            "org_unit_id",
            "priority_program_id",
            "via_program",
            "polarity",
            "lower_is_better_formula",
            "aggregation",
            "period_kind",
            "weight",
            "annual",
            "unit_depth",
            "unit_kind",
        )
        .order_by("org_unit_id", "pk")
    )
    ids = [row["pk"] for row in rows]
    trajectories: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for indicator_id, period_no, target in PeriodTarget.objects.filter(
        tenant_id=tenant.pk, indicator_id__in=ids, year=year
    ).values_list("indicator_id", "period_no", "target"):
        trajectories[indicator_id][period_no] = target
    kinds = {row["pk"]: row["period_kind"] for row in rows}
    actuals: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for indicator_id, period_kind, period_no, actual in ReportValue.objects.filter(
        Q(tenant_id=tenant.pk, indicator_id__in=ids, actual__isnull=False)
        & Q(report__year=year, report__kind=ReportKind.REALISATION, report__status=ReportStatus.VERIFIED)
    ).values_list("indicator_id", "report__period_kind", "report__period_no", "actual"):
        # A value counts in the indicator's own period kind only (a quarterly indicator in a monthly report
        # would otherwise be read as a month).
        if kinds.get(indicator_id) == period_kind:
            actuals[indicator_id][period_no] = actual
    indicators = tuple(
        ScoredIndicator(
            series=IndicatorSeries(
                key=row["pk"],
                polarity=Polarity(row["polarity"]),
                aggregation=Aggregation(row["aggregation"]),
                kind=PeriodKind(row["period_kind"]),
                weight=row["weight"],
                trajectory=dict(trajectories.get(row["pk"], {})),
                actuals=dict(actuals.get(row["pk"], {})),
                lower_formula=LowerIsBetterFormula(row["lower_is_better_formula"])
                if row["lower_is_better_formula"]
                else None,
            ),
            org_unit_id=row["org_unit_id"],
            program_id=row["priority_program_id"] or row["via_program"],
            annual_target=row["annual"],
        )
        for row in rows
    )
    units = {
        row["org_unit_id"]: UnitPlace(row["org_unit_id"], group_of(depth=row["unit_depth"], kind=row["unit_kind"]))
        for row in rows
    }
    return ScoreInputs(tenant_id=tenant.pk, year=year, rules=rules, indicators=indicators, units=units)
