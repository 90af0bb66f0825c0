"""Background job of the coordination meetings: thin, takes ids only, safe to run twice."""

from __future__ import annotations

from django_tasks import task


@task()
def meetings_hourly(tenant_id: int, now: str | None = None) -> str:
    """Generate series meetings, make the briefs whose pre-read time has passed and flag late commitments memos for
    one tenant (``services.briefs.meetings_run``); ``now`` an ISO instant, default the current time."""
    import datetime as dt

    from django.utils import timezone

    from pamong.core.models import Tenant

    from .services.briefs import meetings_run

    tenant = Tenant.objects.get(pk=tenant_id)
    return meetings_run(tenant=tenant, now=dt.datetime.fromisoformat(now) if now else timezone.now()).summary()
