"""The OPD page and the indicator page: one unit's (or one indicator's) scores, reports and follow-ups.

Each part is one query whatever the number of indicators or periods. Values of reports that are
submitted but not yet verified are shown as "awaiting verification"; they never enter a score.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from pamong.access.roles import PERFORMANCE_VIEW
from pamong.org.models import OrgUnit
from pamong.performance.choices import ACTIVE_STATUSES
from pamong.performance.models import Consequence, IndicatorScore, LikelihoodRating, UnitScore
from pamong.performance.rules.periods import PeriodKind
from pamong.performance.rules.schedule import period_end_month
from pamong.planning.choices import period_label
from pamong.planning.models import Indicator, PeriodTarget
from pamong.reports.choices import ReportKind, ReportStatus
from pamong.reports.models import Report, ReportValue


def visible_units(*, actor: Any) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.visible_to(actor, PERFORMANCE_VIEW)


@dataclass(frozen=True)
class IndicatorLine:
    """One indicator on the OPD page: its score as of the month, and the latest human rating."""

    score: IndicatorScore
    rating: LikelihoodRating | None
    awaiting: bool


@dataclass
class UnitOverview:
    """Everything the OPD page shows about one unit for one year and month."""

    unit: OrgUnit
    score: UnitScore | None
    trend: list[UnitScore]
    indicators: list[IndicatorLine]
    reports: list[Report]
    consequences: list[Consequence]
    chart: dict[str, Any] = field(default_factory=dict)


def unit_overview(*, actor: Any, unit: OrgUnit, year: int, month: int | None) -> UnitOverview:
    """The unit's index over the year, its indicators as of ``month``, its reports and its follow-ups: five
    queries."""
    trend = list(
        UnitScore.objects.visible_to(actor, PERFORMANCE_VIEW).filter(org_unit=unit, year=year).order_by("month")
    )
    score = next((row for row in trend if row.month == month), None)
    reports = list(
        Report.objects.visible_to(actor, PERFORMANCE_VIEW)
        .filter(org_unit=unit, year=year)
        .order_by("kind", "period_kind", "period_no")
    )
    lines: list[IndicatorLine] = []
    if month is not None:
        scores = list(
            IndicatorScore.objects.visible_to(actor, PERFORMANCE_VIEW)
            .filter(org_unit=unit, year=year, month=month)
            .select_related("indicator")
            .order_by("indicator__code")
        )
        latest: dict[int, LikelihoodRating] = {}
        for rating in (
            LikelihoodRating.objects.filter(
                tenant_id=unit.tenant_id, indicator_id__in=[s.indicator_id for s in scores], year=year, month=month
            )
            .select_related("rated_by")
            .order_by("-created_at", "-pk")
        ):
            latest.setdefault(rating.indicator_id or 0, rating)
        waiting = {
            (r.period_kind, r.period_no)
            for r in reports
            if r.kind == ReportKind.REALISATION and r.status == ReportStatus.SUBMITTED
        }
        lines = [IndicatorLine(s, latest.get(s.indicator_id), (s.period_kind, s.period_no) in waiting) for s in scores]
    consequences = list(
        Consequence.objects.visible_to(actor, PERFORMANCE_VIEW)
        .filter(org_unit=unit)
        .select_related("owner_user__employee", "owner_unit")
        .order_by("-opened_on", "-pk")[:50]
    )
    shown = [row for row in trend if month is None or row.month <= month]
    chart = {
        "labels": [str(period_label(PeriodKind.MONTHLY, row.month)) for row in shown],
        "series": [{"name": unit.name, "data": [_text(row.index) for row in shown]}],
    }
    return UnitOverview(unit, score, trend, lines, reports, consequences, chart)


@dataclass(frozen=True)
class PeriodLine:
    """One period of an indicator: target, the value reported (verified or not), and the score at its end."""

    period_no: int
    label: str
    target: Decimal | None
    value: ReportValue | None
    score: IndicatorScore | None

    @property
    def report(self) -> Report | None:
        return self.value.report if self.value is not None else None

    @property
    def awaiting(self) -> bool:
        report = self.report
        return report is not None and report.status == ReportStatus.SUBMITTED


@dataclass
class IndicatorOverview:
    """The indicator page: its periods, its likelihood ratings, its follow-ups."""

    indicator: Indicator
    year: int
    periods: list[PeriodLine]
    ratings: list[LikelihoodRating]
    consequences: list[Consequence]
    chart: dict[str, Any] = field(default_factory=dict)


def indicator_overview(*, actor: Any, indicator: Indicator, year: int) -> IndicatorOverview:
    """Each period of ``year``: the trajectory target, the reported value and its report, the score at the
    period's end (five queries)."""
    kind = PeriodKind(indicator.period_kind)
    targets = dict(PeriodTarget.objects.filter(indicator=indicator, year=year).values_list("period_no", "target"))
    values = {
        v.report.period_no: v
        for v in ReportValue.objects.filter(
            indicator=indicator,
            report__year=year,
            report__kind=ReportKind.REALISATION,
            report__period_kind=indicator.period_kind,
            report__in=Report.objects.visible_to(actor, PERFORMANCE_VIEW).values("pk"),
        ).select_related("report")
    }
    ends = {period_end_month(kind, n): n for n in range(1, kind.periods_per_year + 1)}
    scores = {
        ends[s.month]: s
        for s in IndicatorScore.objects.visible_to(actor, PERFORMANCE_VIEW).filter(
            indicator=indicator, year=year, month__in=list(ends)
        )
    }
    periods = [
        PeriodLine(n, str(period_label(kind, n)), targets.get(n), values.get(n), scores.get(n))
        for n in range(1, kind.periods_per_year + 1)
    ]
    ratings = list(
        LikelihoodRating.objects.visible_to(actor, PERFORMANCE_VIEW)
        .filter(indicator=indicator)
        .select_related("rated_by")
        .order_by("-created_at", "-pk")
    )
    consequences = list(
        Consequence.objects.visible_to(actor, PERFORMANCE_VIEW)
        .filter(indicator=indicator)
        .select_related("owner_user__employee", "owner_unit")
        .order_by("-opened_on", "-pk")
    )
    chart = {
        "labels": [p.label for p in periods],
        "series": [
            {
                "name": _("Target s.d. periode"),
                "data": [_text(p.score.ytd_target if p.score else None) for p in periods],
            },
            {
                "name": _("Realisasi s.d. periode"),
                "data": [_text(p.score.ytd_actual if p.score else None) for p in periods],
            },
        ],
    }
    return IndicatorOverview(indicator, year, periods, ratings, consequences, chart)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def active_count(consequences: list[Consequence]) -> int:
    return sum(1 for c in consequences if c.status in ACTIVE_STATUSES)
