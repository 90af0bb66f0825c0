"""Excuses: requested by the employee (or an operator/BKPSDM for staff in scope), decided by the direct superior.

``excuse_request`` checks the dates against the employee's working days, closed months, overlaps and (for
leave) the PP 11/2017 quota, stores the request and tells the direct superior. ``excuse_approve``,
``excuse_reject``, ``excuse_cancel`` and ``excuse_revoke`` move it along with a conditional update on the
status (two deciders at once: one wins, the other gets a conflict). Every step writes an ``ExcuseStep``, an
audit event and notices; approving or revoking past dates queues those employee-days for derivation.

Who decides (ADR 0028): the direct superior (``selectors.excuse_superiors``) holding ``excuses.approve`` over
the employee's unit, or BKPSDM with ``attendance.manage`` (an override, noted in the history). Nobody
decides his own excuse.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.access.roles import ATTENDANCE_MANAGE, ATTENDANCE_VIEW, EXCUSES_APPROVE, EXCUSES_REQUEST
from pamong.core import audit
from pamong.core.authz import authorize
from pamong.core.errors import Conflict, Forbidden, NotFoundError
from pamong.core.models import Tenant
from pamong.core.scope import scope_of
from pamong.notices.services import notify
from pamong.people.models import Employee

from ..choices import ExcuseKind, ExcuseStatus
from ..models import Excuse, ExcuseStep
from ..rules.leave import LeaveKind
from ..selectors.excuse_superiors import Superior, direct_superior
from .excuse_checks import (
    PART_DAY_KINDS,
    LeaveFlags,
    check_document,
    check_leave,
    check_no_overlap,
    check_not_closed,
    invalid,
    working_dates,
)
from .punches import mark_dirty

SNAPSHOT = ("status", "kind", "leave_kind", "starts_on", "ends_on", "start_time", "end_time", "working_days")


def _user(actor: Any) -> Any:
    return actor if isinstance(actor, get_user_model()) else None


def _label(actor: Any) -> str:
    return str(getattr(actor, "username", "") or "system")[:200]


def _url(excuse: Excuse) -> str:
    return reverse("attendance:excuse_detail", args=[excuse.pk])


def _load(excuse: Excuse) -> Excuse:
    loaded: Excuse = Excuse.objects.select_related("employee__org_unit", "tenant").get(pk=excuse.pk)
    return loaded


def superior_of(excuse: Excuse) -> Superior | None:
    """The direct superior who decides ``excuse`` (None: nobody up the tree, BKPSDM decides)."""
    return direct_superior(
        tenant_id=excuse.tenant_id,
        employee_id=excuse.employee_id,
        unit_path=excuse.employee.org_unit.path,
        day=excuse.starts_on,
    )


def _step(excuse: Excuse, *, action: str, from_status: str, actor: Any, note: str = "") -> None:
    ExcuseStep.objects.create(
        tenant_id=excuse.tenant_id,
        excuse=excuse,
        action=action,
        from_status=from_status,
        to_status=excuse.status,
        actor=_user(actor),
        actor_label=_label(actor),
        note=note,
    )


def _enqueue_recompute(tenant_id: int) -> None:
    from ..tasks import days_recompute_dirty

    days_recompute_dirty.enqueue(tenant_id)


def _queue_past_days(excuse: Excuse, today: dt.date) -> int:
    """Queue the excuse's days before today for derivation (today is derived once it is over)."""
    last = min(excuse.ends_on, today - dt.timedelta(days=1))
    if last < excuse.starts_on:
        return 0
    days = [excuse.starts_on + dt.timedelta(days=n) for n in range((last - excuse.starts_on).days + 1)]
    count = mark_dirty(excuse.tenant_id, [(excuse.employee_id, day) for day in days])
    tenant_id = excuse.tenant_id
    transaction.on_commit(lambda: _enqueue_recompute(tenant_id))
    return count


def _notify_superior(excuse: Excuse, superior: Superior | None) -> None:
    if superior is None:
        return
    notify(
        tenant_id=excuse.tenant_id,
        recipients=get_user_model().objects.filter(pk__in=superior.user_ids),
        title=_("Permintaan %(kind)s %(name)s menunggu persetujuan Anda")
        % {"kind": ExcuseKind(excuse.kind).label.lower(), "name": excuse.employee.name},
        body=excuse.reason[:300],
        url=_url(excuse),
        dedupe_key=f"excuse:{excuse.pk}:request",
    )


def _notify_employee(excuse: Excuse, title: str, body: str = "") -> None:
    users = get_user_model().objects.filter(employee_id=excuse.employee_id)
    if excuse.requested_by_id is not None:
        users = users | get_user_model().objects.filter(pk=excuse.requested_by_id)
    notify(tenant_id=excuse.tenant_id, recipients=users, title=title, body=body, url=_url(excuse))


@transaction.atomic
def excuse_request(
    *,
    actor: Any,
    employee: Employee,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date,
    reason: str,
    leave_kind: str = "",
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    document: Any = None,
    flags: LeaveFlags | None = None,
) -> Excuse:
    """Request an excuse for ``employee`` (oneself, or staff in the actor's scope) and tell the superior."""
    authorize(
        actor,
        EXCUSES_REQUEST,
        employee,
        visible_action=ATTENDANCE_VIEW,
        denied=_("Anda tidak berwenang mengajukan izin atau cuti untuk pegawai ini."),
    )
    employee = Employee.objects.select_for_update().select_related("org_unit", "tenant").get(pk=employee.pk)
    tenant: Tenant = employee.tenant
    if kind not in ExcuseKind.values:
        raise invalid("kind", _("Pilih jenis keterangan."))
    if kind == ExcuseKind.LEAVE:
        if leave_kind not in {k.value for k in LeaveKind}:
            raise invalid("leave_kind", _("Pilih jenis cuti."))
    else:
        leave_kind = ""
    reason = (reason or "").strip()
    if not reason:
        raise invalid("reason", _("Tuliskan alasan atau keperluannya."))
    if ends_on < starts_on:
        raise invalid("ends_on", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
    if (start_time is None) != (end_time is None):
        raise invalid("end_time", _("Isi jam mulai dan jam selesai, atau kosongkan keduanya untuk sehari penuh."))
    if start_time is not None and end_time is not None:
        if kind not in PART_DAY_KINDS:
            raise invalid("start_time", _("Hanya izin, dinas luar dan dispensasi yang dapat diajukan per jam."))
        if starts_on != ends_on:
            raise invalid("ends_on", _("Izin per jam berlaku untuk satu tanggal saja."))
        if end_time <= start_time:
            raise invalid("end_time", _("Jam selesai harus sesudah jam mulai."))
    if (ends_on - starts_on).days > 3 * 366:
        raise invalid("ends_on", _("Rentang tanggal terlalu panjang (lebih dari tiga tahun)."))
    check_not_closed(tenant_id=tenant.pk, start=starts_on, end=ends_on)
    days = working_dates(tenant=tenant, employee=employee, start=starts_on, end=ends_on)
    if not days:
        raise invalid("starts_on", _("Tanggal yang dipilih bukan hari kerja (akhir pekan atau hari libur)."))
    check_no_overlap(employee=employee, start=starts_on, end=ends_on, start_time=start_time, end_time=end_time)
    if kind == ExcuseKind.LEAVE:
        check_leave(
            employee=employee,
            leave_kind=leave_kind,
            start=starts_on,
            end=ends_on,
            working_days=len(days),
            flags=flags or LeaveFlags(),
        )
    excuse = Excuse(
        tenant_id=tenant.pk,
        employee=employee,
        kind=kind,
        leave_kind=leave_kind,
        starts_on=starts_on,
        ends_on=ends_on,
        start_time=start_time,
        end_time=end_time,
        working_days=len(days),
        reason=reason,
        requested_by=_user(actor),
    )
    if document:
        name, content = check_document(document)
        excuse.document.save(name, ContentFile(content), save=False)
    excuse.save()
    _step(excuse, action="request", from_status="", actor=actor)
    superior = superior_of(excuse)
    audit.record(
        actor=actor,
        tenant_id=tenant.pk,
        action="attendance.excuse.request",
        target=excuse,
        org_unit_path=employee.org_unit.path,
        after={**audit.model_snapshot(excuse, SNAPSHOT), "employee": employee.pk, "document": bool(document)},
    )
    _notify_superior(excuse, superior)
    return excuse


def _authorize_decision(actor: Any, excuse: Excuse) -> bool:
    """Raise unless ``actor`` may decide ``excuse``; True when it is BKPSDM's override, not the superior."""
    scope = scope_of(actor)
    tenant_id, path, employee_id = excuse.tenant_id, excuse.employee.org_unit.path, excuse.employee_id
    sees = scope.allows(ATTENDANCE_VIEW, tenant_id=tenant_id, path=path, employee_id=employee_id)
    approver = scope.allows(EXCUSES_APPROVE, tenant_id=tenant_id, path=path)
    if scope.employee_id is not None and scope.employee_id == employee_id:
        if sees:
            raise Forbidden(_("Anda tidak dapat memutuskan izin atau cuti Anda sendiri."))
        raise NotFoundError(_("Data tidak ditemukan."))
    superior = superior_of(excuse)
    if approver and superior is not None and getattr(actor, "pk", None) in superior.user_ids:
        return False
    if scope.allows(ATTENDANCE_MANAGE, tenant_id=tenant_id, path=path):
        return True
    if sees or approver:
        who = _("%(name)s (atasan langsung)") % {"name": superior.employee_name} if superior else _("BKPSDM")
        raise Forbidden(_("Permintaan ini diputuskan oleh %(who)s, bukan oleh Anda.") % {"who": who})
    raise NotFoundError(_("Data tidak ditemukan."))


def _transition(excuse: Excuse, *, actor: Any, from_status: str, to_status: str, note: str, decided: bool) -> Excuse:
    """Compare-and-swap the status; a request already moved by someone else is a conflict."""
    now = timezone.now()
    values: dict[str, Any] = {"status": to_status, "updated_at": now}
    if decided:
        values.update(decided_by=_user(actor), decided_at=now, decision_note=note)
    updated = Excuse.objects.filter(pk=excuse.pk, status=from_status).update(**values)
    if not updated:
        current = Excuse.objects.filter(pk=excuse.pk).values_list("status", flat=True).first() or ""
        raise Conflict(
            _("Permintaan ini sudah %(status)s; muat ulang halaman untuk melihat keadaannya sekarang.")
            % {"status": ExcuseStatus(current).label.lower() if current else _("berubah")}
        )
    excuse.refresh_from_db()
    return excuse


def _titles() -> dict[str, str]:
    """The notice the employee gets for each decision (translated when sent)."""
    return {
        "approve": _("Permintaan %(kind)s Anda disetujui"),
        "reject": _("Permintaan %(kind)s Anda ditolak"),
        "revoke": _("Persetujuan %(kind)s Anda dicabut"),
    }


#: action -> (status before, status after, reason required)
_DECISIONS = {
    "approve": (ExcuseStatus.REQUESTED, ExcuseStatus.APPROVED, False),
    "reject": (ExcuseStatus.REQUESTED, ExcuseStatus.REJECTED, True),
    "revoke": (ExcuseStatus.APPROVED, ExcuseStatus.CANCELLED, True),
}


def _decide(*, actor: Any, excuse: Excuse, action: str, note: str, today: dt.date | None) -> Excuse:
    from_status, to_status, reason_required = _DECISIONS[action]
    excuse = _load(excuse)
    override = _authorize_decision(actor, excuse)
    note = (note or "").strip()
    if reason_required and not note:
        raise invalid("reason", _("Tuliskan alasannya; pegawai akan menerimanya dalam pemberitahuan."))
    touches_days = ExcuseStatus.APPROVED in (from_status, to_status)
    if touches_days:
        check_not_closed(tenant_id=excuse.tenant_id, start=excuse.starts_on, end=excuse.ends_on, field="status")
    before = audit.model_snapshot(excuse, SNAPSHOT)
    excuse = _transition(excuse, actor=actor, from_status=from_status, to_status=to_status, note=note, decided=True)
    history_note = note
    if override:
        history_note = (_("Diputuskan oleh BKPSDM (bukan atasan langsung).") + " " + note).strip()
    _step(excuse, action=action, from_status=from_status, actor=actor, note=history_note)
    audit.record(
        actor=actor,
        tenant_id=excuse.tenant_id,
        action=f"attendance.excuse.{action}",
        target=excuse,
        org_unit_path=excuse.employee.org_unit.path,
        before=before,
        after={**audit.model_snapshot(excuse, SNAPSHOT), "override": override},
        reason=note,
    )
    if touches_days:
        _queue_past_days(excuse, today or excuse.tenant.today())
    _notify_employee(excuse, _titles()[action] % {"kind": ExcuseKind(excuse.kind).label.lower()}, note)
    return excuse


@transaction.atomic
def excuse_approve(*, actor: Any, excuse: Excuse, note: str = "", today: dt.date | None = None) -> Excuse:
    """Approve a requested excuse: from now on its days count as excused."""
    return _decide(actor=actor, excuse=excuse, action="approve", note=note, today=today)


@transaction.atomic
def excuse_reject(*, actor: Any, excuse: Excuse, reason: str, today: dt.date | None = None) -> Excuse:
    """Reject a requested excuse with a reason the employee is told."""
    return _decide(actor=actor, excuse=excuse, action="reject", note=reason, today=today)


@transaction.atomic
def excuse_revoke(*, actor: Any, excuse: Excuse, reason: str, today: dt.date | None = None) -> Excuse:
    """Revoke an approved excuse (superior or BKPSDM, with a reason); its past days are derived again."""
    return _decide(actor=actor, excuse=excuse, action="revoke", note=reason, today=today)


@transaction.atomic
def excuse_cancel(*, actor: Any, excuse: Excuse, reason: str = "") -> Excuse:
    """Withdraw a request before it is decided: by the employee or by whoever filed it."""
    excuse = _load(excuse)
    scope = scope_of(actor)
    own = scope.employee_id is not None and scope.employee_id == excuse.employee_id
    filed = excuse.requested_by_id is not None and excuse.requested_by_id == getattr(actor, "pk", None)
    if not (own or filed):
        path = excuse.employee.org_unit.path
        if scope.allows(ATTENDANCE_VIEW, tenant_id=excuse.tenant_id, path=path, employee_id=excuse.employee_id):
            raise Forbidden(
                _("Hanya pegawai yang bersangkutan atau yang mengajukan yang dapat membatalkan permintaan ini.")
            )
        raise NotFoundError(_("Data tidak ditemukan."))
    before = audit.model_snapshot(excuse, SNAPSHOT)
    note = (reason or "").strip()
    excuse = _transition(
        excuse,
        actor=actor,
        from_status=ExcuseStatus.REQUESTED,
        to_status=ExcuseStatus.CANCELLED,
        note=note,
        decided=False,
    )
    _step(excuse, action="cancel", from_status=ExcuseStatus.REQUESTED, actor=actor, note=note)
    audit.record(
        actor=actor,
        tenant_id=excuse.tenant_id,
        action="attendance.excuse.cancel",
        target=excuse,
        org_unit_path=excuse.employee.org_unit.path,
        before=before,
        after=audit.model_snapshot(excuse, SNAPSHOT),
        reason=note,
    )
    superior = superior_of(excuse)
    if superior is not None:
        notify(
            tenant_id=excuse.tenant_id,
            recipients=get_user_model().objects.filter(pk__in=superior.user_ids),
            title=_("Permintaan %(kind)s %(name)s dibatalkan")
            % {"kind": ExcuseKind(excuse.kind).label.lower(), "name": excuse.employee.name},
            url=_url(excuse),
        )
    return excuse
