"""Framework models: the tenant, abstract bases for domain rows, the audit trail."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .querysets import ScopedQuerySet, TenantQuerySet


class TimeZoneChoice(models.TextChoices):
    """The three Indonesian time zones; a tenant's zone decides its local day and lateness."""

    WIB = "Asia/Jakarta", _("WIB (Asia/Jakarta, UTC+7)")
    WITA = "Asia/Makassar", _("WITA (Asia/Makassar, UTC+8)")
    WIT = "Asia/Jayapura", _("WIT (Asia/Jayapura, UTC+9)")


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui pada"), auto_now=True)

    class Meta:
        abstract = True


class Tenant(TimeStampedModel):
    """One regional government (kabupaten or kota): the outermost boundary of all data."""

    name = models.CharField(_("nama"), max_length=200)
    region_code = models.CharField(
        _("kode wilayah"),
        max_length=13,
        unique=True,
        validators=[RegexValidator(r"^\d{2}(\.\d{2})?$", _("Kode wilayah berbentuk 2 digit atau NN.NN, mis. 73.10."))],
        help_text=_("Kode wilayah Kemendagri, mis. 73.10"),
    )
    time_zone = models.CharField(_("zona waktu"), max_length=32, choices=TimeZoneChoice.choices)
    settings = models.JSONField(
        _("pengaturan"),
        default=dict,
        blank=True,
        help_text=_("Konfigurasi pemerintah daerah yang menggantikan nilai bawaan aturan yang belum pasti."),
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("pemerintah daerah")
        verbose_name_plural = _("pemerintah daerah")

    def __str__(self) -> str:
        return self.name

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def localtime(self, value: dt.datetime | None = None) -> dt.datetime:
        return timezone.localtime(value or timezone.now(), self.zone)

    def today(self) -> dt.date:
        """The calendar date in the tenant's own time zone (07:30 WITA is not 07:30 WIB)."""
        return self.localtime().date()


class TenantModel(TimeStampedModel):
    """A row that belongs to exactly one tenant; the tenant is set by services, never by input."""

    tenant = models.ForeignKey(Tenant, on_delete=models.PROTECT, related_name="+", verbose_name=_("pemerintah daerah"))

    objects: ClassVar[Any] = TenantQuerySet.as_manager()

    class Meta:
        abstract = True


class ScopedModel(TenantModel):
    """A tenant row placed in the org-unit tree, filtered by ``visible_to``.

    Subclasses set ``scope_path_field`` (the lookup to the unit's materialised path),
    optionally ``scope_self_field`` (lookup to the owning employee id) and
    ``view_action`` (the action that lets a user see it at all), and implement
    ``scope_path()`` for the service-side check.
    """

    scope_path_field: ClassVar[str | None] = None
    scope_self_field: ClassVar[str | None] = None
    view_action: ClassVar[str] = ""

    objects: ClassVar[Any] = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True

    def scope_path(self) -> str | None:
        raise NotImplementedError

    def scope_employee_id(self) -> int | None:
        return None


class AuditChain(models.Model):
    """The head of a tenant's audit hash chain: the last sequence number and hash.

    Locked with SELECT ... FOR UPDATE while an event is appended, so events of one
    tenant are numbered without gaps; comparing it with the last stored event
    detects removal of the newest events.
    """

    tenant = models.OneToOneField(Tenant, on_delete=models.PROTECT, related_name="audit_chain")
    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="")

    class Meta:
        verbose_name = _("kepala rantai audit")

    def __str__(self) -> str:
        return f"audit chain {self.tenant_id}: {self.last_seq}"


class AuditEventQuerySet(ScopedQuerySet):
    def update(self, **kwargs: Any) -> int:
        raise TypeError("audit events are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError("audit events are append-only")


class AuditEvent(models.Model):
    """One recorded state change, append-only and hash-chained per tenant.

    ``hash`` = SHA-256 over the canonical JSON of the event's fields and the
    previous event's hash; see ``pamong.core.audit``.
    """

    tenant = models.ForeignKey(Tenant, on_delete=models.PROTECT, related_name="+")
    seq = models.PositiveBigIntegerField()
    occurred_at = models.DateTimeField()
    # A plain id, not a foreign key: the trail must outlive any change to user rows.
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=200, blank=True)
    org_unit_path = models.CharField(max_length=255, blank=True)
    action = models.CharField(max_length=80)
    target_type = models.CharField(max_length=80, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(max_length=255, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    reason = models.TextField(blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects: ClassVar[Any] = AuditEventQuerySet.as_manager()

    # Scoped like any tenant row: an auditor over a subtree sees the events placed in it.
    scope_path_field = "org_unit_path"
    view_action = "audit.view"

    class Meta:
        ordering = ["tenant_id", "seq"]
        verbose_name = _("catatan audit")
        verbose_name_plural = _("catatan audit")
        constraints = [models.UniqueConstraint(fields=["tenant", "seq"], name="core_auditevent_tenant_seq")]
        indexes = [
            models.Index(fields=["tenant", "target_type", "target_id"], name="core_audit_target_idx"),
            models.Index(fields=["tenant", "occurred_at"], name="core_audit_time_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.target_type}:{self.target_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise TypeError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise TypeError("audit events are append-only")
