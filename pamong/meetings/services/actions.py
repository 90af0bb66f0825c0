"""Action items (commitments): create, progress, verify or return, drop, and carry over to the next meeting.

Every commitment has an owner unit, a due date and the evidence expected (issue 6; CitiStat's commitments memo,
``domain/field-notes.md`` §1c). Status moves follow ``rules.follow_through.may_move``; every move writes an
``ActionItemEvent``. The owner side (``actions.update``) progresses and submits evidence
(``services.actions_evidence``); the chair's side (``actions.verify``) verifies, returns or drops — never the
owner verifying his own item (an OPD head verifies only the items of his own unit's meetings).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.access.roles import ACTIONS_UPDATE, ACTIONS_VERIFY, MEETINGS_MANAGE, MEETINGS_VIEW
from pamong.core import audit
from pamong.core.authz import authorize, authorize_at, require_tenant
from pamong.core.errors import Conflict, Forbidden, NotFoundError, ValidationFailed
from pamong.core.scope import scope_of
from pamong.org.models import OrgUnit
from pamong.people.models import Employee
from pamong.reports.services.common import label_of, user_of

from ..choices import EvidenceKind, ItemStatusChoice, MeetingKind
from ..models import ActionItem, ActionItemEvent, AgendaItem, Invitation, Meeting, MeetingDecision
from ..rules.follow_through import ItemStatus, carries_over, may_move
from . import actions_notices

SNAPSHOT = ("status", "owner_unit_id", "owner_id", "due_on", "done_on", "verified_on", "drop_reason", "title")


def _user(actor: Any) -> Any:
    return user_of(actor)


def _label(actor: Any) -> str:
    return label_of(actor)


def snapshot(item: ActionItem) -> dict[str, Any]:
    return {name: getattr(item, name) for name in SNAPSHOT}


def _today(item: ActionItem) -> dt.date:
    return item.tenant.today()


def _locked(item: ActionItem) -> ActionItem:
    locked: ActionItem = (
        ActionItem.objects.select_for_update(of=("self",))
        .select_related("tenant", "owner_unit", "meeting")
        .get(pk=item.pk)
    )
    return locked


@dataclass(frozen=True)
class ItemDraft:
    """One commitment of a batch (``items_create_many``)."""

    owner_unit: OrgUnit | None
    title: str
    due_on: dt.date | None
    expected_evidence: str
    evidence_kind: str
    owner: Employee | None = None
    decision: MeetingDecision | None = None
    kind: str = ""


def _validate(draft: ItemDraft, *, tenant_id: int, meeting: Meeting | None, prefix: str = "") -> None:
    errors: dict[str, list[str]] = {}
    if draft.owner_unit is None:
        errors[prefix + "owner_unit"] = [_("Pilih unit penanggung jawab: setiap tindak lanjut harus punya pemilik.")]
    elif draft.owner_unit.tenant_id != tenant_id:
        errors[prefix + "owner_unit"] = [_("Unit itu bukan bagian dari pemerintah daerah ini.")]
    if not draft.title.strip():
        errors[prefix + "title"] = [_("Tuliskan tindak lanjut yang harus dikerjakan.")]
    if draft.due_on is None:
        errors[prefix + "due_on"] = [_("Isi batas waktu: tindak lanjut tanpa tenggat tidak dapat dipantau.")]
    if not draft.expected_evidence.strip():
        errors[prefix + "expected_evidence"] = [
            _(
                "Tuliskan bukti yang diharapkan (mis. SK, foto lokasi, data realisasi) "
                "agar penyelesaian dapat diverifikasi."
            )
        ]
    if draft.evidence_kind not in EvidenceKind.values:
        errors[prefix + "evidence_kind"] = [_("Pilih jenis bukti: dokumen, foto, tautan atau data.")]
    if draft.kind and draft.kind not in MeetingKind.values:
        errors[prefix + "kind"] = [_("Jenis rapat tidak dikenal.")]
    if draft.owner is not None and draft.owner.tenant_id != tenant_id:
        errors[prefix + "owner"] = [_("Pegawai itu bukan bagian dari pemerintah daerah ini.")]
    if meeting is not None and draft.owner_unit is not None and not errors.get(prefix + "owner_unit"):
        invited = Invitation.objects.filter(meeting=meeting, org_unit=draft.owner_unit).exists()
        if not invited and draft.owner_unit.pk != meeting.org_unit_id:
            errors[prefix + "owner_unit"] = [
                _("Unit penanggung jawab harus salah satu unit yang diundang ke rapat ini.")
            ]
    if draft.decision is not None and (meeting is None or draft.decision.meeting_id != meeting.pk):
        errors[prefix + "decision"] = [_("Keputusan itu bukan bagian dari rapat ini.")]
    if errors:
        raise ValidationFailed(_("Tindak lanjut belum lengkap; perbaiki isian yang ditandai."), field_errors=errors)


def _authorize_create(actor: Any, tenant_id: int, meeting: Meeting | None, owner_unit: OrgUnit | None) -> None:
    if meeting is not None:
        if meeting.tenant_id != tenant_id:
            authorize(actor, MEETINGS_MANAGE, meeting)
        scope = scope_of(actor)
        named = scope.employee_id is not None and scope.employee_id in (meeting.chair_id, meeting.secretary_id)
        if not named:
            try:
                authorize(actor, MEETINGS_MANAGE, meeting, visible_action=MEETINGS_VIEW)
            except NotFoundError:
                # An invited unit sees the meeting (``Meeting.scope_named_q``) but does not manage it.
                if Meeting.objects.visible_to(actor, MEETINGS_VIEW).filter(pk=meeting.pk).exists():
                    raise Forbidden(_("Tindak lanjut rapat dicatat oleh pimpinan atau sekretariat rapat.")) from None
                raise
        return
    path = owner_unit.path if owner_unit is not None and owner_unit.tenant_id == tenant_id else None
    authorize_at(actor, MEETINGS_MANAGE, tenant_id=tenant_id, path=path, visible_action=MEETINGS_VIEW)


def _new_item(draft: ItemDraft, *, tenant_id: int, meeting: Meeting | None, visit: Any, actor: Any) -> ActionItem:
    assert draft.owner_unit is not None and draft.due_on is not None
    item = ActionItem.objects.create(
        tenant_id=tenant_id,
        owner_unit=draft.owner_unit,
        owner=draft.owner,
        meeting=meeting,
        decision=draft.decision,
        visit=visit,
        kind=draft.kind or (meeting.kind if meeting is not None else ""),
        title=draft.title.strip()[:255],
        due_on=draft.due_on,
        expected_evidence=draft.expected_evidence.strip()[:255],
        evidence_kind=draft.evidence_kind,
    )
    ActionItemEvent.objects.create(
        item=item, from_status="", to_status=ItemStatus.OPEN, actor=_user(actor), actor_label=_label(actor)
    )
    audit.record(
        actor=actor,
        tenant_id=tenant_id,
        action="meetings.item.create",
        target=item,
        org_unit_path=draft.owner_unit.path,
        after=snapshot(item),
    )
    return item


@transaction.atomic
def item_create(
    *,
    actor: Any,
    owner_unit: OrgUnit | None,
    title: str,
    due_on: dt.date | None,
    expected_evidence: str,
    evidence_kind: str,
    owner: Employee | None = None,
    meeting: Meeting | None = None,
    decision: MeetingDecision | None = None,
    visit: Any = None,
    kind: str = "",
) -> ActionItem:
    """One commitment with its owner unit, due date and expected evidence; nothing saved when one is missing."""
    tenant_id = require_tenant(actor)
    _authorize_create(actor, tenant_id, meeting, owner_unit)
    draft = ItemDraft(owner_unit, title, due_on, expected_evidence, evidence_kind, owner, decision, kind)
    _validate(draft, tenant_id=tenant_id, meeting=meeting)
    item = _new_item(draft, tenant_id=tenant_id, meeting=meeting, visit=visit, actor=actor)
    transaction.on_commit(lambda: actions_notices.item_assigned([item.pk]))
    return item


@transaction.atomic
def items_create_many(*, actor: Any, meeting: Meeting, drafts: Sequence[ItemDraft]) -> list[ActionItem]:
    """A meeting's commitments (the memo) in one go: all saved, or none when any one is incomplete."""
    tenant_id = require_tenant(actor)
    _authorize_create(actor, tenant_id, meeting, None)
    if not drafts:
        raise ValidationFailed(_("Tidak ada tindak lanjut untuk disimpan."))
    errors: dict[str, list[str]] = {}
    for n, draft in enumerate(drafts):
        try:
            _validate(draft, tenant_id=tenant_id, meeting=meeting, prefix=f"{n}-")
        except ValidationFailed as exc:
            errors.update(exc.field_errors or {})
    if errors:
        raise ValidationFailed(
            _("Tidak ada yang disimpan: lengkapi setiap tindak lanjut yang ditandai."), field_errors=errors
        )
    items = [_new_item(d, tenant_id=tenant_id, meeting=meeting, visit=None, actor=actor) for d in drafts]
    ids = [item.pk for item in items]
    transaction.on_commit(lambda: actions_notices.item_assigned(ids))
    return items


def _refuse_move(current: ItemStatus, target: ItemStatus) -> Conflict:
    labels = dict(ItemStatusChoice.choices)
    allowed = ", ".join(sorted(str(labels[s.value]) for s in _allowed(current))) or _("tidak ada (sudah final)")
    return Conflict(
        _("Status tindak lanjut tidak dapat diubah dari “%(from)s” ke “%(to)s”. Yang dibolehkan: %(allowed)s.")
        % {"from": labels[current.value], "to": labels[target.value], "allowed": allowed}
    )


def _allowed(current: ItemStatus) -> frozenset[ItemStatus]:
    from ..rules.follow_through import TRANSITIONS

    return TRANSITIONS[current]


def transition(
    item: ActionItem, *, actor: Any, to_status: ItemStatus, note: str = "", action: str, today: dt.date | None = None
) -> ActionItem:
    """Move a locked item (inside the caller's atomic block): check the rule, write the history and the audit."""
    current = ItemStatus(item.status)
    if not may_move(current, to_status):
        raise _refuse_move(current, to_status)
    before = snapshot(item)
    item.status = to_status
    today = today or _today(item)
    if to_status is ItemStatus.DONE:
        item.done_on = today
    if to_status is ItemStatus.IN_PROGRESS:
        item.done_on = None  # returned: the next submission dates it again
    if to_status is ItemStatus.VERIFIED:
        item.verified_on = today
        item.verified_by = _user(actor)
    item.save()
    ActionItemEvent.objects.create(
        item=item,
        from_status=current,
        to_status=to_status,
        actor=_user(actor),
        actor_label=_label(actor),
        note=note.strip(),
    )
    audit.record(
        actor=actor,
        tenant_id=item.tenant_id,
        action=action,
        target=item,
        org_unit_path=item.owner_unit.path,
        before=before,
        after=snapshot(item),
        reason=note.strip(),
    )
    return item


@transaction.atomic
def item_move(*, actor: Any, item: ActionItem, to_status: str, note: str = "") -> ActionItem:
    """The owner side reports progress (``in_progress``); done comes with evidence, verified/dropped elsewhere."""
    authorize(actor, ACTIONS_UPDATE, item)
    item = _locked(item)
    try:
        target = ItemStatus(to_status)
    except ValueError as exc:
        raise ValidationFailed(
            _("Status tidak dikenal."), field_errors={"to_status": [_("Status tidak dikenal.")]}
        ) from exc
    if target is ItemStatus.DONE and not item.evidence.exists():
        raise Conflict(_("Kirim bukti lebih dahulu: tindak lanjut dinyatakan selesai bersama buktinya."))
    if target in (ItemStatus.VERIFIED, ItemStatus.DROPPED):
        raise Forbidden(_("Verifikasi dan pembatalan dilakukan oleh pimpinan rapat atau sekretariat, bukan pemilik."))
    item = transition(item, actor=actor, to_status=target, note=note, action="meetings.item.move")
    transaction.on_commit(lambda: actions_notices.item_moved(item.pk))
    return item


def _authorize_verify(actor: Any, item: ActionItem) -> None:
    """``actions.verify`` over the item, and not on the owner's side unless it is his own unit's meeting."""
    authorize(actor, ACTIONS_VERIFY, item)
    scope = scope_of(actor)
    meeting = item.meeting
    chair_side = meeting is not None and (
        (scope.employee_id is not None and scope.employee_id in (meeting.chair_id, meeting.secretary_id))
        or scope.allows(MEETINGS_MANAGE, tenant_id=meeting.tenant_id, path=meeting.scope_path(), employee_id=None)
    )
    own = scope.employee_id is not None and scope.employee_id == item.owner_id
    owner_side = scope.allows(ACTIONS_UPDATE, tenant_id=item.tenant_id, path=item.owner_unit.path, employee_id=None)
    if own or (owner_side and not chair_side):
        raise Forbidden(
            _(
                "Bukti tindak lanjut unit Anda sendiri diverifikasi oleh pimpinan rapat atau sekretariat rapat, "
                "bukan oleh pemiliknya."
            )
        )


@transaction.atomic
def item_verify(*, actor: Any, item: ActionItem, note: str = "", today: dt.date | None = None) -> ActionItem:
    """The evidence suffices: the item is verified (on time when it was done by its due date)."""
    _authorize_verify(actor, item)
    item = _locked(item)
    item = transition(
        item, actor=actor, to_status=ItemStatus.VERIFIED, note=note, action="meetings.item.verify", today=today
    )
    transaction.on_commit(lambda: actions_notices.item_moved(item.pk))
    return item


@transaction.atomic
def item_return(*, actor: Any, item: ActionItem, note: str) -> ActionItem:
    """Evidence not enough: back to in progress, with what is missing."""
    if not note.strip():
        message = _("Tuliskan apa yang kurang dari buktinya agar unit dapat melengkapinya.")
        raise ValidationFailed(message, field_errors={"note": [message]})
    _authorize_verify(actor, item)
    item = _locked(item)
    item = transition(item, actor=actor, to_status=ItemStatus.IN_PROGRESS, note=note, action="meetings.item.return")
    transaction.on_commit(lambda: actions_notices.item_moved(item.pk))
    return item


@transaction.atomic
def item_drop(*, actor: Any, item: ActionItem, reason: str) -> ActionItem:
    """Drop an item that no longer applies; the reason is kept and it leaves the follow-through count."""
    if not reason.strip():
        message = _("Tuliskan alasan pembatalan: tindak lanjut yang dibatalkan keluar dari hitungan.")
        raise ValidationFailed(message, field_errors={"reason": [message]})
    _authorize_verify(actor, item)
    item = _locked(item)
    item.drop_reason = reason.strip()
    item = transition(item, actor=actor, to_status=ItemStatus.DROPPED, note=reason, action="meetings.item.drop")
    transaction.on_commit(lambda: actions_notices.item_moved(item.pk))
    return item


@transaction.atomic
def items_carry_over(*, meeting: Meeting) -> list[AgendaItem]:
    """Bring back every unsettled item of the meeting's kind owned by an invited unit (idempotent).

    Called when a meeting is created or opened (by the meetings services or a job). Three queries and one insert.
    """
    units = list(Invitation.objects.filter(meeting=meeting).values_list("org_unit_id", flat=True))
    pending = [s.value for s in ItemStatus if carries_over(s)]
    items = list(
        ActionItem.objects.filter(
            tenant_id=meeting.tenant_id, kind=meeting.kind, owner_unit_id__in=units, status__in=pending
        )
        .exclude(meeting=meeting)
        .exclude(
            pk__in=AgendaItem.objects.filter(meeting=meeting, carried_item__isnull=False).values("carried_item_id")
        )
        .order_by("due_on", "id")
    )
    if not items:
        return []
    order = (AgendaItem.objects.filter(meeting=meeting).aggregate(top=Max("order"))["top"] or 0) + 1
    now = timezone.now()
    rows = [
        AgendaItem(
            meeting=meeting,
            order=order + n,
            title=(_("Tindak lanjut: %(title)s") % {"title": item.title})[:255],
            carried_item=item,
            created_at=now,
            updated_at=now,
        )
        for n, item in enumerate(items)
    ]
    return AgendaItem.objects.bulk_create(rows)
