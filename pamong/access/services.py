"""State changes of access: accounts, role assignments, second factor, API tokens, tenant bootstrap."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from pamong.core import audit
from pamong.core.authz import authorize, authorize_at, require_tenant
from pamong.core.errors import Forbidden, NotFoundError, ValidationFailed
from pamong.core.models import Tenant
from pamong.core.scope import SystemActor, forget_scope, scope_of
from pamong.org.models import Cluster, OrgUnit
from pamong.people.models import Employee

from .models import RoleAssignment, User
from .roles import Role
from .second_factor import requires_second_factor


def _authorize_cluster_role(actor: Any, tenant_id: int) -> None:
    """A cluster role follows every unit later put in the cluster, so only a tenant-wide access manager
    (``access.manage`` over the root unit) may give or end one."""
    root = OrgUnit.objects.filter(tenant_id=tenant_id, parent__isnull=True).first()
    if root is None:
        raise NotFoundError(_("Data tidak ditemukan."))
    authorize(actor, "access.manage", root)


@transaction.atomic
def role_assign(
    *,
    actor: Any,
    user: User,
    role: str,
    org_unit: OrgUnit | None = None,
    cluster: Cluster | None = None,
    include_descendants: bool = True,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    note: str = "",
) -> RoleAssignment:
    """Give ``user`` a role over a unit (with or without its subtree) or an Asisten cluster."""
    tenant_id = require_tenant(actor)
    if user.tenant_id != tenant_id:
        raise ValidationFailed(_("Pengguna tidak ditemukan."), field_errors={"user": [_("Pengguna tidak ditemukan.")]})
    if role == Role.PLATFORM_ADMIN:
        raise ValidationFailed(_("Peran admin platform hanya diberikan oleh operator platform."))
    if (org_unit is None) == (cluster is None):
        both = org_unit is not None
        raise ValidationFailed(
            _("Pilih tepat satu: unit atau klaster Asisten."),
            field_errors={
                "org_unit": [_("Pilih unit atau klaster, tidak keduanya.") if both else _("Pilih unit atau klaster.")]
            },
        )
    if org_unit is not None:
        authorize(actor, "access.manage", org_unit)
    if cluster is not None:
        if cluster.tenant_id != tenant_id:
            raise ValidationFailed(
                _("Klaster tidak ditemukan."), field_errors={"cluster": [_("Klaster tidak ditemukan.")]}
            )
        _authorize_cluster_role(actor, tenant_id)
    if valid_from and valid_to and valid_to < valid_from:
        raise ValidationFailed(
            _("Tanggal akhir berlaku tidak boleh sebelum tanggal mulai."),
            field_errors={"valid_to": [_("Tidak boleh sebelum tanggal mulai.")]},
        )
    assignment = RoleAssignment.objects.create(
        tenant_id=tenant_id,
        user=user,
        role=role,
        org_unit=org_unit,
        cluster=cluster,
        include_descendants=include_descendants,
        valid_from=valid_from,
        valid_to=valid_to,
        note=note,
    )
    forget_scope(user)
    audit.record(
        actor=actor,
        tenant_id=tenant_id,
        action="access.role.assigned",
        target=assignment,
        org_unit_path=org_unit.path if org_unit else "",
        after=audit.model_snapshot(
            assignment, ("user", "role", "org_unit", "cluster", "include_descendants", "valid_from", "valid_to")
        ),
    )
    return assignment


@transaction.atomic
def role_end(*, actor: Any, assignment: RoleAssignment, valid_to: dt.date, reason: str) -> RoleAssignment:
    """End a role assignment on ``valid_to`` (it is kept for history, never deleted)."""
    if assignment.org_unit_id:
        authorize(actor, "access.manage", assignment)
    else:
        _authorize_cluster_role(actor, assignment.tenant_id)
    if not reason.strip():
        raise ValidationFailed(_("Alasan wajib diisi."), field_errors={"reason": [_("Wajib diisi.")]})
    if assignment.valid_from and valid_to < assignment.valid_from:
        raise ValidationFailed(
            _("Tanggal akhir berlaku tidak boleh sebelum tanggal mulai."),
            field_errors={"valid_to": [_("Tidak boleh sebelum tanggal mulai.")]},
        )
    before = {"valid_to": assignment.valid_to}
    assignment.valid_to = valid_to
    assignment.full_clean(exclude=["tenant"])
    assignment.save(update_fields=["valid_to", "updated_at"])
    audit.record(
        actor=actor,
        tenant_id=assignment.tenant_id,
        action="access.role.ended",
        target=assignment,
        before=before,
        after={"valid_to": valid_to},
        reason=reason,
    )
    return assignment


def totp_device_for_setup(user: User) -> TOTPDevice:
    """The user's unconfirmed enrolment device, created on first use (no audit: not yet in force)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Pamong", confirmed=False)
    return device


@transaction.atomic
def totp_confirm(*, request: Any, user: User, token: str) -> TOTPDevice:
    """Confirm the enrolment device with a first valid code and mark the session verified."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token.strip()):
        raise ValidationFailed(
            _("Kode tidak cocok. Periksa jam ponsel Anda dan coba lagi."),
            field_errors={"token": [_("Kode tidak cocok.")]},
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    if user.tenant_id is not None:  # platform admins have no tenant chain to write to
        audit.record(actor=user, tenant_id=user.tenant_id, action="access.totp.enrolled", target=user)
    return device


def totp_verify(*, request: Any, user: User, token: str) -> None:
    """Check a login code against the user's confirmed device (django-otp throttles failures)."""
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        if device.verify_token(token.strip()):
            otp_login(request, device)
            return
    raise ValidationFailed(_("Kode tidak cocok."), field_errors={"token": [_("Kode tidak cocok.")]})


def api_token_issue(*, actor: User, otp: str = "") -> Token:
    """The API token of ``actor``, who has just proven their password (created on first use).

    Users whose roles require a second factor must also send a current TOTP code.
    The code is checked before the write transaction on purpose: django-otp counts
    a wrong code on the device (throttling), and that count must survive the refusal.
    """
    tenant_id = scope_of(actor).tenant_id
    if tenant_id is None:
        raise Forbidden(_("Akun ini tidak dapat memakai API."), code="api_not_allowed")
    if requires_second_factor(actor):
        devices = list(TOTPDevice.objects.filter(user=actor, confirmed=True))
        if not devices:
            raise ValidationFailed(
                _("Aktifkan verifikasi dua langkah lewat halaman masuk web terlebih dahulu."),
                code="otp_not_enrolled",
                field_errors={"otp": [_("Belum ada perangkat autentikator yang terdaftar.")]},
            )
        if not otp.strip():
            raise ValidationFailed(
                _("Peran Anda mewajibkan kode verifikasi dua langkah."),
                code="otp_required",
                field_errors={"otp": [_("Kode 6 digit dari aplikasi autentikator wajib diisi.")]},
            )
        if not any(device.verify_token(otp.strip()) for device in devices):
            raise ValidationFailed(
                _("Kode tidak cocok."), code="otp_invalid", field_errors={"otp": [_("Kode tidak cocok.")]}
            )
    with transaction.atomic():
        token, created = Token.objects.get_or_create(user=actor)
        if created:
            audit.record(actor=actor, tenant_id=tenant_id, action="access.token.issued", target=actor)
    return token


@transaction.atomic
def api_token_revoke(*, actor: User) -> bool:
    """Delete ``actor``'s API token; whether there was one."""
    deleted, _counts = Token.objects.filter(user=actor).delete()
    tenant_id = scope_of(actor).tenant_id
    if deleted and tenant_id is not None:
        audit.record(actor=actor, tenant_id=tenant_id, action="access.token.revoked", target=actor)
    return bool(deleted)


def _validated_password(password: str, user: User) -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationFailed(
            _("Kata sandi belum memenuhi syarat."), field_errors={"password": list(exc.messages)}
        ) from exc


@transaction.atomic
def user_create(
    *, actor: Any, username: str, password: str, employee: Employee | None = None, full_name: str = ""
) -> User:
    """Create a login for someone of the actor's tenant, usually for an employee record.

    ``full_name`` names logins without an employee record (a Bupati is not an ASN).
    """
    tenant_id = require_tenant(actor)
    if employee is not None:
        authorize(actor, "access.manage", employee.org_unit)
        if employee.tenant_id != tenant_id:
            raise NotFoundError(_("Pegawai tidak ditemukan."))
        if User.objects.filter(employee=employee).exists():
            raise ValidationFailed(
                _("Pegawai ini sudah memiliki akun."),
                field_errors={"employee": [_("Pegawai ini sudah memiliki akun.")]},
            )
    else:
        authorize_at(actor, "access.manage", tenant_id=tenant_id, path=None)
    username = username.strip().lower()
    if not username:
        raise ValidationFailed(_("Nama pengguna wajib diisi."), field_errors={"username": [_("Wajib diisi.")]})
    if User.objects.filter(username=username).exists():
        raise ValidationFailed(
            _("Nama pengguna %(u)s sudah dipakai.") % {"u": username},
            field_errors={"username": [_("Nama pengguna sudah dipakai.")]},
        )
    user = User(username=username, tenant_id=tenant_id, employee=employee, first_name=full_name.strip()[:150])
    _validated_password(password, user)
    user.set_password(password)
    user.save()
    audit.record(
        actor=actor,
        tenant_id=tenant_id,
        action="access.user.created",
        target=user,
        org_unit_path=employee.org_unit.path if employee else "",
        after={"username": username, "employee": employee.pk if employee else None},
    )
    return user


@transaction.atomic
def totp_reset(*, actor: Any, user: User, reason: str) -> int:
    """Remove a user's TOTP devices (a lost phone); the next login enrols a new one."""
    tenant_id = require_tenant(actor)
    if user.tenant_id != tenant_id:
        raise NotFoundError(_("Pengguna tidak ditemukan."))
    authorize_at(actor, "access.manage", tenant_id=tenant_id, path=None)
    if not reason.strip():
        raise ValidationFailed(_("Alasan wajib diisi."), field_errors={"reason": [_("Wajib diisi.")]})
    removed, _detail = TOTPDevice.objects.filter(user=user).delete()
    audit.record(actor=actor, tenant_id=tenant_id, action="access.totp.reset", target=user, reason=reason)
    return removed


@transaction.atomic
def tenant_bootstrap(
    *,
    name: str,
    region_code: str,
    time_zone: str,
    root_name: str,
    admin_username: str,
    admin_password: str,
    operator: str,
) -> tuple[Tenant, User]:
    """A new regional government with its root unit and first BKPSDM admin (platform operators only).

    Run from the command line by the operator of the deployment; its events open the
    new tenant's audit chain, recorded as ``system:<operator>``.
    """
    from django.core.exceptions import ValidationError

    from pamong.org.choices import OrgUnitKind
    from pamong.org.services import unit_create

    tenant = Tenant(name=name, region_code=region_code, time_zone=time_zone)
    try:
        tenant.full_clean()
    except ValidationError as exc:
        raise ValidationFailed(_("Data pemerintah daerah tidak sah."), field_errors=exc.message_dict) from exc
    tenant.save()
    system = SystemActor(tenant_id=tenant.pk, label=operator)
    audit.record(actor=system, tenant_id=tenant.pk, action="core.tenant.created", target=tenant, after={"name": name})
    root = unit_create(actor=system, parent=None, code="ROOT", name=root_name, kind=OrgUnitKind.REGION)
    admin = user_create(actor=system, username=admin_username, password=admin_password)
    role_assign(actor=system, user=admin, role=Role.HR_ADMIN, org_unit=root, note=_("Admin pertama"))
    return tenant, admin
