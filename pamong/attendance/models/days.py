"""Derived attendance: one row per employee-day, the recompute queue, monthly recaps, closes, adjustments, anomalies.

``AttendanceDay`` is written only by the set-based derivation (``pamong.attendance.derive``); on
PostgreSQL it is partitioned by month of ``date`` like the punches. ``MonthRecap`` rows are rebuilt from
the days until the month is closed (``MonthClose``); after that a correction is a ``RecapAdjustment``
with a reason and an audit event, never a silent edit.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pamong.access.roles import ATTENDANCE_VIEW
from pamong.core.models import ScopedModel, Tenant, TenantModel
from pamong.core.querysets import ScopedQuerySet
from pamong.org.models import OrgUnit
from pamong.people.models import Employee

from ..choices import AnomalyKind, AnomalyStatus, DayStatusChoice


class AttendanceDay(models.Model):
    """One employee's day: its one status, counted minutes, first and last punch (local minutes), excuse."""

    id = models.BigAutoField(primary_key=True)
    tenant = models.ForeignKey(
        Tenant, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False, db_index=False
    )
    employee = models.ForeignKey(
        Employee, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False, db_index=False
    )
    date = models.DateField()
    org_unit = models.ForeignKey(
        OrgUnit, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False, db_index=False
    )  # the employee's unit when the day was derived (unit recaps)
    status = models.CharField(max_length=24, choices=DayStatusChoice.choices)
    late_minutes = models.PositiveSmallIntegerField(default=0)
    early_minutes = models.PositiveSmallIntegerField(default=0)
    expected_start_min = models.SmallIntegerField(null=True)
    expected_end_min = models.SmallIntegerField(null=True)  # > 1440 for a shift that ends the next day
    check_in_min = models.SmallIntegerField(null=True)  # minutes from the local midnight of ``date``
    check_out_min = models.SmallIntegerField(null=True)
    punch_count = models.PositiveSmallIntegerField(default=0)
    excuse_kind = models.CharField(max_length=16, blank=True)  # choices.ExcuseKind, or "system_outage"
    leave_kind = models.CharField(max_length=24, blank=True)
    holiday = models.CharField(max_length=200, blank=True)
    computed_at = models.DateTimeField()

    objects: ClassVar[Any] = ScopedQuerySet.as_manager()

    scope_path_field = "employee__org_unit__path"
    scope_self_field = "employee_id"
    view_action = ATTENDANCE_VIEW

    class Meta:
        ordering = ["tenant_id", "date", "employee_id"]
        verbose_name = _("hari presensi")
        verbose_name_plural = _("hari presensi")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "employee", "date"], name="attendance_day_employee_date"),
        ]
        # No index by unit: unit figures come from MonthRecap, the board from punches; every index here is
        # paid for on each of a month's ~600,000 derived rows.

    def __str__(self) -> str:
        return f"{self.employee_id} {self.date}: {self.status}"


class DirtyDay(models.Model):
    """An employee-day to derive again because a punch, excuse, roster or schedule behind it changed."""

    tenant = models.ForeignKey(
        Tenant, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False, db_index=False
    )
    employee = models.ForeignKey(
        Employee, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False, db_index=False
    )
    date = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tenant", "employee", "date"], name="attendance_dirtyday_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.date}"


class MonthRecap(ScopedModel):
    """One employee's month: days by status, minutes, and excused days by kind. Read by BKPSDM, discipline, TPP."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+", verbose_name=_("pegawai"))
    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("tahun"))
    month = models.PositiveSmallIntegerField(_("bulan"))
    working_days = models.PositiveSmallIntegerField(_("hari kerja"), default=0)
    present_days = models.PositiveSmallIntegerField(_("hari hadir"), default=0)
    late_days = models.PositiveSmallIntegerField(_("hari terlambat"), default=0)
    late_minutes = models.PositiveIntegerField(_("menit terlambat"), default=0)
    early_leave_days = models.PositiveSmallIntegerField(_("hari pulang cepat"), default=0)
    early_minutes = models.PositiveIntegerField(_("menit pulang cepat"), default=0)
    missing_check_out_days = models.PositiveSmallIntegerField(_("hari tanpa presensi pulang"), default=0)
    absent_days = models.PositiveSmallIntegerField(_("hari tanpa keterangan"), default=0)
    excused_days = models.PositiveSmallIntegerField(_("hari berketerangan"), default=0)
    excused_by_kind = models.JSONField(_("hari berketerangan per jenis"), default=dict, blank=True)
    is_adjusted = models.BooleanField(_("dikoreksi"), default=False)

    scope_path_field = "org_unit__path"
    scope_self_field = "employee_id"
    view_action = ATTENDANCE_VIEW

    class Meta:
        ordering = ["tenant_id", "-year", "-month", "org_unit_id", "employee_id"]
        verbose_name = _("rekap bulanan")
        verbose_name_plural = _("rekap bulanan")
        constraints = [
            models.UniqueConstraint(fields=["employee", "year", "month"], name="attendance_recap_employee_month"),
        ]
        indexes = [models.Index(fields=["tenant", "year", "month", "org_unit"], name="attendance_recap_unit_idx")]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.year}-{self.month:02d}"

    def scope_path(self) -> str:
        return self.org_unit.path

    def scope_employee_id(self) -> int | None:
        return self.employee_id


class MonthClose(TenantModel):
    """A closed month of a tenant: its recaps are final; corrections go through ``RecapAdjustment``."""

    year = models.PositiveSmallIntegerField(_("tahun"))
    month = models.PositiveSmallIntegerField(_("bulan"))
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        ordering = ["tenant_id", "-year", "-month"]
        verbose_name = _("penutupan bulan")
        verbose_name_plural = _("penutupan bulan")
        constraints = [models.UniqueConstraint(fields=["tenant", "year", "month"], name="attendance_close_unique")]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}"


class RecapAdjustment(ScopedModel):
    """A correction of a closed month's recap: which figure, from what to what, why, by whom (audited)."""

    recap = models.ForeignKey(MonthRecap, on_delete=models.PROTECT, related_name="adjustments")
    field = models.CharField(_("angka"), max_length=32)
    old_value = models.IntegerField(_("semula"))
    new_value = models.IntegerField(_("menjadi"))
    reason = models.TextField(_("alasan"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    scope_path_field = "recap__org_unit__path"
    scope_self_field = "recap__employee_id"
    view_action = ATTENDANCE_VIEW

    class Meta:
        ordering = ["tenant_id", "-created_at"]
        verbose_name = _("koreksi rekap")
        verbose_name_plural = _("koreksi rekap")

    def __str__(self) -> str:
        return f"{self.recap_id} {self.field}: {self.old_value} → {self.new_value}"

    def scope_path(self) -> str:
        return self.recap.org_unit.path

    def scope_employee_id(self) -> int | None:
        return self.recap.employee_id


class Anomaly(ScopedModel):
    """A pattern worth a human look (never an automatic sanction): shared or repeated coordinates,
    impossible travel, one phone for many accounts, a mock location, a drifting device clock."""

    kind = models.CharField(_("jenis"), max_length=24, choices=AnomalyKind.choices)
    employee = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("pegawai")
    )
    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    date = models.DateField(_("tanggal"))
    key = models.CharField(_("kunci"), max_length=120)  # what makes it one finding (dedupe), e.g. the coordinates
    details = models.JSONField(_("rincian"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=AnomalyStatus.choices, default=AnomalyStatus.OPEN)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("ditinjau pada"), null=True, blank=True)
    review_note = models.TextField(_("catatan tinjauan"), blank=True)

    scope_path_field = "org_unit__path"
    view_action = ATTENDANCE_VIEW

    class Meta:
        ordering = ["tenant_id", "-date", "kind"]
        verbose_name = _("anomali presensi")
        verbose_name_plural = _("anomali presensi")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "kind", "date", "key"], name="attendance_anomaly_unique"),
        ]
        indexes = [models.Index(fields=["tenant", "status", "-date"], name="attendance_anomaly_status_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.date} {self.key}"

    def scope_path(self) -> str:
        return self.org_unit.path
