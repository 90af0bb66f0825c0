"""State changes of the organisation: one atomic, audited function per use case."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Length, Substr
from django.utils.translation import gettext as _

from pamong.core import audit
from pamong.core.authz import authorize, authorize_at, require_tenant
from pamong.core.errors import Conflict, NotFoundError, ValidationFailed
from pamong.core.i18n import localized

from .models import Cluster, OrgUnit, Position, path_segment
from .rules.echelons import EchelonError, PositionType, check_echelon, parse_echelon

UNIT_AUDIT_FIELDS = ("code", "name", "short_name", "kind", "parent", "cluster", "opened_on", "closed_on")
POSITION_AUDIT_FIELDS = (
    "code",
    "name",
    "position_type",
    "eselon",
    "job_class",
    "duties",
    "is_head",
    "org_unit",
    "closed_on",
)


def _check_parent(tenant_id: int, parent: OrgUnit | None) -> None:
    if parent is not None and parent.tenant_id != tenant_id:
        raise NotFoundError(_("Unit induk tidak ditemukan."))


@transaction.atomic
def unit_create(
    *,
    actor: Any,
    parent: OrgUnit | None,
    code: str,
    name: str,
    kind: str,
    short_name: str = "",
    cluster: Cluster | None = None,
    opened_on: dt.date | None = None,
    sort_order: int = 0,
) -> OrgUnit:
    """Add a unit under ``parent`` (None makes the tenant's root)."""
    tenant_id = require_tenant(actor)
    _check_parent(tenant_id, parent)
    if cluster is not None and cluster.tenant_id != tenant_id:
        raise ValidationFailed(
            _("Klaster Asisten tidak ditemukan."), field_errors={"cluster": [_("Klaster tidak ditemukan.")]}
        )
    if parent is None:
        authorize_at(actor, "org.manage", tenant_id=tenant_id, path=None)
        if OrgUnit.objects.filter(tenant_id=tenant_id, parent__isnull=True).exists():
            raise Conflict(_("Pemerintah daerah ini sudah memiliki unit akar."))
    else:
        authorize(actor, "org.manage", parent)
    if OrgUnit.objects.filter(tenant_id=tenant_id, code=code).exists():
        raise ValidationFailed(
            _("Kode unit %(code)s sudah dipakai.") % {"code": code}, field_errors={"code": [_("Kode sudah dipakai.")]}
        )
    unit = OrgUnit(
        tenant_id=tenant_id,
        parent=parent,
        code=code,
        name=name,
        short_name=short_name,
        kind=kind,
        cluster=cluster,
        opened_on=opened_on,
        sort_order=sort_order,
        path="",
        depth=(parent.depth + 1) if parent else 0,
    )
    unit.full_clean(exclude=["path", "tenant"])
    unit.save()
    unit.path = (parent.path if parent else "") + path_segment(unit.pk)
    unit.save(update_fields=["path"])
    audit.record(
        actor=actor,
        tenant_id=tenant_id,
        action="org.unit.created",
        target=unit,
        org_unit_path=unit.path,
        after=audit.model_snapshot(unit, UNIT_AUDIT_FIELDS),
    )
    return unit


@transaction.atomic
def unit_update(
    *,
    actor: Any,
    unit: OrgUnit,
    name: str | None = None,
    short_name: str | None = None,
    kind: str | None = None,
    cluster: Cluster | None = None,
    clear_cluster: bool = False,
    sort_order: int | None = None,
    reason: str = "",
) -> OrgUnit:
    """Rename or re-classify a unit; moving it is ``unit_move``."""
    authorize(actor, "org.manage", unit)
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    before = audit.model_snapshot(unit, UNIT_AUDIT_FIELDS)
    if name is not None:
        unit.name = name
    if short_name is not None:
        unit.short_name = short_name
    if kind is not None:
        unit.kind = kind
    if cluster is not None:
        if cluster.tenant_id != unit.tenant_id:
            raise ValidationFailed(_("Klaster Asisten tidak ditemukan."))
        unit.cluster = cluster
    elif clear_cluster:
        unit.cluster = None
    if sort_order is not None:
        unit.sort_order = sort_order
    unit.full_clean(exclude=["path", "tenant", "parent"])
    after = audit.model_snapshot(unit, UNIT_AUDIT_FIELDS)
    if after != before:
        unit.save()
        audit.record(
            actor=actor,
            tenant_id=unit.tenant_id,
            action="org.unit.updated",
            target=unit,
            org_unit_path=unit.path,
            before=before,
            after=after,
            reason=reason,
        )
    return unit


@transaction.atomic
def unit_move(*, actor: Any, unit: OrgUnit, new_parent: OrgUnit, reason: str = "") -> OrgUnit:
    """Move a unit and its whole subtree under ``new_parent`` with one set-based update."""
    authorize(actor, "org.manage", unit)
    authorize(actor, "org.manage", new_parent)
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    if new_parent.path.startswith(unit.path):
        raise ValidationFailed(_("Unit tidak dapat dipindahkan ke bawah dirinya sendiri."))
    old_path, old_parent_id = unit.path, unit.parent_id
    new_path = new_parent.path + path_segment(unit.pk)
    depth_shift = new_parent.depth + 1 - unit.depth
    OrgUnit.objects.filter(tenant_id=unit.tenant_id, path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", Length(Value(old_path)) + 1)),
        depth=F("depth") + depth_shift,
    )
    OrgUnit.objects.filter(pk=unit.pk).update(parent=new_parent)
    unit.refresh_from_db()
    audit.record(
        actor=actor,
        tenant_id=unit.tenant_id,
        action="org.unit.moved",
        target=unit,
        org_unit_path=unit.path,
        before={"parent": old_parent_id, "path": old_path},
        after={"parent": new_parent.pk, "path": unit.path},
        reason=reason,
    )
    return unit


@transaction.atomic
def unit_close(*, actor: Any, unit: OrgUnit, closed_on: dt.date, reason: str) -> OrgUnit:
    """Close a unit (merger, dissolution). Its history and people's past assignments stay."""
    authorize(actor, "org.manage", unit)
    if not reason.strip():
        raise ValidationFailed(_("Alasan penutupan wajib diisi."), field_errors={"reason": [_("Wajib diisi.")]})
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    if unit.closed_on is not None:
        raise Conflict(_("Unit ini sudah ditutup sejak %(date)s.") % {"date": unit.closed_on})
    if unit.opened_on and closed_on < unit.opened_on:
        raise ValidationFailed(_("Tanggal penutupan tidak boleh sebelum tanggal pembentukan."))
    open_children = OrgUnit.objects.filter(parent=unit, closed_on__isnull=True).count()
    if open_children:
        raise Conflict(
            _("Unit ini masih memiliki %(n)d sub-unit aktif; tutup atau pindahkan dahulu.") % {"n": open_children}
        )
    unit.closed_on = closed_on
    unit.save(update_fields=["closed_on", "updated_at"])
    audit.record(
        actor=actor,
        tenant_id=unit.tenant_id,
        action="org.unit.closed",
        target=unit,
        org_unit_path=unit.path,
        after={"closed_on": closed_on},
        reason=reason,
    )
    return unit


def validate_position_fields(*, position_type: str, eselon: str, job_class: int | None) -> dict[str, list[str]]:
    """Field errors for a position's type/echelon/class combination (empty when valid)."""
    errors: dict[str, list[str]] = {}
    parsed = None
    if eselon:
        try:
            parsed = parse_echelon(eselon)
        except EchelonError as exc:
            errors["eselon"] = [localized(exc)]
            return errors
    message = check_echelon(PositionType(position_type), parsed)
    if message:
        errors["eselon"] = [message]
    if job_class is not None and not 1 <= job_class <= 17:
        errors["job_class"] = [_("Kelas jabatan harus 1 sampai 17.")]
    return errors


@transaction.atomic
def position_create(
    *,
    actor: Any,
    org_unit: OrgUnit,
    code: str,
    name: str,
    position_type: str,
    eselon: str = "",
    job_class: int | None = None,
    duties: str = "",
    is_head: bool = False,
) -> Position:
    authorize(actor, "org.manage", org_unit)
    errors = validate_position_fields(position_type=position_type, eselon=eselon, job_class=job_class)
    if Position.objects.filter(tenant_id=org_unit.tenant_id, code=code).exists():
        errors.setdefault("code", []).append(_("Kode jabatan %(code)s sudah dipakai.") % {"code": code})
    if errors:
        raise ValidationFailed(_("Data jabatan tidak sah."), field_errors=errors)
    position = Position(
        tenant_id=org_unit.tenant_id,
        org_unit=org_unit,
        code=code,
        name=name,
        position_type=position_type,
        eselon=parse_echelon(eselon).value if eselon else "",
        job_class=job_class,
        duties=duties,
        is_head=is_head,
    )
    try:
        with transaction.atomic():
            position.save()
    except IntegrityError as exc:
        raise Conflict(_("Unit ini sudah memiliki jabatan kepala yang aktif.")) from exc
    audit.record(
        actor=actor,
        tenant_id=org_unit.tenant_id,
        action="org.position.created",
        target=position,
        org_unit_path=org_unit.path,
        after=audit.model_snapshot(position, POSITION_AUDIT_FIELDS),
    )
    return position


@transaction.atomic
def position_update(
    *,
    actor: Any,
    position: Position,
    name: str,
    position_type: str,
    eselon: str,
    job_class: int | None,
    duties: str,
    reason: str = "",
) -> Position:
    authorize(actor, "org.manage", position)
    position = Position.objects.select_for_update().select_related("org_unit").get(pk=position.pk)
    errors = validate_position_fields(position_type=position_type, eselon=eselon, job_class=job_class)
    if errors:
        raise ValidationFailed(_("Data jabatan tidak sah."), field_errors=errors)
    before = audit.model_snapshot(position, POSITION_AUDIT_FIELDS)
    position.name = name
    position.position_type = position_type
    position.eselon = parse_echelon(eselon).value if eselon else ""
    position.job_class = job_class
    position.duties = duties
    after = audit.model_snapshot(position, POSITION_AUDIT_FIELDS)
    if after != before:
        position.save()
        audit.record(
            actor=actor,
            tenant_id=position.tenant_id,
            action="org.position.updated",
            target=position,
            org_unit_path=position.org_unit.path,
            before=before,
            after=after,
            reason=reason,
        )
    return position


CLUSTER_AUDIT_FIELDS = ("code", "name", "sort_order")


def authorize_cluster_manager(actor: Any) -> int:
    """The actor's tenant id if they manage the organisation tenant-wide (clusters span OPDs)."""
    tenant_id = require_tenant(actor)
    authorize_at(actor, "org.manage", tenant_id=tenant_id, path=None, visible_action="org.view")
    return tenant_id


@transaction.atomic
def cluster_create(*, actor: Any, code: str, name: str, sort_order: int = 0) -> Cluster:
    """Register an Asisten's coordination cluster (the Perbup on SOTK names them)."""
    tenant_id = authorize_cluster_manager(actor)
    code, name = code.strip().upper(), name.strip()
    errors: dict[str, list[str]] = {}
    if not code:
        errors["code"] = [_("Wajib diisi.")]
    elif Cluster.objects.filter(tenant_id=tenant_id, code=code).exists():
        errors["code"] = [_("Kode klaster %(code)s sudah dipakai.") % {"code": code}]
    if not name:
        errors["name"] = [_("Wajib diisi.")]
    if errors:
        raise ValidationFailed(_("Data klaster tidak sah."), field_errors=errors)
    cluster = Cluster.objects.create(tenant_id=tenant_id, code=code, name=name, sort_order=sort_order)
    audit.record(
        actor=actor,
        tenant_id=tenant_id,
        action="org.cluster.created",
        target=cluster,
        after=audit.model_snapshot(cluster, CLUSTER_AUDIT_FIELDS),
    )
    return cluster


@transaction.atomic
def cluster_update(*, actor: Any, cluster: Cluster, name: str, sort_order: int, reason: str = "") -> Cluster:
    """Rename or reorder a cluster; which OPDs it coordinates is set on each unit (``unit_update``)."""
    tenant_id = require_tenant(actor)
    if cluster.tenant_id != tenant_id:
        raise NotFoundError(_("Data tidak ditemukan."))
    authorize_cluster_manager(actor)
    if not name.strip():
        raise ValidationFailed(_("Data klaster tidak sah."), field_errors={"name": [_("Wajib diisi.")]})
    cluster = Cluster.objects.select_for_update().get(pk=cluster.pk)
    before = audit.model_snapshot(cluster, CLUSTER_AUDIT_FIELDS)
    cluster.name, cluster.sort_order = name.strip(), sort_order
    after = audit.model_snapshot(cluster, CLUSTER_AUDIT_FIELDS)
    if after != before:
        cluster.save()
        audit.record(
            actor=actor,
            tenant_id=tenant_id,
            action="org.cluster.updated",
            target=cluster,
            before=before,
            after=after,
            reason=reason,
        )
    return cluster
