"""The nightly discipline run of a tenant: the year of yesterday evaluated through yesterday, overdue warnings
escalated, and cases advanced (a delivered decision becomes effective, a served sanction ends:
``services.cases.cases_advance``). Idempotent: a second run raises, escalates and advances nothing new."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pamong.core.models import Tenant
from pamong.core.scope import SystemActor

from .cases import cases_advance
from .ladder import LadderRun, ladder_evaluate_year
from .ladder_warnings import Escalation, warnings_escalate


@dataclass(frozen=True)
class NightlyLadder:
    evaluation: LadderRun
    escalation: Escalation
    advanced: dict[str, int]

    def summary(self) -> str:
        cases = f"kasus: {self.advanced['effective']} mulai berlaku, {self.advanced['ended']} selesai"
        return f"{self.evaluation.summary()}; {self.escalation.summary()}; {cases}"


def ladder_nightly(*, tenant_id: int, today: dt.date | None = None) -> NightlyLadder:
    """Evaluate the year of yesterday through yesterday (on 1 January: last year, whole), escalate, advance."""
    tenant = Tenant.objects.get(pk=tenant_id)
    today = today or tenant.today()
    actor = SystemActor(tenant_id=tenant.pk, label="discipline_nightly")
    yesterday = today - dt.timedelta(days=1)
    evaluation = ladder_evaluate_year(actor=actor, tenant=tenant, year=yesterday.year, today=today)
    escalation = warnings_escalate(tenant=tenant, today=today, actor=actor)
    advanced = cases_advance(tenant=tenant, today=today)
    return NightlyLadder(evaluation, escalation, advanced)
