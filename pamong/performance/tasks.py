"""Background jobs of the performance app: thin, take ids only, safe to run twice."""

from __future__ import annotations

from django_tasks import task

from pamong.core.scope import SystemActor

from . import services


@task()
def refresh_scores(tenant_id: int, year: int) -> str:
    """Rebuild ``year``'s scores of ``tenant_id`` from the verified reports, then open the consequences due.

    The reports app enqueues it on commit after a verification:
    ``transaction.on_commit(lambda: refresh_scores.enqueue(tenant_id, year))``.
    """
    actor = SystemActor(tenant_id=tenant_id, label="performance_refresh")
    run = services.scores_refresh(actor=actor, tenant_id=tenant_id, year=year)
    evaluation = services.consequences_evaluate(actor=actor, tenant_id=tenant_id)
    return f"{run.indicator_rows} indicator rows, {run.unit_rows} unit rows, {len(evaluation.opened)} opened"


@task()
def evaluate_consequences(tenant_id: int) -> str:
    """Open the consequences-register entries whose triggers fired (idempotent)."""
    actor = SystemActor(tenant_id=tenant_id, label="performance_consequences")
    return f"{len(services.consequences_evaluate(actor=actor, tenant_id=tenant_id).opened)} opened"
