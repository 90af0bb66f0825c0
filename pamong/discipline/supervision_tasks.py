"""Background job of the GDN supervision reports: thin, takes ids only, safe to run twice."""

from __future__ import annotations

from django_tasks import task


@task()
def discipline_reports_daily(tenant_id: int, day: str | None = None) -> str:
    """Prepare the reporting month's drafts and send the day's reminders for one tenant
    (``services.supervision_jobs.reports_daily``); ``day`` ISO date, default the tenant's today."""
    import datetime as dt

    from .services.supervision_jobs import reports_daily

    return reports_daily(tenant_id=tenant_id, today=dt.date.fromisoformat(day) if day else None).summary()
