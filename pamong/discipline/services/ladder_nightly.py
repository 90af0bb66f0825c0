"""The nightly ladder run of a tenant: the year of yesterday evaluated through yesterday, overdue warnings
escalated. Idempotent: a second run raises and escalates nothing new (escalation waits for the new due date)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pamong.core.models import Tenant
from pamong.core.scope import SystemActor

from .ladder import LadderRun, ladder_evaluate_year
from .ladder_warnings import Escalation, warnings_escalate


@dataclass(frozen=True)
class NightlyLadder:
    evaluation: LadderRun
    escalation: Escalation

    def summary(self) -> str:
        return f"{self.evaluation.summary()}; {self.escalation.summary()}"


def ladder_nightly(*, tenant_id: int, today: dt.date | None = None) -> NightlyLadder:
    """Evaluate the year of yesterday through yesterday (on 1 January: last year, whole) and escalate."""
    tenant = Tenant.objects.get(pk=tenant_id)
    today = today or tenant.today()
    actor = SystemActor(tenant_id=tenant.pk, label="discipline_nightly")
    yesterday = today - dt.timedelta(days=1)
    evaluation = ladder_evaluate_year(actor=actor, tenant=tenant, year=yesterday.year, today=today)
    escalation = warnings_escalate(tenant=tenant, today=today, actor=actor)
    return NightlyLadder(evaluation, escalation)
