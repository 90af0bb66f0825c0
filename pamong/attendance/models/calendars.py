"""Calendars: work schedules, their unit assignments and Ramadan overrides, holidays, shifts and rosters.

``ScheduleDay`` is the materialised expectation of every fixed-week schedule for every date (start, end and
break in minutes from the tenant-local midnight, or no window on a day off); the set-based day derivation
joins it instead of evaluating the rules per employee. It is rebuilt from the rules (``rules.hours``,
``rules.holidays``) whenever a schedule, override or holiday changes (``services.calendars``).
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from pamong.access.roles import ATTENDANCE_VIEW
from pamong.core.models import ScopedModel, Tenant, TenantModel
from pamong.org.models import OrgUnit
from pamong.people.models import Employee

from ..choices import HolidayKind, ScheduleKind


class WorkSchedule(TenantModel):
    """A named weekly pattern of working hours, e.g. "5 hari kerja" or "6 hari kerja (sekolah)".

    ``week`` holds seven entries, Monday first: ``null`` for a day off, else
    ``{"start": "07:30", "end": "16:00", "break_start": "12:00", "break_end": "13:00"}``.
    ``checks`` lists extra check windows a tenant requires (apel): ``[{"name": "Apel pagi",
    "weekdays": [0], "start": "07:00", "end": "07:30"}]``. A ``ROSTER`` schedule has no fixed week:
    each day's shift comes from ``RosterEntry``.
    """

    code = models.CharField(_("kode"), max_length=32)
    name = models.CharField(_("nama"), max_length=120)
    kind = models.CharField(_("jenis"), max_length=12, choices=ScheduleKind.choices, default=ScheduleKind.FIXED_WEEK)
    week = models.JSONField(_("jam kerja per hari"), default=list, blank=True)
    checks = models.JSONField(_("presensi tambahan (apel)"), default=list, blank=True)
    is_default = models.BooleanField(_("bawaan"), default=False)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["tenant_id", "-is_default", "name"]
        verbose_name = _("jadwal kerja")
        verbose_name_plural = _("jadwal kerja")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "code"], name="attendance_schedule_tenant_code"),
            models.UniqueConstraint(
                fields=["tenant"], condition=Q(is_default=True), name="attendance_schedule_one_default"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ScheduleOverride(TenantModel):
    """Different hours for a date range, e.g. Ramadan; ``schedule`` None applies to every fixed-week schedule."""

    schedule = models.ForeignKey(
        WorkSchedule,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="overrides",
        verbose_name=_("jadwal"),
    )
    name = models.CharField(_("nama"), max_length=120)
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("sampai"))
    week = models.JSONField(_("jam kerja per hari"), default=list)

    class Meta:
        ordering = ["tenant_id", "-starts_on"]
        verbose_name = _("jam kerja khusus")
        verbose_name_plural = _("jam kerja khusus")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="attendance_override_range"),
        ]

    def __str__(self) -> str:
        return self.name


class UnitSchedule(ScopedModel):
    """The schedule a unit (and, unless a descendant has its own, its sub-units) works from a date on."""

    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    schedule = models.ForeignKey(
        WorkSchedule, on_delete=models.PROTECT, related_name="unit_links", verbose_name=_("jadwal")
    )
    valid_from = models.DateField(_("berlaku mulai"))
    valid_to = models.DateField(_("berlaku sampai"), null=True, blank=True)

    scope_path_field = "org_unit__path"
    view_action = ATTENDANCE_VIEW

    class Meta:
        ordering = ["tenant_id", "org_unit_id", "-valid_from"]
        verbose_name = _("jadwal unit")
        verbose_name_plural = _("jadwal unit")
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "valid_from"], name="attendance_unitschedule_unit_from"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="attendance_unitschedule_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.org_unit_id}: {self.schedule_id} {self.valid_from}"

    def scope_path(self) -> str:
        return self.org_unit.path


class ScheduleDay(models.Model):
    """What a fixed-week schedule expects on one date: minutes from local midnight, or no window (day off).

    Materialised from the rules by ``services.calendars.schedule_days_rebuild``; never edited by hand.
    """

    tenant = models.ForeignKey(Tenant, on_delete=models.PROTECT, related_name="+", db_index=False)
    schedule = models.ForeignKey(WorkSchedule, on_delete=models.CASCADE, related_name="days", db_index=False)
    date = models.DateField()
    start_min = models.PositiveSmallIntegerField(null=True)
    end_min = models.PositiveSmallIntegerField(null=True)
    break_start_min = models.PositiveSmallIntegerField(null=True)
    break_end_min = models.PositiveSmallIntegerField(null=True)
    holiday = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["schedule_id", "date"]
        constraints = [models.UniqueConstraint(fields=["schedule", "date"], name="attendance_scheduleday_unique")]
        indexes = [models.Index(fields=["tenant", "date"], name="attendance_schedday_date_idx")]

    def __str__(self) -> str:
        return f"{self.schedule_id} {self.date}: {self.start_min}-{self.end_min}"


class Holiday(TenantModel):
    """A national holiday, cuti bersama or local holiday of the tenant (seeded from rules.holidays_id, editable)."""

    date = models.DateField(_("tanggal"))
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=16, choices=HolidayKind.choices)
    source = models.CharField(_("dasar"), max_length=200, blank=True)
    is_active = models.BooleanField(_("berlaku"), default=True)

    class Meta:
        ordering = ["tenant_id", "date", "kind"]
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "date", "kind"], name="attendance_holiday_tenant_date_kind")
        ]
        indexes = [models.Index(fields=["tenant", "date"], name="attendance_holiday_date_idx")]

    def __str__(self) -> str:
        return f"{self.date}: {self.name}"


class Shift(TenantModel):
    """A shift of a 24-hour unit, e.g. "Pagi 07:00–14:00" or "Malam 21:00–07:00" (crosses midnight)."""

    code = models.CharField(_("kode"), max_length=16)
    name = models.CharField(_("nama"), max_length=80)
    start = models.TimeField(_("mulai"))
    end = models.TimeField(_("selesai"))
    break_start = models.TimeField(_("istirahat mulai"), null=True, blank=True)
    break_end = models.TimeField(_("istirahat selesai"), null=True, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["tenant_id", "start", "code"]
        verbose_name = _("shift")
        verbose_name_plural = _("shift")
        constraints = [models.UniqueConstraint(fields=["tenant", "code"], name="attendance_shift_tenant_code")]

    def __str__(self) -> str:
        return f"{self.name} {self.start:%H.%M}–{self.end:%H.%M}"

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start


class RosterEntry(ScopedModel):
    """One employee's shift on one date (``shift`` None: off duty that day) in a roster-scheduled unit."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+", verbose_name=_("pegawai"))
    date = models.DateField(_("tanggal"))
    shift = models.ForeignKey(
        Shift, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("shift")
    )

    scope_path_field = "employee__org_unit__path"
    scope_self_field = "employee_id"
    view_action = ATTENDANCE_VIEW

    class Meta:
        ordering = ["tenant_id", "date", "employee_id"]
        verbose_name = _("jadwal dinas")
        verbose_name_plural = _("jadwal dinas")
        constraints = [models.UniqueConstraint(fields=["employee", "date"], name="attendance_roster_employee_date")]
        indexes = [models.Index(fields=["tenant", "date"], name="attendance_roster_date_idx")]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.date}: {self.shift_id}"

    def scope_path(self) -> str:
        return self.employee.org_unit.path

    def scope_employee_id(self) -> int | None:
        return self.employee_id
