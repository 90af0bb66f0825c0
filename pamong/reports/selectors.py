"""Reads of periodic reports: lists with late/missing flags, the report page, and what the scores read.

Every read starts from ``visible_to``. The report page loads its values, targets, earlier
realisations, evidence, sections and history with one query each, whatever the number of
indicators. ``verified_actuals`` and ``report_deadlines`` are the interface of
``pamong.performance`` (scores, consequences, cockpit): one query each for a whole year.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import F, Q, QuerySet

from pamong.access.roles import PERFORMANCE_VIEW, REPORTS_VERIFY
from pamong.performance.rules.aggregation import Aggregation, MissingPeriods, aggregate_actuals, target_to_date
from pamong.performance.rules.consequences import LateStatus, days_late, report_late
from pamong.performance.rules.errors import PerformanceRuleError
from pamong.performance.rules.periods import PeriodKind
from pamong.planning.models import IndicatorTarget, PeriodTarget

from .authz import can_edit, can_submit, can_verify
from .choices import ReportKind, ReportStatus, StepKind
from .governance import Figure, figures_of
from .models import Evidence, GovernanceSection, Report, ReportStep, ReportValue
from .rules.workflow import EDITABLE, Status
from .tenant_settings import report_settings


@dataclass(frozen=True)
class ReportFilters:
    """The list's filters; empty means "any"."""

    year: int | None = None
    period_no: int | None = None
    org_unit_id: int | None = None
    status: str = ""
    kind: str = ""
    late: str = ""  # a LateStatus value


def lateness_q(late: str, today: dt.date) -> Q:
    """The database form of ``rules.consequences.report_late`` (tested to agree with it row by row)."""
    submitted = Q(first_submitted_on__isnull=False)
    if late == LateStatus.ON_TIME:
        return submitted & Q(first_submitted_on__lte=F("deadline"))
    if late == LateStatus.LATE:
        return submitted & Q(first_submitted_on__gt=F("deadline"))
    if late == LateStatus.MISSING:
        return Q(first_submitted_on__isnull=True, deadline__lt=today)
    if late == LateStatus.NOT_DUE:
        return Q(first_submitted_on__isnull=True, deadline__gte=today)
    return Q()


def late_status(report: Report, today: dt.date) -> LateStatus:
    submitted = report.first_submitted_on
    # A submission dated after "today" can only come from a clock skew between servers: count it as today.
    return report_late(report.deadline, min(submitted, today) if submitted else None, today)


def report_list(*, actor: Any, filters: ReportFilters, today: dt.date) -> QuerySet[Report]:
    """The reports the actor may see, filtered, newest period first (one query per page)."""
    qs = Report.objects.visible_to(actor, PERFORMANCE_VIEW).select_related("org_unit")
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.period_no:
        qs = qs.filter(period_no=filters.period_no)
    if filters.org_unit_id:
        qs = qs.filter(org_unit_id=filters.org_unit_id)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.late:
        qs = qs.filter(lateness_q(filters.late, today))
    return qs.order_by("-year", "-deadline", "org_unit__sort_order", "org_unit__name", "kind")


def verify_queue(*, actor: Any) -> QuerySet[Report]:
    """Submitted reports the actor may verify, except those the actor submitted ("menunggu verifikasi")."""
    qs = Report.objects.visible_to(actor, REPORTS_VERIFY).filter(status=ReportStatus.SUBMITTED)
    pk = getattr(actor, "pk", None)
    if pk is not None:
        qs = qs.exclude(submitted_by_id=pk)
    return qs.select_related("org_unit").order_by("submitted_at", "pk")


def report_detail(*, actor: Any) -> QuerySet[Report]:
    return Report.objects.visible_to(actor, PERFORMANCE_VIEW).select_related(
        "org_unit", "tenant", "submitted_by", "verified_by"
    )


@dataclass
class ValueRow:
    """One indicator of a realisation report with where it stands."""

    value: ReportValue
    period_target: Decimal | None
    ytd_target: Decimal | None
    annual_target: Decimal | None
    ytd_actual: Decimal | None
    evidence: list[Evidence] = field(default_factory=list)
    # What the edit form shows after a refused save: the text as typed and the message.
    error: str = ""
    raw_actual: str = ""
    raw_note: str = ""

    @property
    def indicator(self) -> Any:
        return self.value.indicator


@dataclass
class SectionRow:
    section: GovernanceSection
    figures: list[tuple[Figure, str]]
    evidence: list[Evidence] = field(default_factory=list)
    error: str = ""
    raw: dict[str, str] = field(default_factory=dict)


@dataclass
class ReportPage:
    report: Report
    late: LateStatus
    days_late: int
    rows: list[ValueRow]
    sections: list[SectionRow]
    evidence: list[Evidence]
    steps: list[ReportStep]
    editable: bool
    can_edit: bool
    can_submit: bool
    can_verify: bool
    submitted_it: bool

    @property
    def last_return(self) -> ReportStep | None:
        returns = [s for s in self.steps if s.kind == StepKind.RETURN]
        return returns[-1] if returns else None

    @property
    def missing(self) -> list[str]:
        return [f"{r.indicator.code}" for r in self.rows if r.value.actual is None and not r.value.note.strip()]


def report_page(*, actor: Any, report: Report, today: dt.date) -> ReportPage:
    """Everything the report page shows, in a fixed number of queries."""
    evidence = list(report.evidence.filter(removed_at__isnull=True).order_by("created_at", "pk"))
    by_value: dict[int, list[Evidence]] = defaultdict(list)
    by_section: dict[int, list[Evidence]] = defaultdict(list)
    loose: list[Evidence] = []
    for item in evidence:
        if item.value_id:
            by_value[item.value_id].append(item)
        elif item.section_id:
            by_section[item.section_id].append(item)
        else:
            loose.append(item)
    rows: list[ValueRow] = []
    sections: list[SectionRow] = []
    if report.kind == ReportKind.REALISATION:
        rows = _value_rows(report, by_value)
    else:
        for section in report.sections.all():
            figures = [(f, section.figures.get(f.code, "")) for f in figures_of(section.topic)]
            sections.append(SectionRow(section, figures, by_section.get(section.pk, [])))
    steps = list(report.steps.order_by("at", "pk"))
    pk = getattr(actor, "pk", None)
    submitted_it = pk is not None and (
        report.submitted_by_id == pk
        or any(s.actor_id == pk and s.kind in (StepKind.SUBMIT, StepKind.RESUBMIT) for s in steps)
    )
    return ReportPage(
        report=report,
        late=late_status(report, today),
        days_late=days_late(report.deadline, report.first_submitted_on, today),
        rows=rows,
        sections=sections,
        evidence=loose,
        steps=steps,
        editable=Status(report.status) in EDITABLE,
        can_edit=can_edit(actor, report),
        can_submit=can_submit(actor, report),
        can_verify=can_verify(actor, report) and not submitted_it,
        submitted_it=submitted_it,
    )


def _value_rows(report: Report, by_value: dict[int, list[Evidence]]) -> list[ValueRow]:
    values = list(report.values.select_related("indicator").order_by("indicator__code"))
    ids = [v.indicator_id for v in values]
    trajectories: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for indicator_id, number, target in PeriodTarget.objects.filter(indicator_id__in=ids, year=report.year).values_list(
        "indicator_id", "period_no", "target"
    ):
        trajectories[indicator_id][number] = target
    annual = dict(
        IndicatorTarget.objects.filter(indicator_id__in=ids, year=report.year).values_list(
            "indicator_id", "annual_target"
        )
    )
    actuals: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for indicator_id, number, actual in ReportValue.objects.filter(
        indicator_id__in=ids,
        report__org_unit_id=report.org_unit_id,
        report__kind=ReportKind.REALISATION,
        report__year=report.year,
        report__period_kind=report.period_kind,
        report__period_no__lt=report.period_no,
        actual__isnull=False,
    ).values_list("indicator_id", "report__period_no", "actual"):
        actuals[indicator_id][number] = actual
    try:
        missing = report_settings(report.tenant).rules.missing_periods
    except Exception:  # noqa: BLE001 - a broken tenant configuration must not hide the report itself
        missing = MissingPeriods.SKIP
    kind = PeriodKind(report.period_kind)
    rows = []
    for value in values:
        indicator = value.indicator
        method = Aggregation(indicator.aggregation)
        trajectory = trajectories.get(indicator.pk, {})
        try:
            ytd_target: Decimal | None = target_to_date(trajectory, kind=kind, method=method, up_to=report.period_no)
        except PerformanceRuleError:
            ytd_target = None  # the trajectory is incomplete: the planning page says so
        series = dict(actuals.get(indicator.pk, {}))
        if value.actual is not None:
            series[report.period_no] = value.actual
        try:
            ytd_actual = aggregate_actuals(
                series, kind=kind, method=method, up_to=report.period_no, missing=missing
            ).value
        except PerformanceRuleError:
            ytd_actual = None
        rows.append(
            ValueRow(
                value=value,
                period_target=trajectory.get(report.period_no),
                ytd_target=ytd_target,
                annual_target=annual.get(indicator.pk),
                ytd_actual=ytd_actual,
                evidence=by_value.get(value.pk, []),
            )
        )
    return rows


# -- the interface of pamong.performance ----------------------------------------------------------


def verified_actuals(*, actor: Any, year: int, period_kind: str = "") -> dict[int, dict[int, Decimal]]:
    """Verified realisations of ``year`` the actor may see: ``{indicator id: {period number: actual}}``.

    One query. Only values of VERIFIED realisation reports count; a value left blank (with a note
    why it is unavailable) is absent, like a period not reported.
    """
    reports = Report.objects.visible_to(actor, PERFORMANCE_VIEW).filter(
        year=year, kind=ReportKind.REALISATION, status=ReportStatus.VERIFIED
    )
    if period_kind:
        reports = reports.filter(period_kind=period_kind)
    result: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for indicator_id, number, actual in ReportValue.objects.filter(
        report__in=reports.values("pk"), actual__isnull=False
    ).values_list("indicator_id", "report__period_no", "actual"):
        result[indicator_id][number] = actual
    return dict(result)


@dataclass(frozen=True)
class ReportDeadline:
    """Where one report stands against its deadline (for the cockpit and the consequences register)."""

    report_id: int
    org_unit_id: int
    kind: str
    period_kind: str
    period_no: int
    deadline: dt.date
    first_submitted_on: dt.date | None
    status: str
    late: LateStatus
    days_late: int


def report_deadlines(*, actor: Any, year: int, today: dt.date) -> list[ReportDeadline]:
    """Every report of ``year`` the actor may see with its late/missing status (one query)."""
    rows = (
        Report.objects.visible_to(actor, PERFORMANCE_VIEW)
        .filter(year=year)
        .order_by("org_unit_id", "kind", "period_kind", "period_no")
        .values_list(
            "pk", "org_unit_id", "kind", "period_kind", "period_no", "deadline", "first_submitted_on", "status"
        )
    )
    result = []
    for pk, unit_id, kind, period_kind, number, deadline, submitted, status in rows:
        submitted_on = min(submitted, today) if submitted else None
        result.append(
            ReportDeadline(
                report_id=pk,
                org_unit_id=unit_id,
                kind=kind,
                period_kind=period_kind,
                period_no=number,
                deadline=deadline,
                first_submitted_on=submitted,
                status=status,
                late=report_late(deadline, submitted_on, today),
                days_late=days_late(deadline, submitted_on, today),
            )
        )
    return result
