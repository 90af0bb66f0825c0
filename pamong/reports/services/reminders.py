"""Reminders before a report's deadline (``rules.consequences.reminder_due``), sent by the daily job.

Idempotent: each reminder carries the dedupe key ``reports:reminder:<report>:<day>``, so a job
that runs twice on a day reminds each person once. Reminders change no governed data, so they
write no audit event (the notices themselves are the record).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pamong.access.roles import REPORTS_EDIT, REPORTS_SUBMIT
from pamong.core.authz import authorize_at, require_tenant
from pamong.core.models import Tenant
from pamong.notices.choices import NoticeKind
from pamong.notices.services import notify
from pamong.performance.rules.consequences import reminder_due

from ..choices import ReportStatus
from ..labels import report_title
from ..models import Report
from ..recipients import holders
from ..tenant_settings import report_settings


@transaction.atomic
def reports_remind(*, actor: Any, today: dt.date) -> int:
    """Remind the heads and operators of every report whose reminder day is ``today``; return notices sent."""
    tenant_id = require_tenant(actor)
    authorize_at(actor, REPORTS_EDIT, tenant_id=tenant_id, path=None)  # the system actor only
    days = report_settings(Tenant.objects.get(pk=tenant_id)).rules.reminder_days_before
    if not days:
        return 0
    horizon = today + dt.timedelta(days=max(days))
    reports = Report.objects.filter(
        tenant_id=tenant_id,
        status=ReportStatus.DRAFT,
        first_submitted_on__isnull=True,
        deadline__gte=today,
        deadline__lte=horizon,
    ).select_related("org_unit")
    sent = 0
    for report in reports:
        if not reminder_due(report.deadline, today, report.first_submitted_on, days):
            continue
        left = (report.deadline - today).days
        sent += notify(
            tenant_id=tenant_id,
            recipients=holders(
                tenant_id=tenant_id, path=report.org_unit.path, actions={REPORTS_SUBMIT, REPORTS_EDIT}, day=today
            ),
            kind=NoticeKind.REPORT_REMINDER,
            title=_("Batas waktu laporan %(days)d hari lagi: %(title)s")
            % {"days": left, "title": report_title(report)},
            body=_("Laporan harus diajukan paling lambat %(deadline)s.")
            % {"deadline": date_format(report.deadline, "DATE_FORMAT")},
            url=reverse("reports:report_detail", args=[report.pk]),
            dedupe_key=f"reports:reminder:{report.pk}:{today.isoformat()}",
        )
    return sent
