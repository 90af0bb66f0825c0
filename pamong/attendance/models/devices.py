"""Attendance devices (ZKTeco ADMS), their command queue, the PIN map, refused contacts and geofences."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pamong.access.roles import ATTENDANCE_VIEW
from pamong.core.models import ScopedModel, TenantModel
from pamong.org.models import OrgUnit
from pamong.people.models import Employee

from ..choices import CommandStatus


class Device(ScopedModel):
    """A fingerprint/face device of a unit, known by its serial number (the allow-list).

    A device whose serial is not registered, or whose ``is_allowed`` is off, is refused
    (``DeviceRefusal``). ``clock_drift_seconds`` is the device clock minus the server clock at its
    last contact; beyond the tenant's tolerance the device is flagged (its punches are still kept).
    """

    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    # Unique across the deployment: the serial number is how a push finds its tenant.
    serial_number = models.CharField(_("nomor seri"), max_length=64, unique=True)
    name = models.CharField(_("nama"), max_length=120)
    location = models.CharField(_("lokasi"), max_length=200, blank=True)
    is_allowed = models.BooleanField(_("diizinkan"), default=True)
    last_seen_at = models.DateTimeField(_("terakhir terhubung"), null=True, blank=True)
    last_ip = models.GenericIPAddressField(_("IP terakhir"), null=True, blank=True)
    attlog_stamp = models.CharField(_("stempel ATTLOG"), max_length=32, blank=True, default="")
    operlog_stamp = models.CharField(_("stempel OPERLOG"), max_length=32, blank=True, default="")
    firmware = models.CharField(_("firmware"), max_length=120, blank=True)
    clock_drift_seconds = models.IntegerField(_("selisih jam (detik)"), null=True, blank=True)
    drift_flagged = models.BooleanField(_("jam menyimpang"), default=False)
    info = models.JSONField(_("info mesin"), default=dict, blank=True)

    scope_path_field = "org_unit__path"
    view_action = ATTENDANCE_VIEW

    class Meta:
        ordering = ["tenant_id", "org_unit_id", "name"]
        verbose_name = _("mesin presensi")
        verbose_name_plural = _("mesin presensi")

    def __str__(self) -> str:
        return f"{self.name} ({self.serial_number})"

    def scope_path(self) -> str:
        return self.org_unit.path


class DeviceCommand(TenantModel):
    """A command queued for a device (``DATA UPDATE USERINFO ...``), handed over at its next poll.

    ``command_id`` is the ``C:<id>:`` number the device echoes in its result (``ID=<id>&Return=<code>``).
    """

    device = models.ForeignKey(Device, on_delete=models.PROTECT, related_name="commands", verbose_name=_("mesin"))
    command_id = models.PositiveIntegerField(_("nomor perintah"))
    text = models.TextField(_("perintah"))
    purpose = models.CharField(_("keperluan"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=CommandStatus.choices, default=CommandStatus.QUEUED)
    return_code = models.IntegerField(_("kode hasil"), null=True, blank=True)
    result = models.JSONField(_("hasil"), default=dict, blank=True)
    sent_at = models.DateTimeField(_("dikirim"), null=True, blank=True)
    done_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        ordering = ["device_id", "command_id"]
        verbose_name = _("perintah mesin")
        verbose_name_plural = _("perintah mesin")
        constraints = [
            models.UniqueConstraint(fields=["device", "command_id"], name="attendance_command_device_id"),
        ]
        indexes = [
            models.Index(fields=["device", "status"], name="attendance_command_status_idx"),
        ]

    def __str__(self) -> str:
        return f"C:{self.command_id}:{self.text[:40]}"


class DevicePin(ScopedModel):
    """The user id (PIN) an employee has on the tenant's devices; a punch's PIN finds its employee here."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+", verbose_name=_("pegawai"))
    pin = models.CharField(_("PIN mesin"), max_length=24)

    scope_path_field = "employee__org_unit__path"
    scope_self_field = "employee_id"
    view_action = ATTENDANCE_VIEW

    class Meta:
        ordering = ["tenant_id", "pin"]
        verbose_name = _("PIN mesin")
        verbose_name_plural = _("PIN mesin")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "pin"], name="attendance_devicepin_tenant_pin"),
            models.UniqueConstraint(fields=["tenant", "employee"], name="attendance_devicepin_tenant_employee"),
        ]

    def __str__(self) -> str:
        return f"{self.pin} → {self.employee_id}"

    def scope_path(self) -> str:
        return self.employee.org_unit.path

    def scope_employee_id(self) -> int | None:
        return self.employee_id


class DeviceRefusal(models.Model):
    """A contact refused because its serial number is unknown or not allowed: one row per serial and path.

    Not a tenant row (an unknown serial belongs to no tenant); platform admins and the tenant's
    attendance officers (for serials that are registered but blocked) review it.
    """

    serial_number = models.CharField(max_length=64)
    path = models.CharField(max_length=64)
    reason = models.CharField(max_length=32)
    last_ip = models.GenericIPAddressField(null=True, blank=True)
    first_at = models.DateTimeField()
    last_at = models.DateTimeField()
    count = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-last_at"]
        verbose_name = _("kontak mesin ditolak")
        verbose_name_plural = _("kontak mesin ditolak")
        constraints = [
            models.UniqueConstraint(fields=["serial_number", "path", "reason"], name="attendance_refusal_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.serial_number} {self.path} ×{self.count}"


class Geofence(ScopedModel):
    """A place where a unit's staff may check in from the web/mobile page: a point and a radius in metres."""

    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    name = models.CharField(_("nama"), max_length=120)
    latitude = models.DecimalField(_("lintang"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6)
    radius_m = models.PositiveIntegerField(_("radius (meter)"), default=100)
    is_active = models.BooleanField(_("aktif"), default=True)

    scope_path_field = "org_unit__path"
    view_action = ATTENDANCE_VIEW

    class Meta:
        ordering = ["tenant_id", "org_unit_id", "name"]
        verbose_name = _("titik lokasi presensi")
        verbose_name_plural = _("titik lokasi presensi")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90) & Q(latitude__lte=90) & Q(longitude__gte=-180) & Q(longitude__lte=180),
                name="attendance_geofence_coordinates",
            ),
            models.CheckConstraint(
                condition=Q(radius_m__gte=10) & Q(radius_m__lte=5000), name="attendance_geofence_radius"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def scope_path(self) -> str:
        return self.org_unit.path


class IngestBatch(ScopedModel):
    """One arrival of punches: a device push, an uploaded file, a mobile check-in sync, a manual entry.

    Keeps the counts and every refused line (``errors``: ``[{"line": 3, "code": "...", "message_id": "...",
    "message_en": "...", "raw": "..."}]``) so the officer sees what was kept and what was not.
    """

    source = models.CharField(_("sumber"), max_length=8)
    org_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unit")
    )
    device = models.ForeignKey(
        Device, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("mesin")
    )
    file_name = models.CharField(_("nama berkas"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oleh"),
    )
    received = models.PositiveIntegerField(_("baris diterima"), default=0)
    accepted = models.PositiveIntegerField(_("presensi baru"), default=0)
    duplicates = models.PositiveIntegerField(_("duplikat"), default=0)
    unmatched = models.PositiveIntegerField(_("PIN tak dikenal"), default=0)
    rejected = models.PositiveIntegerField(_("ditolak"), default=0)
    errors = models.JSONField(_("kesalahan per baris"), default=list, blank=True)

    scope_path_field = "org_unit__path"
    view_action = ATTENDANCE_VIEW

    class Meta:
        ordering = ["tenant_id", "-created_at"]
        verbose_name = _("kiriman presensi")
        verbose_name_plural = _("kiriman presensi")
        indexes = [models.Index(fields=["tenant", "-created_at"], name="attendance_batch_recent_idx")]

    def __str__(self) -> str:
        return f"{self.source} {self.created_at:%Y-%m-%d %H:%M}: +{self.accepted}"

    def scope_path(self) -> str | None:
        return self.org_unit.path if self.org_unit is not None else None
