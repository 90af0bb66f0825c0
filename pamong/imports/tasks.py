"""Background job of the imports app: thin, takes the batch id only, safe to run twice."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def run_import_batch(batch_id: int) -> str:
    """Validate and apply one batch; a batch no longer in ``uploaded`` is left alone (compare-and-swap claim)."""
    return str(services.import_run(batch_id=batch_id).status)
