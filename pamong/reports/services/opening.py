"""Opening the reports of each period: the nightly job's service (ADR 0017).

For the RPJMD period in force, every open unit with OPD indicators of a period kind gets one
realisation report per period of that kind (monthly or quarterly, ``Indicator.period_kind``),
with one value per such indicator; every open kecamatan gets one governance report per
governance period (quarterly unless the tenant says monthly). A period is opened once it has
started; periods of the previous year are still opened while their deadline has not passed (a
job that was not running in December). The deadline is the period's end plus the tenant's
``report_due_days`` (``rules.consequences.report_deadline``).

Idempotent: an existing report is never opened twice (the unique constraint backs this), and a
draft or returned report gains the values of indicators added since it was opened.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.access.roles import PERFORMANCE_VIEW, REPORTS_EDIT
from pamong.core import audit
from pamong.core.authz import authorize_at, require_tenant
from pamong.core.models import Tenant
from pamong.org.choices import OrgUnitKind
from pamong.org.models import OrgUnit
from pamong.performance.rules.periods import PeriodKind as RulePeriodKind
from pamong.performance.rules.periods import period_bounds
from pamong.planning.choices import IndicatorLevel, PeriodStatus
from pamong.planning.models import Indicator, PlanPeriod

from ..choices import ReportKind, ReportStatus, StepKind
from ..governance import TOPICS
from ..models import GovernanceSection, Report, ReportStep, ReportValue
from ..tenant_settings import report_settings
from .common import label_of, user_of

Key = tuple[int, str, int, str, int]  # unit, report kind, year, period kind, period number


@dataclass(frozen=True)
class OpenResult:
    """What one run opened: new reports and values added to reports already open."""

    reports: int
    values: int


def due_periods(kind: str, today: dt.date, days_after: int, years: range) -> list[tuple[int, int]]:
    """(year, number) of the periods of ``kind`` to open on ``today`` (see the module docstring)."""
    rule_kind = RulePeriodKind(kind)
    result = []
    for year in (today.year - 1, today.year):
        if year not in years:
            continue
        for number in range(1, rule_kind.periods_per_year + 1):
            start, end = period_bounds(rule_kind, year, number)
            if start > today:
                continue
            if year < today.year and end + dt.timedelta(days=days_after) < today:
                continue
            result.append((year, number))
    return result


@transaction.atomic
def reports_open_due(*, actor: Any, today: dt.date) -> OpenResult:
    """Open every report due by ``today`` in the actor's tenant (the system actor of the nightly job)."""
    tenant_id = require_tenant(actor)
    # Tenant-wide reports.edit is held by no role: only the system actor opens reports.
    authorize_at(
        actor,
        REPORTS_EDIT,
        tenant_id=tenant_id,
        path=None,
        visible_action=PERFORMANCE_VIEW,
        denied=_("Laporan berkala dibuka otomatis oleh sistem setiap malam."),
    )
    tenant = Tenant.objects.get(pk=tenant_id)
    conf = report_settings(tenant)
    plan = PlanPeriod.objects.filter(tenant_id=tenant_id, status=PeriodStatus.ACTIVE).first()
    years = range(plan.start_year, plan.end_year + 1) if plan else range(today.year, today.year + 1)
    due_days = conf.rules.report_due_days

    indicators: dict[tuple[int, str], list[int]] = defaultdict(list)
    if plan is not None:
        for pk, unit_id, kind in (
            Indicator.objects.filter(
                tenant_id=tenant_id, period=plan, level=IndicatorLevel.OPD, org_unit__closed_on__isnull=True
            )
            .order_by("org_unit_id", "code")
            .values_list("pk", "org_unit_id", "period_kind")
        ):
            indicators[(unit_id, kind)].append(pk)
    wanted: list[Key] = []
    for (unit_id, kind), _ids in indicators.items():
        for year, number in due_periods(kind, today, due_days, years):
            wanted.append((unit_id, ReportKind.REALISATION, year, kind, number))
    gov_kind = conf.governance_period_kind
    kecamatan = list(
        OrgUnit.objects.filter(tenant_id=tenant_id, kind=OrgUnitKind.KECAMATAN, closed_on__isnull=True)
        .order_by("path")
        .values_list("pk", flat=True)
    )
    for unit_id in kecamatan:
        for year, number in due_periods(gov_kind, today, due_days, years):
            wanted.append((unit_id, ReportKind.GOVERNANCE, year, gov_kind, number))

    first_year = today.year - 1
    existing = set(
        Report.objects.filter(tenant_id=tenant_id, year__gte=first_year).values_list(
            "org_unit_id", "kind", "year", "period_kind", "period_no"
        )
    )
    new = [
        Report(
            tenant_id=tenant_id,
            org_unit_id=unit_id,
            kind=kind,
            year=year,
            period_kind=period_kind,
            period_no=number,
            deadline=conf.rules.report_deadline(RulePeriodKind(period_kind), year, number),
        )
        for unit_id, kind, year, period_kind, number in wanted
        if (unit_id, kind, year, period_kind, number) not in existing
    ]
    created = Report.objects.bulk_create(new)
    now = timezone.now()
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in={r.org_unit_id for r in created})}
    ReportStep.objects.bulk_create(
        ReportStep(
            tenant_id=tenant_id,
            report=report,
            kind=StepKind.OPEN,
            from_status="",
            to_status=ReportStatus.DRAFT,
            actor=user_of(actor),
            actor_label=label_of(actor),
            at=now,
        )
        for report in created
    )
    GovernanceSection.objects.bulk_create(
        GovernanceSection(tenant_id=tenant_id, report=report, topic=topic, position=position)
        for report in created
        if report.kind == ReportKind.GOVERNANCE
        for position, topic in enumerate(TOPICS, start=1)
    )
    for report in created:
        report.org_unit = units[report.org_unit_id]
        audit.record(
            actor=actor,
            tenant_id=tenant_id,
            action="reports.report.open",
            target=report,
            org_unit_path=report.org_unit.path,
            after={
                "kind": report.kind,
                "year": report.year,
                "period_kind": report.period_kind,
                "period_no": report.period_no,
                "deadline": report.deadline,
            },
        )
    values = _add_missing_values(tenant_id=tenant_id, first_year=first_year, indicators=indicators)
    return OpenResult(reports=len(created), values=values)


def _add_missing_values(*, tenant_id: int, first_year: int, indicators: dict[tuple[int, str], list[int]]) -> int:
    """One value per indicator in every realisation report that can still be filled (two queries)."""
    if not indicators:
        return 0
    open_reports = list(
        Report.objects.filter(
            tenant_id=tenant_id,
            kind=ReportKind.REALISATION,
            year__gte=first_year,
            status__in=(ReportStatus.DRAFT, ReportStatus.RETURNED),
        ).values_list("pk", "org_unit_id", "period_kind")
    )
    have = set(
        ReportValue.objects.filter(report_id__in=[pk for pk, _u, _k in open_reports]).values_list(
            "report_id", "indicator_id"
        )
    )
    rows = [
        ReportValue(tenant_id=tenant_id, report_id=pk, indicator_id=indicator_id)
        for pk, unit_id, kind in open_reports
        for indicator_id in indicators.get((unit_id, kind), [])
        if (pk, indicator_id) not in have
    ]
    ReportValue.objects.bulk_create(rows)
    return len(rows)
