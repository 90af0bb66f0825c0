"""The daily GDN run of one tenant: prepare the reporting month's drafts and remind heads before and after the
due day. Thin over the services; safe to run any number of times a day (drafts are refreshed only when their
figures changed, reminders carry a dedupe key).

On the 1st the previous month becomes the reporting month, so its drafts appear that day; from then on
every run refreshes them (the recap changes until BKPSDM closes the month). A head is reminded
``REMIND_DAYS_BEFORE`` days before the due day, on the day after it, and weekly while it stays late.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from pamong.core.errors import DomainError
from pamong.core.models import Tenant
from pamong.core.scope import SystemActor
from pamong.notices.services import notify
from pamong.org.models import OrgUnit

from ..choices import ReportStatus
from ..models import SupervisionReport
from ..selectors import supervision as selectors
from .supervision import heads_of, report_prepare

REMIND_DAYS_BEFORE = 3


@dataclass(frozen=True)
class RunResult:
    prepared: int
    reminded: int
    failed: int

    def summary(self) -> str:
        return f"prepared={self.prepared} reminded={self.reminded} failed={self.failed}"


def reports_prepare_month(*, tenant_id: int, year: int, month: int, today: dt.date) -> tuple[int, int]:
    """Prepare (or refresh) the drafts of every OPD-level unit for a month; returns (prepared, failed)."""
    actor = SystemActor(tenant_id=tenant_id, label="discipline_reports")
    submitted = set(
        SupervisionReport.objects.filter(tenant_id=tenant_id, year=year, month=month)
        .exclude(status=ReportStatus.DRAFT)
        .values_list("org_unit_id", flat=True)
    )
    prepared = failed = 0
    units = OrgUnit.objects.filter(selectors.opd_level_q(), tenant_id=tenant_id).exclude(pk__in=submitted)
    for unit in units.order_by("path"):
        try:
            report_prepare(actor=actor, org_unit=unit, year=year, month=month, today=today)
        except DomainError:
            failed += 1
        else:
            prepared += 1
    return prepared, failed


def _reminder(report: SupervisionReport, today: dt.date) -> tuple[str, str] | None:
    """(dedupe key, title) of today's reminder for an unsubmitted report, or None."""
    label = selectors.month_label(report.year, report.month)
    days = (today - report.due_on).days
    if -REMIND_DAYS_BEFORE <= days <= 0:
        title = _("Laporan pengawasan disiplin %(month)s jatuh tempo %(due)s") % {
            "month": label,
            "due": report.due_on.strftime("%d-%m-%Y"),
        }
        return f"discipline-report:{report.pk}:due", title
    if days > 0 and days % 7 == 1:
        title = _("Laporan pengawasan disiplin %(month)s terlambat %(days)d hari") % {"month": label, "days": days}
        return f"discipline-report:{report.pk}:late:{days // 7}", title
    return None


def reports_remind(*, tenant_id: int, today: dt.date) -> int:
    """Remind the heads of the drafts due soon or late; returns how many notices were new."""
    sent = 0
    drafts = (
        SupervisionReport.objects.filter(tenant_id=tenant_id, status=ReportStatus.DRAFT)
        .filter(Q(due_on__gte=today - dt.timedelta(days=366)))
        .select_related("org_unit")
        .order_by("due_on", "org_unit__path")
    )
    for report in drafts:
        reminder = _reminder(report, today)
        if reminder is None:
            continue
        key, title = reminder
        sent += notify(
            tenant_id=tenant_id,
            recipients=heads_of(report, today),
            title=title,
            body=report.org_unit.name,
            url=reverse("discipline:report_detail", args=[report.pk]),
            dedupe_key=key,
        )
    return sent


def reports_daily(*, tenant_id: int, today: dt.date | None = None) -> RunResult:
    """The day's run of one tenant: the reporting month's drafts, then the reminders."""
    tenant = Tenant.objects.get(pk=tenant_id)
    today = today or tenant.today()
    year, month = selectors.reporting_month(today)
    prepared, failed = reports_prepare_month(tenant_id=tenant_id, year=year, month=month, today=today)
    return RunResult(prepared, reports_remind(tenant_id=tenant_id, today=today), failed)
