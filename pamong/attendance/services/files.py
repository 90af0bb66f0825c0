"""Punch files and manual punches: ``punch_file_import`` (upload or dry run) and ``punch_manual_add``.

A file is read and validated as a whole first (``pamong.attendance.punch_files``): a file that is not a
punch file of one of the accepted formats imports nothing. Its good lines then go to the database in ONE
``punches_ingest`` call, in one transaction, with the unreadable lines as ``prior_errors``: good lines are
kept, bad lines reported, and the batch is all or nothing (ADR 0031). A dry run ("periksa dulu") runs the
very same ingest inside a savepoint that is rolled back, so the report (new, duplicates, unmatched PINs,
closed months) is exactly what the import would do, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.access.roles import ATTENDANCE_IMPORT, ATTENDANCE_MANAGE, ATTENDANCE_VIEW
from pamong.core.authz import authorize, authorize_at, require_tenant
from pamong.core.errors import Conflict, NotFoundError, ValidationFailed
from pamong.org.models import OrgUnit
from pamong.people.models import Employee

from ..choices import PunchSource
from ..models import Device
from ..punch_files import ParsedFile, PunchFileFormat, parse
from .punches import IngestResult, PunchIn, _resolve_pins, line_error, punches_ingest

#: Shortest reason accepted for a manual punch (a word or two is not a reason).
MIN_REASON = 10


@dataclass(frozen=True)
class FileReport:
    """What an upload did (or, for a dry run, would do): the counts and every refused or noted line."""

    file_name: str
    format: str
    dry_run: bool
    org_unit_id: int
    device_id: int | None
    received: int
    accepted: int
    duplicates: int
    unmatched: int
    rejected: int
    errors: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    batch_id: int | None = None


class _DryRun(Exception):
    def __init__(self, result: IngestResult) -> None:
        super().__init__("dry run")
        self.result = result


def _place(actor: Any, tenant_id: int, org_unit_id: int | None, device_id: int | None) -> tuple[OrgUnit, Device | None]:
    """The unit and device the file belongs to, each authorised for ``attendance.import`` (404/403)."""
    device = None
    if device_id is not None:
        device = Device.objects.select_related("org_unit").filter(tenant_id=tenant_id, pk=device_id).first()
        if device is None:
            raise NotFoundError(_("Mesin presensi tidak ditemukan."))
        authorize(actor, ATTENDANCE_IMPORT, device, denied=_("Anda tidak berwenang mengunggah berkas mesin ini."))
    unit = None
    if org_unit_id is not None:
        unit = OrgUnit.objects.filter(tenant_id=tenant_id, pk=org_unit_id).first()
        if unit is None:
            raise NotFoundError(_("Unit tidak ditemukan."))
    elif device is not None:
        unit = device.org_unit
    if unit is None:
        message = _("Pilih unit pemilik data presensi ini, atau mesin asal berkasnya.")
        raise ValidationFailed(message, field_errors={"org_unit": [message]})
    authorize_at(
        actor,
        ATTENDANCE_IMPORT,
        tenant_id=tenant_id,
        path=unit.path,
        visible_action=ATTENDANCE_VIEW,
        denied=_("Anda tidak berwenang mengunggah presensi untuk unit ini."),
    )
    if device is not None and not device.org_unit.path.startswith(unit.path):
        message = _("Mesin %(device)s bukan milik unit %(unit)s atau unit di bawahnya.") % {
            "device": device,
            "unit": unit.name,
        }
        raise ValidationFailed(message, field_errors={"device": [message]})
    return unit, device


def _outside_unit(tenant_id: int, unit: OrgUnit, punches: list[PunchIn]) -> tuple[list[PunchIn], list[dict[str, Any]]]:
    """Split off rows of employees placed outside ``unit`` (two to three queries, whatever the row count).

    A CSV or Excel sheet names people, not a device: an operator may load only the staff of the unit the
    upload is for. Unknown NIPs/PINs are left to ``punches_ingest`` (kept unmatched, reported).
    """
    owners = _resolve_pins(tenant_id, {p.pin for p in punches})
    paths = dict(
        Employee.objects.filter(tenant_id=tenant_id, pk__in=set(owners.values())).values_list("pk", "org_unit__path")
    )
    kept: list[PunchIn] = []
    errors: list[dict[str, Any]] = []
    for punch in punches:
        employee_id = owners.get(punch.pin)
        path = paths.get(employee_id) if employee_id is not None else None
        if path is not None and not path.startswith(unit.path):
            errors.append(
                line_error(
                    punch.line,
                    "outside_unit",
                    _("Pegawai %(ident)s tidak berada di %(unit)s; unggah presensinya lewat unitnya sendiri.")
                    % {"ident": punch.pin, "unit": unit.name},
                    f"Employee {punch.pin} is not in {unit.name}; upload their punches through their own unit.",
                    punch.raw,
                )
            )
        else:
            kept.append(punch)
    return kept, errors


@transaction.atomic
def punch_file_import(
    *,
    actor: Any,
    content: bytes,
    file_name: str,
    org_unit_id: int | None = None,
    device_id: int | None = None,
    dry_run: bool = False,
    now: dt.datetime | None = None,
) -> FileReport:
    """Import (or with ``dry_run`` only check) a punch file for a unit, optionally from one device.

    Authorise (``attendance.import`` over the unit and the device), read the whole file (a wrong or
    unreadable file raises ``ValidationFailed`` and nothing is written), then one ``punches_ingest``
    (batch, audit event, dirty days) with the unreadable lines as ``prior_errors``.
    """
    tenant_id = require_tenant(actor)
    unit, device = _place(actor, tenant_id, org_unit_id, device_id)
    parsed: ParsedFile = parse(content, serial=device.serial_number if device is not None else None)
    punches, errors = parsed.punches, parsed.errors
    if parsed.format is not PunchFileFormat.DAT:
        punches, outside = _outside_unit(tenant_id, unit, punches)
        errors = sorted([*errors, *outside], key=lambda e: e["line"] or 0)
    try:
        with transaction.atomic():
            result = punches_ingest(
                actor=actor,
                tenant_id=tenant_id,
                source=PunchSource.FILE,
                punches=punches,
                device=device,
                org_unit=unit,
                file_name=file_name,
                prior_errors=errors,
                now=now,
            )
            if dry_run:
                raise _DryRun(result)
    except _DryRun as signal:
        result = signal.result
        result.batch_id = None
    return FileReport(
        file_name=file_name,
        format=parsed.format.value,
        dry_run=dry_run,
        org_unit_id=unit.pk,
        device_id=device.pk if device is not None else None,
        received=result.received,
        accepted=result.accepted,
        duplicates=result.duplicates,
        unmatched=result.unmatched,
        rejected=result.rejected,
        errors=sorted(result.errors, key=lambda e: e["line"] or 0),
        notes=parsed.notes,
        batch_id=result.batch_id,
    )


@transaction.atomic
def punch_manual_add(
    *,
    actor: Any,
    nip: str,
    punched_at: dt.datetime,
    status: int,
    reason: str,
    now: dt.datetime | None = None,
) -> IngestResult:
    """One punch for the employee with ``nip``, entered by an attendance officer (``attendance.manage``), with a reason.

    ``punched_at`` is the tenant-local wall time. Natural key ``manual|<employee id>|<local datetime>``: the
    same entry twice is refused as a conflict. The punch keeps the reason in ``raw``; ``punches_ingest``
    records the batch and the audit event (``attendance.punches.manual``).
    """
    tenant_id = require_tenant(actor)
    employee = (
        Employee.objects.select_related("org_unit", "tenant").filter(tenant_id=tenant_id, nip=nip.strip()).first()
    )
    # A NIP out of sight reads exactly like an unknown one (404); the form shows it on the NIP field.
    unknown = _("Tidak ada pegawai dengan NIP %(nip)s.") % {"nip": nip.strip()[:24]}
    if employee is None:
        raise NotFoundError(unknown, field_errors={"nip": [unknown]})
    try:
        authorize(
            actor,
            ATTENDANCE_MANAGE,
            employee,
            visible_action=ATTENDANCE_VIEW,
            denied=_("Hanya admin presensi BKPSDM yang dapat menambah presensi manual."),
        )
    except NotFoundError as exc:
        raise NotFoundError(unknown, field_errors={"nip": [unknown]}) from exc
    reason = " ".join(reason.split())
    if len(reason) < MIN_REASON:
        message = _("Tuliskan alasan presensi manual (paling sedikit %(n)d huruf), mis. mesin rusak pada hari itu.") % {
            "n": MIN_REASON
        }
        raise ValidationFailed(message, field_errors={"reason": [message]})
    if timezone.is_aware(punched_at):
        punched_at = timezone.localtime(punched_at, employee.tenant.zone)
    local = punched_at.replace(tzinfo=None, microsecond=0)
    punch = PunchIn(
        punched_at=local,
        natural_key=f"manual|{employee.pk}|{local.isoformat(sep=' ')}",
        employee_id=employee.pk,
        status=status,
        raw=reason[:255],
        line=1,
    )
    result = punches_ingest(
        actor=actor,
        tenant_id=tenant_id,
        source=PunchSource.MANUAL,
        punches=[punch],
        org_unit=employee.org_unit,
        now=now,
    )
    if result.errors:
        message = result.errors[0]["message_id"]
        raise ValidationFailed(message, field_errors={"punched_at": [message]})
    if result.duplicates:
        raise Conflict(_("Presensi manual pegawai ini pada waktu yang sama sudah ada."))
    return result
