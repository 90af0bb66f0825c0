"""Background job of the case workflow: the daily advance of sanctions (thin, takes ids, safe to run twice).

``cases_advance_daily(tenant_id, day=None)`` runs ``services.cases.cases_advance`` for one tenant: a delivered
decision whose effective date has come (no appeal pending) becomes effective, and a sanction whose last day
has passed ends. Enqueue it once per tenant each night after midnight in the tenant's zone, e.g. from the
discipline nightly command or a scheduler::

    from pamong.discipline.case_tasks import cases_advance_daily
    cases_advance_daily.enqueue(tenant.pk)

Running it twice on the same day moves nothing the second time.
"""

from __future__ import annotations

from django_tasks import task


@task()
def cases_advance_daily(tenant_id: int, day: str | None = None) -> str:
    """Advance one tenant's cases on ``day`` (ISO date; default: today in the tenant's zone)."""
    import datetime as dt

    from pamong.core.models import Tenant

    from .services.cases import cases_advance

    tenant = Tenant.objects.get(pk=tenant_id)
    today = dt.date.fromisoformat(day) if day else tenant.today()
    counts = cases_advance(tenant=tenant, today=today)
    return f"{tenant.name} {today.isoformat()}: {counts['effective']} berlaku, {counts['ended']} selesai"
