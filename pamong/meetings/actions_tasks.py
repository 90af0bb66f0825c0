"""Background job of action items: thin, takes ids only, safe to run twice."""

from __future__ import annotations

from django_tasks import task


@task()
def actions_daily(tenant_id: int, day: str | None = None) -> str:
    """Reminders before due dates and overdue flags of one tenant; ``day`` ISO date, default the tenant's today."""
    import datetime as dt

    from .services.actions_reminders import actions_remind

    return actions_remind(tenant_id=tenant_id, today=dt.date.fromisoformat(day) if day else None).summary()
