"""The device registry (the allow-list of serials per unit) and the command queue, one audited function each.

- ``device_create`` / ``device_update`` / ``device_set_allowed``: BKPSDM (``attendance.manage``) registers a
  unit's devices; a serial is unique across the deployment because it is how a push finds its tenant.
- ``command_queue`` / ``command_cancel``: a command (``rules.adms.format_command``) waits for the device's next
  poll (``services.adms.adms_poll``); only a queued command can be cancelled.
- ``employee_moved``: the hook ``pamong.people`` calls (``settings.PAMONG_EMPLOYEE_MOVED_HOOKS``) when an
  employee's unit changes: the devices of the new unit get ``DATA UPDATE USERINFO``, those of the old unit only
  get ``DATA DELETE USERINFO``, if the employee has a PIN; a device serving both is left alone.

A unit's devices are those registered at the unit or at one of its ancestors (a device in the Dinas lobby serves
its bidang; one at the regency's root serves everyone), so a move never deletes a user from a device that still
serves them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.access.roles import ATTENDANCE_MANAGE
from pamong.core import audit
from pamong.core.authz import authorize
from pamong.core.errors import Conflict, ValidationFailed
from pamong.core.i18n import localized
from pamong.org.models import OrgUnit
from pamong.people.models import Employee

from ..choices import CommandStatus
from ..models import Device, DeviceCommand, DevicePin
from ..rules import adms

DEVICE_AUDIT_FIELDS = ("org_unit", "serial_number", "name", "location", "is_allowed")
#: Longest name sent in a USERINFO command: older firmware keeps 24 characters.
DEVICE_NAME_LENGTH = 24


def _clean(*, serial_number: str | None = None, name: str, location: str) -> dict[str, str]:
    errors: dict[str, list[str]] = {}
    values = {"name": name.strip(), "location": location.strip()}
    if serial_number is not None:
        try:
            values["serial_number"] = adms.clean_serial(serial_number)
        except adms.AdmsError as exc:
            errors["serial_number"] = [localized(exc)]
    if not values["name"]:
        errors["name"] = [_("Nama mesin wajib diisi, misalnya tempatnya: Lobi Dinas Pendidikan.")]
    if errors:
        raise ValidationFailed(_("Data mesin tidak sah."), field_errors=errors)
    return values


@transaction.atomic
def device_create(
    *, actor: Any, org_unit: OrgUnit, serial_number: str, name: str, location: str = "", is_allowed: bool = True
) -> Device:
    """Register a device of ``org_unit`` by its serial: from then on its pushes are accepted (if allowed)."""
    authorize(actor, ATTENDANCE_MANAGE, org_unit, visible_action="attendance.view")
    values = _clean(serial_number=serial_number, name=name, location=location)
    if Device.objects.filter(serial_number=values["serial_number"]).exists():
        raise Conflict(
            _("Nomor seri %(sn)s sudah terdaftar. Cari mesin itu di daftar mesin dan ubah unitnya bila perlu.")
            % {"sn": values["serial_number"]},
            code="serial_taken",
        )
    device = Device.objects.create(tenant_id=org_unit.tenant_id, org_unit=org_unit, is_allowed=is_allowed, **values)
    audit.record(
        actor=actor,
        tenant_id=device.tenant_id,
        action="attendance.device.created",
        target=device,
        org_unit_path=org_unit.path,
        after=audit.model_snapshot(device, DEVICE_AUDIT_FIELDS),
    )
    return device


@transaction.atomic
def device_update(
    *, actor: Any, device: Device, org_unit: OrgUnit, name: str, location: str = "", reason: str = ""
) -> Device:
    """Rename a device, or move it to another unit (both units within the actor's reach)."""
    authorize(actor, ATTENDANCE_MANAGE, device)
    if org_unit.pk != device.org_unit_id:
        authorize(actor, ATTENDANCE_MANAGE, org_unit, visible_action="attendance.view")
    values = _clean(name=name, location=location)
    device = Device.objects.select_for_update().select_related("org_unit").get(pk=device.pk)
    before = audit.model_snapshot(device, DEVICE_AUDIT_FIELDS)
    device.org_unit = org_unit
    device.name, device.location = values["name"], values["location"]
    after = audit.model_snapshot(device, DEVICE_AUDIT_FIELDS)
    if after != before:
        device.save(update_fields=["org_unit", "name", "location", "updated_at"])
        audit.record(
            actor=actor,
            tenant_id=device.tenant_id,
            action="attendance.device.updated",
            target=device,
            org_unit_path=org_unit.path,
            before=before,
            after=after,
            reason=reason,
        )
    return device


@transaction.atomic
def device_set_allowed(*, actor: Any, device: Device, is_allowed: bool, reason: str = "") -> Device:
    """Allow or block a device: a blocked device's pushes are refused (and logged) until it is allowed again."""
    authorize(actor, ATTENDANCE_MANAGE, device)
    device = Device.objects.select_for_update().select_related("org_unit").get(pk=device.pk)
    if device.is_allowed == is_allowed:
        return device
    if not is_allowed and not reason.strip():
        raise ValidationFailed(
            _("Tulis alasan memblokir mesin ini (misalnya: hilang, diganti, dipindah)."),
            field_errors={"reason": [_("Wajib diisi.")]},
        )
    device.is_allowed = is_allowed
    device.save(update_fields=["is_allowed", "updated_at"])
    audit.record(
        actor=actor,
        tenant_id=device.tenant_id,
        action="attendance.device.allowed" if is_allowed else "attendance.device.blocked",
        target=device,
        org_unit_path=device.org_unit.path,
        before={"is_allowed": not is_allowed},
        after={"is_allowed": is_allowed},
        reason=reason,
    )
    return device


# ------------------------------------------------------------------------------------------ commands --


def _queue(device: Device, kind: adms.CommandKind, fields: dict[str, Any], purpose: str) -> DeviceCommand:
    """Append one command to a device's queue (the device row locked, so numbers never collide)."""
    Device.objects.select_for_update().filter(pk=device.pk).first()
    last = DeviceCommand.objects.filter(device=device).aggregate(last=Max("command_id"))["last"] or 0
    try:
        line = adms.format_command(last + 1, kind, **fields)
    except adms.AdmsError as exc:
        raise ValidationFailed(localized(exc), field_errors={(exc.field or "text").lower(): [localized(exc)]}) from exc
    return DeviceCommand.objects.create(
        tenant_id=device.tenant_id,
        device=device,
        command_id=last + 1,
        text=line.split(":", 2)[2],
        purpose=purpose[:200],
    )


def _command_event(actor: Any, command: DeviceCommand, device: Device, reason: str = "") -> None:
    audit.record(
        actor=actor,
        tenant_id=command.tenant_id,
        action="attendance.device_command.queued",
        target=command,
        org_unit_path=device.org_unit.path,
        after={"device": device.pk, "command_id": command.command_id, "text": command.text[:200]},
        reason=reason or command.purpose,
    )


@transaction.atomic
def command_queue(
    *, actor: Any, device: Device, kind: str, fields: dict[str, Any] | None = None, purpose: str = ""
) -> DeviceCommand:
    """Queue a command for ``device``'s next poll, e.g. ``DATA UPDATE USERINFO PIN=1003 Name=Budi``."""
    authorize(actor, ATTENDANCE_MANAGE, device)
    try:
        command_kind = adms.CommandKind(kind)
    except ValueError as exc:
        raise ValidationFailed(
            _("Jenis perintah tidak dikenal."), field_errors={"kind": [_("Pilih salah satu jenis perintah.")]}
        ) from exc
    command = _queue(device, command_kind, dict(fields or {}), purpose)
    _command_event(actor, command, device)
    return command


@transaction.atomic
def command_cancel(*, actor: Any, command: DeviceCommand, reason: str = "") -> DeviceCommand:
    """Withdraw a command the device has not fetched yet; a sent one can no longer be called back."""
    device = Device.objects.select_related("org_unit").get(pk=command.device_id)
    authorize(actor, ATTENDANCE_MANAGE, device)
    updated = DeviceCommand.objects.filter(pk=command.pk, status=CommandStatus.QUEUED).update(
        status=CommandStatus.CANCELLED, done_at=timezone.now(), updated_at=timezone.now()
    )
    command.refresh_from_db()
    if not updated:
        raise Conflict(
            _("Perintah ini sudah %(status)s; hanya perintah yang masih antre dapat dibatalkan.")
            % {"status": command.get_status_display().lower()},
            code="not_queued",
        )
    audit.record(
        actor=actor,
        tenant_id=command.tenant_id,
        action="attendance.device_command.cancelled",
        target=command,
        org_unit_path=device.org_unit.path,
        before={"status": CommandStatus.QUEUED},
        after={"status": CommandStatus.CANCELLED},
        reason=reason,
    )
    return command


# ------------------------------------------------------------------------------------- employee moved --


def _ancestor_paths(path: str) -> list[str]:
    """``000001.000007.`` → ``["000001.", "000001.000007."]``: the unit and every unit above it."""
    segments = [s for s in path.split(".") if s]
    return [".".join(segments[: i + 1]) + "." for i in range(len(segments))]


def devices_serving(paths: Iterable[str], tenant_id: int) -> dict[str, set[int]]:
    """For each unit path, the allowed devices registered at it or above it (one query)."""
    wanted = {path: set(_ancestor_paths(path)) for path in paths}
    rows = Device.objects.filter(
        tenant_id=tenant_id, is_allowed=True, org_unit__path__in=set().union(*wanted.values())
    ).values_list("pk", "org_unit__path")
    return {path: {pk for pk, at in rows if at in prefixes} for path, prefixes in wanted.items()}


def _device_name(employee: Employee) -> str:
    return " ".join(employee.name.split())[:DEVICE_NAME_LENGTH]


def employee_moved(*, actor: Any, employee: Employee, old_org_unit_id: int | None, new_org_unit_id: int) -> int:
    """Queue the user-sync commands for an employee who moved unit; returns how many were queued.

    Called by ``pamong.people.services`` inside its transaction (``PAMONG_EMPLOYEE_MOVED_HOOKS``), so the
    commands exist exactly when the move does. The mover holds ``people.manage``, not necessarily
    ``attendance.manage``: the sync is a consequence of the move, not a separate decision, so it is not
    authorised again; it is audited under the mover's name.
    """
    pin = DevicePin.objects.filter(tenant_id=employee.tenant_id, employee=employee).values_list("pin", flat=True)
    pin_value = pin.first()
    if pin_value is None or old_org_unit_id == new_org_unit_id:
        return 0
    paths = dict(OrgUnit.objects.filter(pk__in=[old_org_unit_id, new_org_unit_id]).values_list("pk", "path"))
    new_path, old_path = paths.get(new_org_unit_id), paths.get(old_org_unit_id)
    serving = devices_serving([p for p in (new_path, old_path) if p], employee.tenant_id)
    serves_new = serving.get(new_path, set()) if new_path else set()
    serves_old = serving.get(old_path, set()) if old_path else set()
    # A device serving both units already holds the user: it is left alone.
    into, out_of = serves_new - serves_old, serves_old - serves_new
    devices = {d.pk: d for d in Device.objects.filter(pk__in=into | out_of).select_related("org_unit")}
    purpose = _("Pegawai %(nip)s pindah unit") % {"nip": employee.nip}
    queued = 0
    for pk in sorted(into):
        fields = {"PIN": pin_value, "Name": _device_name(employee)}
        _command_event(actor, _queue(devices[pk], adms.CommandKind.USER_UPDATE, fields, purpose), devices[pk])
        queued += 1
    for pk in sorted(out_of):
        fields = {"PIN": pin_value}
        _command_event(actor, _queue(devices[pk], adms.CommandKind.USER_DELETE, fields, purpose), devices[pk])
        queued += 1
    return queued
