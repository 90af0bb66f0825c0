"""Geofences: the places a unit's staff may check in from (a point and a radius of 10 to 5,000 m).

Managed by BKPSDM (``attendance.manage``, tenant-wide) and by a unit's head over the unit's own subtree
(the holder of ``excuses.approve`` there: an OPD head or a Camat), who knows where the office and its
branches are. A geofence is deactivated, never deleted: punches accepted inside it stay explainable.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from pamong.access.roles import ATTENDANCE_MANAGE, ATTENDANCE_VIEW, EXCUSES_APPROVE
from pamong.core import audit
from pamong.core.errors import Forbidden, NotFoundError, ValidationFailed
from pamong.core.scope import scope_of
from pamong.org.models import OrgUnit

from ..models import Geofence

#: Actions that let a user manage the geofences of a unit (BKPSDM tenant-wide, heads over their unit).
GEOFENCE_MANAGERS = (ATTENDANCE_MANAGE, EXCUSES_APPROVE)
_FIELDS = ("org_unit", "name", "latitude", "longitude", "radius_m", "is_active")


def may_manage_geofences(actor: Any, *, tenant_id: int, path: str | None) -> bool:
    """Whether ``actor`` may manage the geofences at ``path`` (None: anywhere, for menus and list pages)."""
    scope = scope_of(actor)
    if path is None:
        return any(scope.grants_for(action) for action in GEOFENCE_MANAGERS)
    return any(scope.allows(action, tenant_id=tenant_id, path=path) for action in GEOFENCE_MANAGERS)


def manageable_units(actor: Any) -> Any:
    """The units whose geofences ``actor`` may manage (for the form's unit choice)."""
    scope = scope_of(actor)
    units = OrgUnit.objects.none()
    for action in GEOFENCE_MANAGERS:
        units = units | OrgUnit.objects.visible_to(actor, action)
    if scope.tenant_id is None:
        return OrgUnit.objects.none()
    return units.filter(closed_on__isnull=True).distinct().order_by("path")


def geofence_authorize(actor: Any, unit: OrgUnit) -> None:
    """Raise unless ``actor`` may manage the geofences of ``unit`` (403 if visible, else 404)."""
    if may_manage_geofences(actor, tenant_id=unit.tenant_id, path=unit.path):
        return
    scope = scope_of(actor)
    if scope.allows(ATTENDANCE_VIEW, tenant_id=unit.tenant_id, path=unit.path):
        raise Forbidden(_("Titik lokasi presensi hanya dapat diatur oleh BKPSDM atau kepala unit tersebut."))
    raise NotFoundError(_("Data tidak ditemukan."))


def _validate(name: str, latitude: Decimal, longitude: Decimal, radius_m: int) -> None:
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = [_("Nama lokasi wajib diisi, mis. Kantor Dinas Pendidikan.")]
    if not -90 <= latitude <= 90:
        errors["latitude"] = [_("Lintang harus antara -90 dan 90.")]
    if not -180 <= longitude <= 180:
        errors["longitude"] = [_("Bujur harus antara -180 dan 180.")]
    if not 10 <= radius_m <= 5000:
        errors["radius_m"] = [_("Radius harus 10 sampai 5.000 meter.")]
    if errors:
        raise ValidationFailed(_("Periksa isian titik lokasi."), field_errors=errors)


@transaction.atomic
def geofence_create(
    *, actor: Any, org_unit: OrgUnit, name: str, latitude: Decimal, longitude: Decimal, radius_m: int
) -> Geofence:
    """Add a check-in place to ``org_unit`` (its sub-units use it too)."""
    geofence_authorize(actor, org_unit)
    _validate(name, latitude, longitude, radius_m)
    fence = Geofence.objects.create(
        tenant_id=org_unit.tenant_id,
        org_unit=org_unit,
        name=name.strip(),
        latitude=latitude,
        longitude=longitude,
        radius_m=radius_m,
    )
    audit.record(
        actor=actor,
        tenant_id=fence.tenant_id,
        action="attendance.geofence.create",
        target=fence,
        org_unit_path=org_unit.path,
        after=audit.model_snapshot(fence, _FIELDS),
    )
    return fence


@transaction.atomic
def geofence_update(
    *,
    actor: Any,
    geofence: Geofence,
    org_unit: OrgUnit,
    name: str,
    latitude: Decimal,
    longitude: Decimal,
    radius_m: int,
) -> Geofence:
    """Move, rename or resize a check-in place; moving it to another unit needs the right over both."""
    fence: Geofence = Geofence.objects.select_for_update().select_related("org_unit").get(pk=geofence.pk)
    geofence_authorize(actor, fence.org_unit)
    if org_unit.pk != fence.org_unit_id:
        geofence_authorize(actor, org_unit)
    _validate(name, latitude, longitude, radius_m)
    before = audit.model_snapshot(fence, _FIELDS)
    fence.org_unit = org_unit
    fence.name = name.strip()
    fence.latitude = latitude
    fence.longitude = longitude
    fence.radius_m = radius_m
    after = audit.model_snapshot(fence, _FIELDS)
    if after == before:
        return fence
    fence.save(update_fields=["org_unit", "name", "latitude", "longitude", "radius_m", "updated_at"])
    audit.record(
        actor=actor,
        tenant_id=fence.tenant_id,
        action="attendance.geofence.update",
        target=fence,
        org_unit_path=org_unit.path,
        before=before,
        after=after,
    )
    return fence


@transaction.atomic
def geofence_set_active(*, actor: Any, geofence: Geofence, active: bool, reason: str = "") -> Geofence:
    """Deactivate (with a reason) or reactivate a check-in place; nothing is deleted."""
    fence: Geofence = Geofence.objects.select_for_update().select_related("org_unit").get(pk=geofence.pk)
    geofence_authorize(actor, fence.org_unit)
    if not active and not reason.strip():
        raise ValidationFailed(_("Tuliskan alasan penonaktifan."), field_errors={"reason": [_("Alasan wajib diisi.")]})
    if fence.is_active == active:
        return fence
    fence.is_active = active
    fence.save(update_fields=["is_active", "updated_at"])
    audit.record(
        actor=actor,
        tenant_id=fence.tenant_id,
        action="attendance.geofence.activate" if active else "attendance.geofence.deactivate",
        target=fence,
        org_unit_path=fence.org_unit.path,
        before={"is_active": not active},
        after={"is_active": active},
        reason=reason.strip(),
    )
    return fence
