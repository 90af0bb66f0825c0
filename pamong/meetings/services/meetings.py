"""Writes of coordination meetings: schedule, cancel, attendance, the invited unit's note, holding the meeting.

Who may run a meeting: ``meetings.manage`` over the organiser's unit, or being the meeting's chair or secretary
(``meeting_authorize``). Minutes live in ``meeting_minutes``, series in ``series``. Every write is atomic, audited,
and sends its notices inside the transaction (``notices.notify`` writes on commit only what was committed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from pamong.access.roles import DIRECTIVES_REPORT, MEETINGS_MANAGE, MEETINGS_VIEW
from pamong.core import audit
from pamong.core.authz import authorize_at, require_tenant
from pamong.core.errors import Conflict, Forbidden, NotFoundError, ValidationFailed
from pamong.core.models import Tenant
from pamong.core.scope import scope_of
from pamong.discipline.selectors.calendar import calendar_around
from pamong.notices.services import notify
from pamong.org.models import OrgUnit
from pamong.people.models import Employee
from pamong.reports.recipients import holders

from ..choices import AttendanceLevel, MeetingKind, MeetingStatus
from ..models import Invitation, Meeting
from ..rules import timing
from .actions import items_carry_over

SOURCE_CITISTAT = "Baltimore City Code §61-4 (CitiStat)"


def meeting_authorize(actor: Any, meeting: Meeting) -> None:
    """Allow ``meetings.manage`` over the organiser's unit, or the meeting's chair or secretary.

    Whoever sees the meeting but may not run it is told "forbidden"; anyone else "not found".
    """
    scope = scope_of(actor)
    if scope.tenant_id != meeting.tenant_id:
        raise NotFoundError(_("Rapat tidak ditemukan."))
    if scope.employee_id is not None and scope.employee_id in (meeting.chair_id, meeting.secretary_id):
        return
    if scope.allows(MEETINGS_MANAGE, tenant_id=meeting.tenant_id, path=meeting.org_unit.path):
        return
    if Meeting.objects.visible_to(actor, MEETINGS_VIEW).filter(pk=meeting.pk).exists():
        raise Forbidden(_("Hanya penyelenggara, pimpinan atau sekretaris rapat yang dapat mengubah rapat ini."))
    raise NotFoundError(_("Rapat tidak ditemukan."))


def authorize_organiser(actor: Any, org_unit: OrgUnit, *, denied: str) -> int:
    """Raise unless ``actor`` may organise meetings of ``org_unit`` (``meetings.manage`` there); its tenant id."""
    tenant_id = require_tenant(actor)
    if org_unit.tenant_id != tenant_id:
        raise NotFoundError(_("Unit tidak ditemukan."))
    authorize_at(
        actor, MEETINGS_MANAGE, tenant_id=tenant_id, path=org_unit.path, visible_action=MEETINGS_VIEW, denied=denied
    )
    return tenant_id


def unit_heads(*, tenant_id: int, units: Iterable[OrgUnit], day: dt.date) -> dict[int, list[Any]]:
    """The users heading each unit (holders of ``directives.report`` placed over it) by unit id."""
    return {
        unit.pk: holders(tenant_id=tenant_id, path=unit.path, actions=[DIRECTIVES_REPORT], day=day) for unit in units
    }


def _snapshot(meeting: Meeting) -> dict[str, Any]:
    return audit.model_snapshot(
        meeting, ("title", "kind", "starts_at", "ends_at", "venue", "status", "held_on", "memo_due_on")
    )


def _check_times(starts_at: dt.datetime, ends_at: dt.datetime, now: dt.datetime) -> None:
    errors: dict[str, list[str]] = {}
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise ValueError("meeting times must be timezone-aware")
    if not timing.is_upcoming_valid(starts_at, now):
        errors["starts_at"] = [
            _(
                "Waktu mulai sudah lewat: rapat yang akan datang harus dimulai setelah sekarang. Rapat yang sudah "
                "berlangsung dicatat sebagai terlaksana. Bahan rapat dikirim 48 jam sebelumnya (%(source)s)."
            )
            % {"source": SOURCE_CITISTAT}
        ]
    if ends_at <= starts_at:
        errors["ends_at"] = [_("Waktu selesai harus setelah waktu mulai.")]
    if errors:
        raise ValidationFailed(_("Periksa waktu rapat."), field_errors=errors)


def _notify_invited(meeting: Meeting, units: Sequence[OrgUnit], *, title: str, day: dt.date, key: str) -> None:
    heads = unit_heads(tenant_id=meeting.tenant_id, units=units, day=day)
    recipients = [user for users in heads.values() for user in users]
    notify(
        tenant_id=meeting.tenant_id,
        recipients=recipients,
        title=title,
        body=meeting.title,
        url=reverse("meetings:meeting_detail", args=[meeting.pk]),
        dedupe_key=f"meeting:{key}:{meeting.pk}",
    )


@transaction.atomic
def meeting_schedule(
    *,
    actor: Any,
    org_unit: OrgUnit,
    kind: str,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    venue: str = "",
    video_link: str = "",
    chair: Employee | None = None,
    secretary: Employee | None = None,
    invited_units: Iterable[OrgUnit] = (),
    now: dt.datetime,
) -> Meeting:
    """Schedule an upcoming meeting and invite its units; the brief goes out 48 hours before the start."""
    tenant_id = authorize_organiser(actor, org_unit, denied=_("Anda hanya dapat menjadwalkan rapat unit Anda sendiri."))
    if kind not in MeetingKind.values:
        raise ValidationFailed(_("Jenis rapat tidak dikenal."), field_errors={"kind": [_("Pilih jenis rapat.")]})
    if not title.strip():
        raise ValidationFailed(_("Judul rapat wajib diisi."), field_errors={"title": [_("Isi judul rapat.")]})
    _check_times(starts_at, ends_at, now)
    units = list({unit.pk: unit for unit in invited_units}.values())
    if any(unit.tenant_id != tenant_id for unit in units):
        raise NotFoundError(_("Unit tidak ditemukan."))
    for person in (chair, secretary):
        if person is not None and person.tenant_id != tenant_id:
            raise NotFoundError(_("Pegawai tidak ditemukan."))
    meeting = Meeting.objects.create(
        tenant_id=tenant_id,
        org_unit=org_unit,
        kind=kind,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        venue=venue,
        video_link=video_link,
        chair=chair,
        secretary=secretary,
        pre_read_at=timing.pre_read_at(starts_at),
    )
    Invitation.objects.bulk_create([Invitation(meeting=meeting, org_unit=unit) for unit in units])
    items_carry_over(meeting=meeting)  # unverified commitments of earlier meetings of this kind come back
    audit.record(
        actor=actor,
        tenant_id=tenant_id,
        action="meetings.meeting.schedule",
        target=meeting,
        org_unit_path=org_unit.path,
        after={**_snapshot(meeting), "invited": sorted(unit.code for unit in units)},
    )
    tenant = Tenant.objects.get(pk=tenant_id)
    _notify_invited(
        meeting,
        units,
        title=_("Undangan rapat: %(title)s, %(when)s")
        % {"title": meeting.title, "when": tenant.localtime(starts_at).strftime("%d/%m/%Y %H.%M")},
        day=tenant.localtime(now).date(),
        key="invite",
    )
    return meeting


def _lock(meeting: Meeting) -> Meeting:
    locked: Meeting = Meeting.objects.select_for_update().select_related("org_unit").get(pk=meeting.pk)
    return locked


@transaction.atomic
def meeting_cancel(*, actor: Any, meeting: Meeting, reason: str, now: dt.datetime) -> Meeting:
    """Cancel a scheduled meeting, with a reason the invited units read."""
    meeting_authorize(actor, meeting)
    if not reason.strip():
        raise ValidationFailed(
            _("Alasan pembatalan wajib diisi."), field_errors={"reason": [_("Tulis mengapa rapat dibatalkan.")]}
        )
    meeting = _lock(meeting)
    if meeting.status != MeetingStatus.SCHEDULED:
        raise Conflict(_("Hanya rapat yang masih terjadwal yang dapat dibatalkan."))
    before = _snapshot(meeting)
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancel_reason = reason.strip()[:255]
    meeting.save(update_fields=["status", "cancel_reason", "updated_at"])
    audit.record(
        actor=actor,
        tenant_id=meeting.tenant_id,
        action="meetings.meeting.cancel",
        target=meeting,
        org_unit_path=meeting.org_unit.path,
        before=before,
        after=_snapshot(meeting),
        reason=meeting.cancel_reason,
    )
    units = [inv.org_unit for inv in meeting.invitations.select_related("org_unit")]
    _notify_invited(
        meeting,
        units,
        title=_("Rapat dibatalkan: %(title)s") % {"title": meeting.title},
        day=meeting.tenant.localtime(now).date(),
        key="cancel",
    )
    return meeting


@transaction.atomic
def attendance_record(*, actor: Any, meeting: Meeting, rows: Iterable[tuple[Invitation, str, str]]) -> list[Invitation]:
    """Record who came for each invited unit: the level (head, deputy, staff, absent) and the attendee's name."""
    meeting_authorize(actor, meeting)
    meeting = _lock(meeting)
    if meeting.status == MeetingStatus.CANCELLED:
        raise Conflict(_("Rapat ini dibatalkan: kehadiran tidak dapat dicatat."))
    wanted = list(rows)
    own = {inv.pk: inv for inv in Invitation.objects.filter(meeting=meeting).select_for_update()}
    changed: list[Invitation] = []
    errors: dict[str, list[str]] = {}
    for invitation, level, name in wanted:
        if invitation.pk not in own:
            raise NotFoundError(_("Undangan tidak ditemukan pada rapat ini."))
        if level not in AttendanceLevel.values:
            errors[f"attendance_{invitation.pk}"] = [_("Pilih tingkat kehadiran.")]
            continue
        if level in (AttendanceLevel.HEAD, AttendanceLevel.DEPUTY, AttendanceLevel.STAFF) and not name.strip():
            errors[f"attendee_{invitation.pk}"] = [_("Tulis nama yang hadir mewakili unit.")]
            continue
        row = own[invitation.pk]
        row.attendance = level
        row.attendee_name = "" if level in (AttendanceLevel.ABSENT, AttendanceLevel.UNKNOWN) else name.strip()[:200]
        changed.append(row)
    if errors:
        raise ValidationFailed(_("Periksa daftar hadir."), field_errors=errors)
    Invitation.objects.bulk_update(changed, ["attendance", "attendee_name", "updated_at"])
    audit.record(
        actor=actor,
        tenant_id=meeting.tenant_id,
        action="meetings.meeting.attendance",
        target=meeting,
        org_unit_path=meeting.org_unit.path,
        after={str(row.org_unit_id): row.attendance for row in changed},
    )
    return changed


@transaction.atomic
def invitation_note(*, actor: Any, invitation: Invitation, note: str, now: dt.datetime) -> Invitation:
    """The invited unit's head adds a note to its brief, before the meeting starts."""
    meeting = invitation.meeting
    scope = scope_of(actor)
    if not Meeting.objects.visible_to(actor, MEETINGS_VIEW).filter(pk=meeting.pk).exists():
        raise NotFoundError(_("Rapat tidak ditemukan."))
    if not scope.allows(DIRECTIVES_REPORT, tenant_id=meeting.tenant_id, path=invitation.org_unit.path):
        raise Forbidden(_("Catatan bahan rapat hanya dapat diisi oleh kepala unit yang diundang."))
    if now >= meeting.starts_at:
        raise Conflict(_("Rapat sudah dimulai: catatan tidak dapat diubah lagi. Sampaikan langsung dalam rapat."))
    if meeting.status != MeetingStatus.SCHEDULED:
        raise Conflict(_("Rapat ini tidak lagi terjadwal."))
    row = Invitation.objects.select_for_update().get(pk=invitation.pk)
    before = {"note": row.note}
    row.note = note.strip()
    row.save(update_fields=["note", "updated_at"])
    audit.record(
        actor=actor,
        tenant_id=meeting.tenant_id,
        action="meetings.invitation.note",
        target=meeting,
        org_unit_path=invitation.org_unit.path,
        before=before,
        after={"note": row.note},
    )
    return row


@transaction.atomic
def meeting_hold(*, actor: Any, meeting: Meeting, held_on: dt.date) -> Meeting:
    """Mark the meeting held; the commitments memo is due 2 working days later (``rules.timing.memo_due_on``)."""
    meeting_authorize(actor, meeting)
    meeting = _lock(meeting)
    if meeting.status != MeetingStatus.SCHEDULED:
        raise Conflict(_("Rapat ini sudah terlaksana atau dibatalkan."))
    tenant = meeting.tenant
    if held_on < tenant.localtime(meeting.starts_at).date():
        raise ValidationFailed(
            _("Tanggal terlaksana tidak boleh sebelum jadwal rapat."),
            field_errors={"held_on": [_("Isi tanggal rapat berlangsung.")]},
        )
    before = _snapshot(meeting)
    calendar = calendar_around(tenant, held_on)
    meeting.status = MeetingStatus.HELD
    meeting.held_on = held_on
    meeting.memo_due_on = timing.memo_due_on(held_on, calendar.is_working)
    meeting.save(update_fields=["status", "held_on", "memo_due_on", "updated_at"])
    audit.record(
        actor=actor,
        tenant_id=meeting.tenant_id,
        action="meetings.meeting.hold",
        target=meeting,
        org_unit_path=meeting.org_unit.path,
        before=before,
        after=_snapshot(meeting),
        reason=_("Memo komitmen paling lambat 2 hari kerja setelah rapat (%(source)s).") % {"source": SOURCE_CITISTAT},
    )
    return meeting
