"""The nightly anomaly job of the check-in: thin, takes ids and a date, safe to run twice."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from pamong.core.models import Tenant
from pamong.core.scope import SystemActor


@task()
def anomalies_detect_task(tenant_id: int, day: str = "") -> int:
    """Flag the anomalies of one tenant's ``day`` (ISO; default yesterday in the tenant's zone); new flags."""
    from .services.anomalies import anomalies_detect

    tenant = Tenant.objects.get(pk=tenant_id)
    date = dt.date.fromisoformat(day) if day else tenant.today() - dt.timedelta(days=1)
    actor = SystemActor(tenant_id=tenant_id, label="attendance_anomalies")
    return sum(anomalies_detect(actor=actor, tenant_id=tenant_id, day=date).values())
