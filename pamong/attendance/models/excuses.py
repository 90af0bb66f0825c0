"""Excuses (valid reasons for not being at work as scheduled), their history, leave carry-over, outages."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from pamong.access.roles import ATTENDANCE_VIEW
from pamong.core.models import ScopedModel, TenantModel
from pamong.org.models import OrgUnit
from pamong.people.models import Employee

from ..choices import ExcuseKind, ExcuseStatus
from ..rules.leave import LEAVE_RULES, LeaveKind


class Excuse(ScopedModel):
    """A request for leave, sick, duty travel, a permit, dispensation or WFH over a date range.

    Requested by the employee (or an operator for them), decided by the direct superior; only APPROVED
    excuses count in the day statuses. ``start_time``/``end_time`` (local, both or neither) make a part-day
    excuse of a single date (e.g. a permit 09:00–11:00). ``working_days`` is fixed at request time from the
    tenant calendar and counts against the leave quota.
    """

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+", verbose_name=_("pegawai"))
    kind = models.CharField(_("jenis"), max_length=16, choices=ExcuseKind.choices)
    leave_kind = models.CharField(_("jenis cuti"), max_length=24, blank=True)  # rules.leave.LeaveKind value
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("sampai"))
    start_time = models.TimeField(_("jam mulai"), null=True, blank=True)
    end_time = models.TimeField(_("jam selesai"), null=True, blank=True)
    working_days = models.PositiveSmallIntegerField(_("hari kerja"), default=0)
    reason = models.TextField(_("alasan"))
    document = models.FileField(_("dokumen pendukung"), upload_to="attendance/excuses/%Y/%m/", blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ExcuseStatus.choices, default=ExcuseStatus.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("diajukan oleh")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diputuskan oleh"),
    )
    decided_at = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    decision_note = models.TextField(_("catatan keputusan"), blank=True)

    scope_path_field = "employee__org_unit__path"
    scope_self_field = "employee_id"
    view_action = ATTENDANCE_VIEW

    class Meta:
        ordering = ["tenant_id", "-starts_on", "-pk"]
        verbose_name = _("keterangan tidak hadir")
        verbose_name_plural = _("keterangan tidak hadir")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="attendance_excuse_range"),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True, end_time__isnull=True)
                | Q(
                    start_time__isnull=False,
                    end_time__isnull=False,
                    ends_on=F("starts_on"),
                    end_time__gt=F("start_time"),
                ),
                name="attendance_excuse_window",
            ),
            models.CheckConstraint(
                condition=(Q(kind="leave") & ~Q(leave_kind="")) | (~Q(kind="leave") & Q(leave_kind="")),
                name="attendance_excuse_leave_kind",
            ),
        ]
        indexes = [
            models.Index(fields=["tenant", "employee", "starts_on"], name="attendance_excuse_emp_idx"),
            models.Index(fields=["tenant", "status", "starts_on"], name="attendance_excuse_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.kind} {self.starts_on}–{self.ends_on}"

    @property
    def leave_kind_label(self) -> str:
        """The PP 11/2017 leave kind's name (``Cuti tahunan``), in the active language; "" if not leave."""
        if not self.leave_kind:
            return ""
        try:
            rule = LEAVE_RULES[LeaveKind(self.leave_kind)]
        except (ValueError, KeyError):
            return self.leave_kind
        return rule.label_en if (get_language() or "id").startswith("en") else rule.label_id

    def scope_path(self) -> str:
        return self.employee.org_unit.path

    def scope_employee_id(self) -> int | None:
        return self.employee_id


class ExcuseStep(TenantModel):
    """One step of an excuse's history: requested, approved, rejected, cancelled, revoked."""

    excuse = models.ForeignKey(Excuse, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(max_length=16)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    actor_label = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["excuse_id", "created_at", "pk"]
        verbose_name = _("riwayat keterangan")
        verbose_name_plural = _("riwayat keterangan")

    def __str__(self) -> str:
        return f"{self.excuse_id}: {self.action}"


class LeaveCarry(ScopedModel):
    """Annual leave carried into a year (rules.leave.annual_leave_carry), recorded by BKPSDM."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+", verbose_name=_("pegawai"))
    year = models.PositiveSmallIntegerField(_("tahun"))
    carried_days = models.PositiveSmallIntegerField(_("sisa cuti dibawa"))
    note = models.CharField(_("catatan"), max_length=255, blank=True)

    scope_path_field = "employee__org_unit__path"
    scope_self_field = "employee_id"
    view_action = ATTENDANCE_VIEW

    class Meta:
        ordering = ["tenant_id", "-year", "employee_id"]
        verbose_name = _("sisa cuti tahunan")
        verbose_name_plural = _("sisa cuti tahunan")
        constraints = [models.UniqueConstraint(fields=["employee", "year"], name="attendance_leavecarry_unique")]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.year}: {self.carried_days}"

    def scope_path(self) -> str:
        return self.employee.org_unit.path

    def scope_employee_id(self) -> int | None:
        return self.employee_id


class Outage(TenantModel):
    """A system outage declared by the tenant: everyone (or one subtree) is excused in a window of one date.

    The field reports' complaint, "marked late for the server's fault", answered: punches that could not
    arrive between ``start_time`` and ``end_time`` cost nobody minutes. Revoked, never deleted.
    """

    date = models.DateField(_("tanggal"))
    start_time = models.TimeField(_("mulai"))
    end_time = models.TimeField(_("selesai"))
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit (kosong: seluruh daerah)"),
    )
    reason = models.TextField(_("alasan"))
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    is_active = models.BooleanField(_("berlaku"), default=True)
    revoked_reason = models.TextField(_("alasan pembatalan"), blank=True)

    class Meta:
        ordering = ["tenant_id", "-date", "start_time"]
        verbose_name = _("gangguan sistem")
        verbose_name_plural = _("gangguan sistem")
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=F("start_time")), name="attendance_outage_window"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.start_time:%H.%M}–{self.end_time:%H.%M}"
