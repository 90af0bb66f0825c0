"""Background jobs of periodic reports: thin, take ids and dates, safe to run twice."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from pamong.core.models import Tenant
from pamong.core.scope import SystemActor

from . import services


@task()
def open_reports(tenant_id: int, day: str = "") -> int:
    """Open the reports due in one tenant (nightly); ``day`` (ISO) defaults to the tenant's today."""
    tenant = Tenant.objects.get(pk=tenant_id)
    today = dt.date.fromisoformat(day) if day else tenant.today()
    actor = SystemActor(tenant_id=tenant_id, label="reports_open")
    return services.reports_open_due(actor=actor, today=today).reports


@task()
def send_reminders(tenant_id: int, day: str = "") -> int:
    """Send the day's deadline reminders of one tenant (daily); idempotent through the notices' dedupe key."""
    tenant = Tenant.objects.get(pk=tenant_id)
    today = dt.date.fromisoformat(day) if day else tenant.today()
    actor = SystemActor(tenant_id=tenant_id, label="reports_remind")
    return services.reports_remind(actor=actor, today=today)
