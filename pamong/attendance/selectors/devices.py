"""Reads of the device registry, the PIN map and the refusal log, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from pamong.access.roles import ATTENDANCE_MANAGE, ATTENDANCE_VIEW
from pamong.core.errors import Forbidden
from pamong.core.scope import scope_of

from ..choices import CommandStatus
from ..models import Device, DeviceCommand, DevicePin, DeviceRefusal, IngestBatch

RECENT_BATCHES = 20
RECENT_COMMANDS = 50
PENDING = (CommandStatus.QUEUED, CommandStatus.SENT)


def sees_devices(actor: Any) -> bool:
    """Whether ``actor`` holds ``attendance.view`` over some unit (their own days alone do not show devices)."""
    return bool(scope_of(actor).grants_for(ATTENDANCE_VIEW))


def manages_devices(actor: Any) -> bool:
    return bool(scope_of(actor).grants_for(ATTENDANCE_MANAGE))


def device_list(*, actor: Any, org_unit_id: int | None = None, q: str = "") -> QuerySet[Device]:
    """The devices of the units in sight, each with its count of pending (queued or sent) commands."""
    rows = (
        Device.objects.visible_to(actor, ATTENDANCE_VIEW)
        .select_related("org_unit")
        .annotate(pending=Count("commands", filter=Q(commands__status__in=PENDING)))
        .order_by("org_unit__path", "name", "pk")
    )
    if org_unit_id:
        rows = rows.filter(org_unit_id=org_unit_id)
    if q.strip():
        rows = rows.filter(Q(name__icontains=q.strip()) | Q(serial_number__icontains=q.strip()))
    return rows  # type: ignore[no-any-return]


def device_visible(*, actor: Any) -> QuerySet[Device]:
    return Device.objects.visible_to(actor, ATTENDANCE_VIEW).select_related("org_unit", "tenant")


@dataclass(frozen=True)
class DevicePage:
    device: Device
    batches: list[IngestBatch]
    commands: list[DeviceCommand]
    pending: int


def device_page(*, device: Device) -> DevicePage:
    """One device (already loaded within sight) with its recent batches and commands: two queries."""
    batches = list(IngestBatch.objects.filter(device=device).order_by("-created_at", "-pk")[:RECENT_BATCHES])
    commands = list(DeviceCommand.objects.filter(device=device).order_by("-command_id")[:RECENT_COMMANDS])
    return DevicePage(
        device=device,
        batches=batches,
        commands=commands,
        pending=sum(1 for c in commands if c.status in PENDING),
    )


def commands_of(*, device: Device, status: str = "") -> QuerySet[DeviceCommand]:
    rows = DeviceCommand.objects.filter(device=device).order_by("-command_id")
    return rows.filter(status=status) if status else rows


def command_visible(*, actor: Any) -> QuerySet[DeviceCommand]:
    return DeviceCommand.objects.filter(device__in=Device.objects.visible_to(actor, ATTENDANCE_VIEW)).select_related(
        "device__org_unit"
    )


def refusal_list(*, actor: Any) -> QuerySet[DeviceRefusal]:
    """Refused contacts: all for a platform admin; for a tenant's device managers the serials registered in their
    tenant (blocked) and those registered nowhere (unknown: perhaps their new device, not yet registered)."""
    if getattr(actor, "is_superuser", False):
        return DeviceRefusal.objects.all()
    scope = scope_of(actor)
    if scope.tenant_id is None or not manages_devices(actor):
        raise Forbidden("")
    others = Device.objects.exclude(tenant_id=scope.tenant_id).values("serial_number")
    return DeviceRefusal.objects.exclude(serial_number__in=others)


def pin_list(*, actor: Any, org_unit_id: int | None = None, q: str = "") -> QuerySet[DevicePin]:
    """The PIN map as far as ``actor`` sees staff attendance (an employee sees their own PIN)."""
    rows = (
        DevicePin.objects.visible_to(actor, ATTENDANCE_VIEW)
        .select_related("employee__org_unit")
        .order_by("employee__org_unit__path", "employee__name", "pk")
    )
    if org_unit_id:
        rows = rows.filter(employee__org_unit_id=org_unit_id)
    if q.strip():
        text = q.strip()
        rows = rows.filter(Q(pin__icontains=text) | Q(employee__name__icontains=text) | Q(employee__nip=text))
    return rows
