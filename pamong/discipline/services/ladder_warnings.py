"""Acting on a ladder warning: declining it with a reason, and escalating the ones nobody acted on in time.

- ``warning_decline``: the superior addressed, whoever holds ``discipline.act`` over the employee's unit, or
  BKPSDM (``discipline.manage``) records why no case is opened. A reason is required: PP 94/2021 Pasal 28 makes
  a superior who does not act answerable, so "no case" must say why. Nobody acts on his own warning.
- ``warnings_escalate``: an open warning past ``due_on`` goes to the superior's own superior (the direct superior
  of the current superior, walking up past vacancies; nobody left: BKPSDM alone), one escalation level up, with a
  new due date (``rules.supervision.response_due_on``). Compare-and-swap per warning: two runs never escalate
  one warning twice. Opening a case from a warning is ``services.cases.case_open(..., warning=...)``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.access.roles import DISCIPLINE_VIEW
from pamong.attendance.selectors.excuse_superiors import SuperiorQuery, direct_superiors
from pamong.core import audit
from pamong.core.errors import Conflict, Forbidden, NotFoundError, ValidationFailed
from pamong.core.models import Tenant
from pamong.core.scope import SystemActor, scope_of

from ..choices import WarningStatus
from ..models import Warning
from ..rules.supervision import ACTION_SOURCE, response_due_on
from ..selectors.calendar import calendar_around
from ..selectors.ladder_pages import may_act
from ..tenant_settings import discipline_settings
from .ladder_notices import notify_declined, notify_escalated

SNAPSHOT = ("status", "superior_id", "escalation_level", "due_on", "acted_on", "reason")


def _authorize(actor: Any, warning: Warning) -> None:
    if not Warning.objects.visible_to(actor, DISCIPLINE_VIEW).filter(pk=warning.pk).exists():
        raise NotFoundError(_("Data tidak ditemukan."))
    if scope_of(actor).employee_id == warning.employee_id:
        raise Forbidden(_("Peringatan atas diri Anda sendiri ditindaklanjuti oleh atasan Anda atau BKPSDM."))
    if not may_act(actor, warning):
        raise Forbidden(_("Peringatan ini ditindaklanjuti oleh atasan langsung yang dituju, kepala unit, atau BKPSDM."))


def _user(actor: Any) -> Any:
    return actor if isinstance(actor, get_user_model()) else None


@transaction.atomic
def warning_decline(*, actor: Any, warning: Warning, reason: str, today: dt.date | None = None) -> Warning:
    """Close ``warning`` without a case, recording why (required)."""
    warning = Warning.objects.select_related("org_unit", "tenant").get(pk=warning.pk)
    _authorize(actor, warning)
    reason = (reason or "").strip()
    if not reason:
        message = _(
            "Tuliskan alasan peringatan ini tidak dilanjutkan menjadi kasus (%(source)s: atasan yang tidak "
            "menindaklanjuti dapat dijatuhi hukuman disiplin)."
        ) % {"source": ACTION_SOURCE}
        raise ValidationFailed(message, field_errors={"reason": [message]}, code="reason_required")
    locked: Warning = Warning.objects.select_for_update().get(pk=warning.pk)
    if locked.status != WarningStatus.OPEN:
        raise Conflict(
            _("Peringatan ini sudah ditindaklanjuti (%(status)s).") % {"status": locked.get_status_display()}
        )
    before = audit.model_snapshot(locked, SNAPSHOT)
    locked.status = WarningStatus.DECLINED
    locked.reason = reason
    locked.acted_on = today or warning.tenant.today()
    locked.acted_by = _user(actor)
    locked.save(update_fields=["status", "reason", "acted_on", "acted_by", "updated_at"])
    audit.record(
        actor=actor,
        tenant_id=locked.tenant_id,
        action="discipline.warning.decline",
        target=locked,
        org_unit_path=warning.org_unit.path,
        before=before,
        after=audit.model_snapshot(locked, SNAPSHOT),
        reason=reason,
    )
    tenant_id, pk = locked.tenant_id, locked.pk
    transaction.on_commit(lambda: notify_declined(tenant_id=tenant_id, warning_id=pk))
    locked.org_unit = warning.org_unit
    return locked


@dataclass
class Escalation:
    tenant_id: int
    today: dt.date
    escalated: int = 0
    to_bkpsdm: int = 0
    warning_ids: list[int] = field(default_factory=list)

    def summary(self) -> str:
        return f"escalated {self.escalated} (to BKPSDM alone {self.to_bkpsdm})"


@transaction.atomic
def warnings_escalate(*, tenant: Tenant, today: dt.date, actor: Any = None) -> Escalation:
    """Move every open warning of ``tenant`` past its due date up to the superior's own superior."""
    actor = actor or SystemActor(tenant_id=tenant.pk, label="discipline_nightly")
    if scope_of(actor).tenant_id != tenant.pk:
        raise NotFoundError(_("Data tidak ditemukan."))
    result = Escalation(tenant_id=tenant.pk, today=today)
    overdue = list(
        Warning.objects.filter(tenant_id=tenant.pk, status=WarningStatus.OPEN, due_on__lt=today, superior__isnull=False)
        .select_related("superior__org_unit", "org_unit")
        .order_by("pk")
    )
    if not overdue:
        return result
    queries = {w.pk: SuperiorQuery(w.superior_id, w.superior.org_unit.path, today) for w in overdue}
    above = direct_superiors(tenant_id=tenant.pk, queries=queries.values())
    settings = discipline_settings(tenant)
    due_on = response_due_on(today, calendar_around(tenant, today), settings.supervision)
    now = timezone.now()
    for warning in overdue:
        nxt = above.get(queries[warning.pk])
        next_id = nxt.employee_id if nxt is not None and nxt.employee_id != warning.employee_id else None
        before = audit.model_snapshot(warning, SNAPSHOT)
        moved = Warning.objects.filter(
            pk=warning.pk, status=WarningStatus.OPEN, escalation_level=warning.escalation_level
        ).update(
            superior_id=next_id,
            escalation_level=F("escalation_level") + 1,
            escalated_on=today,
            due_on=due_on,
            updated_at=now,
        )
        if not moved:
            continue  # answered or escalated meanwhile
        warning.superior_id, warning.escalation_level = next_id, warning.escalation_level + 1
        warning.escalated_on, warning.due_on = today, due_on
        audit.record(
            actor=actor,
            tenant_id=tenant.pk,
            action="discipline.warning.escalate",
            target=warning,
            org_unit_path=warning.org_unit.path,
            before=before,
            after=audit.model_snapshot(warning, SNAPSHOT),
            reason=_("Tidak ditindaklanjuti sampai batas waktu (%(source)s).") % {"source": ACTION_SOURCE},
        )
        result.escalated += 1
        result.to_bkpsdm += next_id is None
        result.warning_ids.append(warning.pk)
    if result.warning_ids:
        ids = list(result.warning_ids)
        transaction.on_commit(lambda: notify_escalated(tenant_id=tenant.pk, warning_ids=ids))
    return result
