"""People's changes to the consequences register: assign an owner, record progress, resolve, reopen, close,
dismiss. Each is one atomic, audited step through ``rules.register.check_step``, with its history row."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from pamong.access.models import User
from pamong.access.roles import CONSEQUENCES_MANAGE, PERFORMANCE_VIEW
from pamong.core import audit
from pamong.core.authz import allows
from pamong.core.errors import Conflict, Forbidden, NotFoundError, ValidationFailed
from pamong.core.i18n import localized
from pamong.core.models import Tenant
from pamong.core.scope import scope_of
from pamong.notices.choices import NoticeKind
from pamong.notices.services import notify
from pamong.performance.choices import ConsequenceStatus, ConsequenceStep
from pamong.performance.models import Consequence, ConsequenceEvent
from pamong.performance.rules.errors import ConsequenceError
from pamong.performance.rules.register import FINAL, EntryStatus, Step, Transition
from pamong.performance.tenant_rules import rules_for_display

FIELDS = ("status", "owner_user", "owner_unit", "last_note", "ended_on", "due_on")


def can_manage(actor: Any, consequence: Consequence) -> bool:
    return allows(actor, CONSEQUENCES_MANAGE, consequence)


def is_owner(actor: Any, consequence: Consequence) -> bool:
    return actor is not None and consequence.owner_user_id is not None and consequence.owner_user_id == actor.pk


def _load(actor: Any, consequence: Consequence) -> Consequence:
    """The entry, locked; "not found" unless the actor may see it (its owner always may)."""
    row: Consequence | None = (
        Consequence.objects.select_for_update()
        .select_related("org_unit", "tenant")
        .filter(pk=consequence.pk, tenant_id=scope_of(actor).tenant_id)
        .first()
    )
    if row is None or not (allows(actor, PERFORMANCE_VIEW, row) or is_owner(actor, row)):
        raise NotFoundError(_("Data tidak ditemukan."))
    return row


def _check(actor: Any, row: Consequence, step: Step, note: str) -> Transition:
    rules = rules_for_display(row.tenant)
    try:
        return rules.check_step(
            row.status, step, note, is_manager=can_manage(actor, row), is_owner=is_owner(actor, row)
        )
    except ConsequenceError as error:
        message = localized(error)
        if error.code == "not_allowed":
            raise Forbidden(message) from error
        if error.field:
            raise ValidationFailed(message, field_errors={error.field: [message]}) from error
        raise Conflict(message) from error


def _history(actor: Any, row: Consequence, step: str, before: str, note: str, owner: User | None = None) -> None:
    ConsequenceEvent.objects.create(
        tenant_id=row.tenant_id,
        consequence=row,
        step=step,
        from_status=before,
        to_status=row.status,
        note=note,
        actor_id=getattr(actor, "pk", None),
        actor_label=str(getattr(actor, "username", "") or "system")[:200],
        owner_user=owner,
    )


def _notify(row: Consequence, users: list[Any], title: str, body: str = "", key: str = "") -> None:
    notify(
        tenant_id=row.tenant_id,
        recipients=users,
        kind=NoticeKind.CONSEQUENCE,
        title=title,
        body=body,
        url=reverse("performance:consequence_detail", args=[row.pk]),
        dedupe_key=key,
    )


@transaction.atomic
def consequence_assign(*, actor: Any, consequence: Consequence, owner_user: User, note: str = "") -> Consequence:
    """Make ``owner_user`` responsible for the follow-up (a manager's step) and tell them.

    The new owner must be able to see the entry (``performance.view`` over its unit).
    """
    row = _load(actor, consequence)
    transition = _check(actor, row, Step.ASSIGN, note)
    if owner_user.tenant_id != row.tenant_id or not owner_user.is_active:
        raise ValidationFailed(
            _("Pengguna tidak ditemukan."), field_errors={"owner_user": [_("Pengguna tidak ditemukan.")]}
        )
    if not allows(owner_user, PERFORMANCE_VIEW, row):
        message = _("%(user)s tidak dapat melihat kinerja unit ini; pilih pegawai unit tersebut atau atasannya.") % {
            "user": owner_user.get_full_name() or owner_user.username
        }
        raise ValidationFailed(message, field_errors={"owner_user": [message]})
    if owner_user.pk == row.owner_user_id:
        raise Conflict(_("Pengguna ini sudah menjadi penanggung jawab."))
    before = audit.model_snapshot(row, FIELDS)
    row.owner_user = owner_user
    if transition.note:
        row.last_note = transition.note
    row.save(update_fields=["owner_user", "last_note", "updated_at"])
    _history(actor, row, ConsequenceStep.ASSIGN, transition.before, transition.note, owner=owner_user)
    audit.record(
        actor=actor,
        tenant_id=row.tenant_id,
        action="performance.consequence.assigned",
        target=row,
        org_unit_path=row.org_unit.path,
        before=before,
        after=audit.model_snapshot(row, FIELDS),
        reason=transition.note,
    )
    _notify(
        row,
        [owner_user],
        _("Anda ditunjuk menindaklanjuti: %(title)s") % {"title": row.title},
        transition.note,
        key=f"consequence:{row.pk}:owner:{owner_user.pk}",
    )
    return row


@transaction.atomic
def consequence_step(
    *, actor: Any, consequence: Consequence, step: str, note: str = "", today: dt.date | None = None
) -> Consequence:
    """Progress, resolve, reopen, close or dismiss an entry (``rules.register`` says who and from where).

    The owner progresses and resolves; a manager (``consequences.manage`` over the unit) may take every
    step. Closing and dismissing end the entry on ``today`` (the tenant's date by default).
    """
    try:
        wanted = Step(step)
    except ValueError:
        raise ValidationFailed(
            _("Langkah tidak dikenal."), field_errors={"step": [_("Langkah tidak dikenal.")]}
        ) from None
    if wanted is Step.ASSIGN:
        raise ValidationFailed(
            _("Gunakan penunjukan penanggung jawab."), field_errors={"step": [_("Langkah tidak dikenal.")]}
        )
    row = _load(actor, consequence)
    transition = _check(actor, row, wanted, note)
    before = audit.model_snapshot(row, FIELDS)
    row.status = transition.after.value
    row.last_note = transition.note
    if transition.after in FINAL:
        row.ended_on = today or Tenant.objects.get(pk=row.tenant_id).today()
    row.save(update_fields=["status", "last_note", "ended_on", "updated_at"])
    _history(actor, row, wanted.value, transition.before.value, transition.note)
    audit.record(
        actor=actor,
        tenant_id=row.tenant_id,
        action=f"performance.consequence.{_ACTIONS[wanted]}",
        target=row,
        org_unit_path=row.org_unit.path,
        before=before,
        after=audit.model_snapshot(row, FIELDS),
        reason=transition.note,
    )
    # The owner hears when a manager decides on their work; the managers see the register itself.
    if row.owner_user_id and not is_owner(actor, row) and wanted in (Step.REOPEN, Step.CLOSE, Step.DISMISS):
        status = ConsequenceStatus(row.status).label
        _notify(
            row,
            [User.objects.get(pk=row.owner_user_id)],
            _("Tindak lanjut %(status)s: %(title)s") % {"status": str(status).lower(), "title": row.title},
            transition.note,
        )
    return row


_ACTIONS = {
    Step.PROGRESS: "progressed",
    Step.RESOLVE: "resolved",
    Step.REOPEN: "reopened",
    Step.CLOSE: "closed",
    Step.DISMISS: "dismissed",
}

__all__ = ["EntryStatus", "can_manage", "consequence_assign", "consequence_step", "is_owner"]
