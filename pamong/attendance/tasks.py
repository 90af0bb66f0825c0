"""Background jobs of the attendance app: thin, take ids only, safe to run twice."""

from __future__ import annotations

from django_tasks import task


@task()
def days_recompute_dirty(tenant_id: int) -> str:
    """Derive again the employee-days queued in ``DirtyDay`` (a punch, excuse, roster or schedule changed).

    Enqueued on commit by every service that queues days; running it twice is harmless (the queue is
    emptied by the first run).
    """
    from .derive.dirty import recompute_dirty

    return str(recompute_dirty(tenant_id=tenant_id))


@task()
def attendance_nightly(tenant_id: int, day: str | None = None) -> str:
    """The nightly run of one tenant (``derive.nightly.nightly_run``); ``day`` ISO date, default today."""
    import datetime as dt

    from .derive.nightly import nightly_run

    return nightly_run(tenant_id=tenant_id, today=dt.date.fromisoformat(day) if day else None).summary()
