"""Reads of the GDN supervision reports: who files, who reviews, the month's matrix, the trend, the cockpit.

Every read starts from ``visible_to``: reports with ``discipline.view`` (an OPD head his unit, an Asisten his
cluster's OPDs, the Sekda, the Bupati and BKPSDM the whole tenant), the month's matrix with
``discipline.review`` (an Asisten his cluster, the Sekda everything). Cluster summaries are seen by
whoever reviews tenant-wide and by the Asisten assigned to the cluster (his role assignment, so an Asisten
without an employee record sees his summaries too). Each function runs a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from pamong.access.models import RoleAssignment
from pamong.access.roles import DISCIPLINE_REPORT, DISCIPLINE_REVIEW, DISCIPLINE_VIEW, ROLE_ACTIONS
from pamong.core.models import Tenant
from pamong.core.scope import ALL_ACTIONS, scope_of
from pamong.org.choices import OPD_KINDS
from pamong.org.models import Cluster, OrgUnit
from pamong.planning.choices import MONTH_NAMES

from ..choices import ReportStatus
from ..models import ClusterSummary, SupervisionReport
from ..rules.supervision import is_late, report_due_on, summary_due_on
from ..tenant_settings import discipline_settings
from . import supervision_figures as figures_of


def month_label(year: int, month: int) -> str:
    return f"{MONTH_NAMES[month - 1]} {year:d}"


def reporting_month(today: dt.date) -> tuple[int, int]:
    """The month whose reports fall due this month: the previous one."""
    return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)


def is_system(actor: Any) -> bool:
    return any(ALL_ACTIONS in grant.actions for grant in scope_of(actor).grants)


def opd_level_q() -> Q:
    """OPD-level units: children of the root that are a perangkat daerah or sit in an Asisten's cluster."""
    return Q(depth=1, closed_on__isnull=True) & (Q(kind__in=sorted(OPD_KINDS)) | Q(cluster__isnull=False))


def opd_units(*, actor: Any, action: str = DISCIPLINE_VIEW) -> QuerySet[OrgUnit]:
    """The OPD-level units within ``action`` of ``actor``, by cluster then the tree's order (one query)."""
    return (
        OrgUnit.objects.visible_to(actor, action)
        .filter(opd_level_q())
        .select_related("cluster")
        .order_by("cluster__sort_order", "cluster_id", "sort_order", "name")
    )


def reportable_units(*, actor: Any) -> QuerySet[OrgUnit]:
    """The units whose report ``actor`` files: the units of his ``discipline.report`` roles (one query)."""
    scope = scope_of(actor)
    if is_system(actor):
        return OrgUnit.objects.filter(opd_level_q(), tenant_id=scope.tenant_id or 0).order_by("sort_order", "name")
    paths = sorted({g.path for g in scope.grants_for(DISCIPLINE_REPORT) if g.path})
    if not paths or scope.tenant_id is None:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(tenant_id=scope.tenant_id, path__in=paths, closed_on__isnull=True).order_by(
        "sort_order", "name"
    )


def may_file_for(actor: Any, unit: OrgUnit) -> bool:
    """A report is filed for an OPD-level unit, or for the very unit of the actor's ``discipline.report`` role."""
    if unit.depth == 1 and (unit.kind in OPD_KINDS or unit.cluster_id is not None):
        return True
    return any(g.path == unit.path for g in scope_of(actor).grants_for(DISCIPLINE_REPORT))


def reports(*, actor: Any, year: int | None = None, month: int | None = None) -> QuerySet[SupervisionReport]:
    """The reports the actor may see, newest month first (one query)."""
    rows = SupervisionReport.objects.visible_to(actor, DISCIPLINE_VIEW).select_related("org_unit", "cluster")
    if year is not None:
        rows = rows.filter(year=year)
    if month is not None:
        rows = rows.filter(month=month)
    return rows.order_by("-year", "-month", "org_unit__sort_order", "org_unit__name")


def report_detail(*, actor: Any) -> QuerySet[SupervisionReport]:
    return SupervisionReport.objects.visible_to(actor, DISCIPLINE_VIEW).select_related(
        "org_unit", "cluster", "submitted_by", "reviewed_by", "tenant"
    )


def review_roles() -> list[str]:
    """The roles that review GDN reports (``discipline.review``): the Asisten and the Sekda."""
    return [role for role, actions in ROLE_ACTIONS.items() if DISCIPLINE_REVIEW in actions]


def reviewer_cluster_ids(*, actor: Any, today: dt.date) -> set[int]:
    """The clusters ``actor`` coordinates as Asisten (his cluster role assignments valid today; one query)."""
    tenant_id = scope_of(actor).tenant_id
    if tenant_id is None or getattr(actor, "pk", None) is None:
        return set()
    return set(
        RoleAssignment.objects.filter(
            tenant_id=tenant_id, user_id=actor.pk, role__in=review_roles(), cluster__isnull=False
        )
        .valid_on(today)
        .values_list("cluster_id", flat=True)
    )


def reviews_tenant_wide(actor: Any) -> bool:
    return any(g.path is None for g in scope_of(actor).grants_for(DISCIPLINE_REVIEW))


def summaries(*, actor: Any) -> QuerySet[ClusterSummary]:
    """Cluster summaries the actor may see (``visible_to`` with ``discipline.review``): all for a tenant-wide
    reviewer (the Sekda), his clusters' for an Asisten (``ClusterSummary.scope_named_q``)."""
    return (
        ClusterSummary.objects.visible_to(actor, DISCIPLINE_REVIEW)
        .select_related("cluster", "forwarded_by")
        .order_by("-year", "-month", "cluster__sort_order")
    )


@dataclass(frozen=True)
class OpdRow:
    """One OPD in a month: its report (None: not prepared), the due day, and whether it is late."""

    unit: OrgUnit
    report: SupervisionReport | None
    due_on: dt.date
    submitted_on: dt.date | None
    late: bool

    @property
    def reported(self) -> bool:
        return self.report is not None and self.report.status != ReportStatus.DRAFT

    @property
    def awaiting_review(self) -> bool:
        return self.report is not None and self.report.status == ReportStatus.SUBMITTED


class _OpdRows:
    """The views of a set of OPD rows the pages and the API show (a cluster's, or the whole month's)."""

    def _all_rows(self) -> list[OpdRow]:
        raise NotImplementedError

    @property
    def not_reported(self) -> list[OpdRow]:
        return [row for row in self._all_rows() if not row.reported]

    @property
    def reported(self) -> list[OpdRow]:
        return [row for row in self._all_rows() if row.reported]

    @property
    def late(self) -> list[OpdRow]:
        return [row for row in self._all_rows() if row.late]


@dataclass(frozen=True)
class ClusterBlock(_OpdRows):
    """The OPDs of one cluster (None: the OPDs reporting straight to the Sekda) and its summary."""

    cluster: Cluster | None
    rows: list[OpdRow]
    summary: ClusterSummary | None
    summary_due_on: dt.date
    can_forward: bool
    summary_late: bool = False

    def _all_rows(self) -> list[OpdRow]:
        return self.rows

    @property
    def awaiting_review(self) -> list[OpdRow]:
        return [row for row in self.rows if row.awaiting_review]


@dataclass(frozen=True)
class MonthMatrix(_OpdRows):
    year: int
    month: int
    today: dt.date
    blocks: list[ClusterBlock] = field(default_factory=list)

    @property
    def label(self) -> str:
        return month_label(self.year, self.month)

    @property
    def rows(self) -> list[OpdRow]:
        return [row for block in self.blocks for row in block.rows]

    def _all_rows(self) -> list[OpdRow]:
        return self.rows


def _tenant(actor: Any) -> Tenant:
    tenant = getattr(actor, "tenant", None)
    if isinstance(tenant, Tenant):
        return tenant
    return Tenant.objects.get(pk=scope_of(actor).tenant_id or 0)


def opd_row(unit: OrgUnit, report: SupervisionReport | None, *, due_on: dt.date, zone: Any, today: dt.date) -> OpdRow:
    submitted_on = figures_of.local_date(report.submitted_at, zone) if report is not None else None
    return OpdRow(unit, report, due_on, submitted_on, is_late(due_on, submitted_on, today))


def report_is_late(report: SupervisionReport, *, tenant: Tenant, today: dt.date) -> bool:
    return is_late(report.due_on, figures_of.local_date(report.submitted_at, tenant.zone), today)


def month_matrix(*, actor: Any, year: int, month: int, today: dt.date) -> MonthMatrix:
    """The OPDs under the actor's review for a month, by cluster, with their reports and the summaries
    (units, reports, summaries and the actor's clusters: four queries; the tenant once if not loaded)."""
    tenant = _tenant(actor)
    settings = discipline_settings(tenant).supervision
    due_on = report_due_on(year, month, settings)
    units = list(opd_units(actor=actor, action=DISCIPLINE_REVIEW))
    by_unit = {
        r.org_unit_id: r
        for r in SupervisionReport.objects.visible_to(actor, DISCIPLINE_REVIEW).filter(
            year=year, month=month, org_unit_id__in=[u.pk for u in units]
        )
    }
    seen = {s.cluster_id: s for s in summaries(actor=actor).filter(year=year, month=month)}
    mine = reviewer_cluster_ids(actor=actor, today=today)
    system = is_system(actor)
    blocks: list[ClusterBlock] = []
    grouped: dict[int | None, list[OpdRow]] = {}
    clusters: dict[int | None, Cluster | None] = {}
    for unit in units:
        report = by_unit.get(unit.pk)
        row = opd_row(unit, report, due_on=report.due_on if report else due_on, zone=tenant.zone, today=today)
        grouped.setdefault(unit.cluster_id, []).append(row)
        clusters[unit.cluster_id] = unit.cluster
    for cluster_id, rows in grouped.items():
        summary = seen.get(cluster_id) if cluster_id is not None else None
        forward = cluster_id is not None and summary is None and (system or cluster_id in mine)
        summary_due = summary_due_on(year, month, settings)
        forwarded_on = figures_of.local_date(summary.forwarded_at, tenant.zone) if summary else None
        late = is_late(summary_due, forwarded_on, today) if cluster_id is not None else False
        blocks.append(ClusterBlock(clusters[cluster_id], rows, summary, summary_due, forward, late))
    # The OPDs without an Asisten (reporting straight to the Sekda) come last.
    blocks.sort(key=lambda b: (b.cluster is None, b.cluster.sort_order if b.cluster else 0))
    return MonthMatrix(year, month, today, blocks)


@dataclass(frozen=True)
class TrendRow:
    unit: OrgUnit
    absent_days: list[int]
    late_minutes: list[int]


@dataclass(frozen=True)
class Trend:
    labels: list[str]
    rows: list[TrendRow]

    def chart(self) -> dict[str, Any]:
        """The JSON the page embeds for its chart: totals per month."""
        return {
            "labels": self.labels,
            "absent_days": [sum(r.absent_days[i] for r in self.rows) for i in range(len(self.labels))],
            "late_minutes": [sum(r.late_minutes[i] for r in self.rows) for i in range(len(self.labels))],
        }


def trend(*, units: list[OrgUnit], year: int, month: int, count: int = 6) -> Trend:
    """Unexcused days and late minutes of each OPD over the ``count`` months to (year, month): one query."""
    months = figures_of.trend_months(year, month, count)
    labels = [f"{str(MONTH_NAMES[m - 1])[:3]} {y:d}" for y, m in months]
    if not units:
        return Trend(labels, [])
    data = figures_of.recap_by_opd(tenant_id=units[0].tenant_id, months=months)
    empty = {"absent_days": 0, "late_minutes": 0}
    rows = []
    for unit in units:
        cells = [data.get((figures_of.opd_path_of(unit.path), y, m), empty) for y, m in months]
        rows.append(TrendRow(unit, [c["absent_days"] for c in cells], [c["late_minutes"] for c in cells]))
    return Trend(labels, rows)


@dataclass(frozen=True)
class CockpitRow:
    """One OPD's discipline on the cockpit: the month's unexcused days and late minutes, what is open now,
    this month's report and the year's late reports."""

    unit: OrgUnit
    absent_days: int
    late_minutes: int
    open_warnings: int
    open_cases: int
    report: SupervisionReport | None
    report_late: bool
    reports_late: int


def cockpit_figures(*, actor: Any, year: int, month: int, today: dt.date) -> list[CockpitRow]:
    """Discipline figures per OPD in the actor's ``discipline.view`` for a month, most unexcused days first (five
    queries whatever the size: the units, the month's recap grouped by OPD, open warnings, open cases, the
    year's reports; the tenant once if not loaded)."""
    units = list(opd_units(actor=actor))
    if not units:
        return []
    tenant = _tenant(actor)
    settings = discipline_settings(tenant).supervision
    tenant_id = tenant.pk
    recap = figures_of.recap_by_opd(tenant_id=tenant_id, months=[(year, month)])
    warnings, cases = figures_of.open_counts_by_opd(tenant_id=tenant_id)
    year_reports: dict[int, dict[int, SupervisionReport]] = {}
    for report in SupervisionReport.objects.filter(
        tenant_id=tenant_id, year=year, month__lte=month, org_unit_id__in=[u.pk for u in units]
    ).only("id", "org_unit_id", "year", "month", "status", "due_on", "submitted_at"):
        year_reports.setdefault(report.org_unit_id, {})[report.month] = report
    # Lateness counts from the first month anyone in the tenant reported, not from January of a system
    # adopted mid-year.
    started = min((m for per in year_reports.values() for m in per), default=month)
    rows = []
    for unit in units:
        opd = figures_of.opd_path_of(unit.path)
        mine = year_reports.get(unit.pk, {})
        late = 0
        for m in range(started, month + 1):
            report = mine.get(m)
            due = report.due_on if report else report_due_on(year, m, settings)
            submitted = figures_of.local_date(report.submitted_at, tenant.zone) if report else None
            late += is_late(due, submitted, today)
        current = mine.get(month)
        due = current.due_on if current else report_due_on(year, month, settings)
        submitted = figures_of.local_date(current.submitted_at, tenant.zone) if current else None
        month_recap = recap.get((opd, year, month), {"absent_days": 0, "late_minutes": 0})
        rows.append(
            CockpitRow(
                unit,
                month_recap["absent_days"],
                month_recap["late_minutes"],
                warnings.get(opd, 0),
                cases.get(opd, 0),
                current,
                is_late(due, submitted, today),
                late,
            )
        )
    # The OPDs that need the Bupati's attention first.
    return sorted(rows, key=lambda r: (-r.absent_days, -r.late_minutes, r.unit.name))


def cockpit_panel(*, actor: Any, year: int, month: int | None, today: dt.date) -> dict[str, Any]:
    """The cockpit's discipline table (the month shown, else the reporting month); empty without a
    ``discipline.view`` role (the planner opens the cockpit but sees no discipline)."""
    if not scope_of(actor).grants_for(DISCIPLINE_VIEW):
        return {"discipline_rows": []}
    if month is None:
        year, month = reporting_month(today)
    rows = cockpit_figures(actor=actor, year=year, month=month, today=today)
    return {"discipline_rows": rows, "discipline_label": month_label(year, month)}
