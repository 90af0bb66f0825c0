"""Background jobs of the discipline app: thin, take ids only, safe to run twice."""

from __future__ import annotations

from django_tasks import task


@task()
def discipline_nightly(tenant_id: int, day: str | None = None) -> str:
    """The nightly ladder run of one tenant (``services.ladder_nightly``); ``day`` ISO date, default today."""
    import datetime as dt

    from .services.ladder_nightly import ladder_nightly

    return ladder_nightly(tenant_id=tenant_id, today=dt.date.fromisoformat(day) if day else None).summary()
