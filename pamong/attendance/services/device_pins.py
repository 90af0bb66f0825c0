"""The PIN map: which employee a device user id (PIN) is. One PIN per employee, one employee per PIN, per tenant.

Setting a PIN attaches the punches already kept for it without an employee (``punches_attach_pin``), so a
device enrolled before the map was filled loses nothing. ``pins_default_nip`` fills the map for a unit with
"PIN = NIP" for everyone who has none yet; a NIP already used as someone else's PIN is skipped and reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from pamong.access.roles import ATTENDANCE_MANAGE
from pamong.core import audit
from pamong.core.authz import authorize
from pamong.core.errors import Conflict, ValidationFailed
from pamong.org.models import OrgUnit
from pamong.people.models import Employee

from ..models import DevicePin, Punch
from ..rules.adms.attlog import PIN_RE
from .punches import punches_attach_pin


def _clean_pin(pin: str) -> str:
    value = (pin or "").strip()
    if not PIN_RE.match(value):
        message = _("PIN berisi 1-24 huruf atau angka (tanpa spasi), sama dengan ID pengguna di mesin.")
        raise ValidationFailed(message, field_errors={"pin": [message]})
    return value


@transaction.atomic
def pin_set(*, actor: Any, employee: Employee, pin: str, reason: str = "") -> DevicePin:
    """Give ``employee`` the device PIN ``pin`` (or change it); a PIN held by someone else is refused."""
    authorize(actor, ATTENDANCE_MANAGE, employee, visible_action="attendance.view")
    value = _clean_pin(pin)
    holder = (
        DevicePin.objects.filter(tenant_id=employee.tenant_id, pin=value)
        .exclude(employee=employee)
        .select_related("employee")
        .first()
    )
    if holder is not None:
        message = _("PIN %(pin)s sudah dipakai %(name)s (NIP %(nip)s). Pilih PIN lain atau ubah PIN pegawai itu.") % {
            "pin": value,
            "name": holder.employee.name,
            "nip": holder.employee.nip,
        }
        raise Conflict(message, code="pin_taken", field_errors={"pin": [message]})
    current: DevicePin | None = (
        DevicePin.objects.select_for_update().filter(tenant_id=employee.tenant_id, employee=employee).first()
    )
    before = {"pin": current.pin} if current is not None else None
    if current is not None and current.pin == value:
        return current
    if current is None:
        current = DevicePin.objects.create(tenant_id=employee.tenant_id, employee=employee, pin=value)
    else:
        current.pin = value
        current.save(update_fields=["pin", "updated_at"])
    attached = punches_attach_pin(tenant_id=employee.tenant_id, pin=value, employee_id=employee.pk)
    audit.record(
        actor=actor,
        tenant_id=employee.tenant_id,
        action="attendance.device_pin.set",
        target=current,
        org_unit_path=employee.org_unit.path,
        before=before,
        after={"employee": employee.pk, "pin": value, "attached_punches": attached},
        reason=reason,
    )
    return current


@dataclass
class DefaultPins:
    """What ``pins_default_nip`` did: PINs created, NIPs skipped because another employee holds them as PIN."""

    created: int = 0
    attached: int = 0
    skipped: list[str] = field(default_factory=list)


@transaction.atomic
def pins_default_nip(*, actor: Any, org_unit: OrgUnit) -> DefaultPins:
    """PIN = NIP for every active employee of ``org_unit`` (and below) without a PIN; set-based."""
    authorize(actor, ATTENDANCE_MANAGE, org_unit, visible_action="attendance.view")
    tenant_id = org_unit.tenant_id
    have = DevicePin.objects.filter(tenant_id=tenant_id)
    candidates = list(
        Employee.objects.filter(tenant_id=tenant_id, is_active=True, org_unit__path__startswith=org_unit.path)
        .exclude(pk__in=have.values("employee_id"))
        .values_list("pk", "nip")
    )
    taken = set(have.filter(pin__in=[nip for _pk, nip in candidates]).values_list("pin", flat=True))
    outcome = DefaultPins(skipped=sorted(nip for _pk, nip in candidates if nip in taken))
    rows = [DevicePin(tenant_id=tenant_id, employee_id=pk, pin=nip) for pk, nip in candidates if nip not in taken]
    DevicePin.objects.bulk_create(rows)
    outcome.created = len(rows)
    # Only PINs with kept unmatched punches need attaching (an 18-digit PIN equal to a NIP is usually matched
    # at ingest already): one query finds them.
    pins = {row.pin: row.employee_id for row in rows}
    waiting = set(
        Punch.objects.filter(tenant_id=tenant_id, employee__isnull=True, pin__in=list(pins))
        .values_list("pin", flat=True)
        .distinct()
    )
    for pin in sorted(waiting):
        outcome.attached += punches_attach_pin(tenant_id=tenant_id, pin=pin, employee_id=pins[pin])
    if outcome.created or outcome.skipped:
        audit.record(
            actor=actor,
            tenant_id=tenant_id,
            action="attendance.device_pin.default_nip",
            target=org_unit,
            org_unit_path=org_unit.path,
            after={"created": outcome.created, "attached_punches": outcome.attached, "skipped": outcome.skipped},
        )
    return outcome
