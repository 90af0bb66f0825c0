"""Employees (ASN) and the history of the posts they held."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from pamong.core.models import ScopedModel
from pamong.org.models import OrgUnit, Position

from .choices import AssignmentKind, EmployeeKindChoice, GenderChoice
from .querysets import AssignmentQuerySet, EmployeeQuerySet


class Employee(ScopedModel):
    """A civil servant (PNS or PPPK) of the tenant, identified by the 18-digit NIP.

    Birth date, appointment month and gender are decoded from the NIP
    (rules.nip) when it is saved through the services. ``org_unit`` is the unit
    the employee currently belongs to; it places the employee in the scope tree.
    """

    nip = models.CharField(_("NIP"), max_length=18)
    nip_lama = models.CharField(_("NIP lama"), max_length=9, blank=True)
    name = models.CharField(_("nama"), max_length=200)
    front_title = models.CharField(_("gelar depan"), max_length=40, blank=True)
    back_title = models.CharField(_("gelar belakang"), max_length=60, blank=True)
    kind = models.CharField(_("jenis pegawai"), max_length=8, choices=EmployeeKindChoice.choices)
    grade = models.CharField(_("golongan/ruang"), max_length=8, blank=True)
    birth_date = models.DateField(_("tanggal lahir"))
    gender = models.CharField(_("jenis kelamin"), max_length=8, choices=GenderChoice.choices)
    appointment_year = models.PositiveSmallIntegerField(_("tahun pengangkatan"))
    appointment_month = models.PositiveSmallIntegerField(_("bulan pengangkatan"), null=True, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    phone = models.CharField(_("nomor HP"), max_length=20, blank=True)
    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="employees", verbose_name=_("unit"))
    position = models.ForeignKey(
        Position,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("jabatan definitif"),
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    objects: ClassVar[EmployeeQuerySet] = EmployeeQuerySet.as_manager()  # type: ignore[assignment]

    scope_path_field = "org_unit__path"
    scope_self_field = "pk"
    view_action = "people.view"

    class Meta:
        ordering = ["tenant_id", "name", "nip"]
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        constraints = [models.UniqueConstraint(fields=["tenant", "nip"], name="people_employee_tenant_nip")]
        indexes = [
            models.Index(fields=["tenant", "org_unit"], name="people_employee_unit_idx"),
            models.Index(fields=["tenant", "name"], name="people_employee_name_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        """Name with academic titles: ``Dr. Andi Wijaya, S.T., M.Si.``."""
        name = f"{self.front_title} {self.name}".strip()
        return f"{name}, {self.back_title}" if self.back_title else name

    @property
    def nip_formatted(self) -> str:
        n = self.nip
        return f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}" if len(n) == 18 else n

    def scope_path(self) -> str:
        return self.org_unit.path

    def scope_employee_id(self) -> int | None:
        return self.pk


class Assignment(ScopedModel):
    """One period in which an employee held a post: definitive, Plt or Plh.

    Answering "who headed this OPD on 3 March" is a query over these rows
    (``selectors.head_of_unit_on``); nothing is overwritten when people move.
    """

    employee = models.ForeignKey(
        Employee, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("pegawai")
    )
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("jabatan")
    )
    kind = models.CharField(_("jenis"), max_length=12, choices=AssignmentKind.choices)
    starts_on = models.DateField(_("tanggal mulai"))
    ends_on = models.DateField(_("tanggal selesai"), null=True, blank=True)
    decree_number = models.CharField(_("nomor SK"), max_length=100, blank=True)
    decree_date = models.DateField(_("tanggal SK"), null=True, blank=True)
    note = models.CharField(_("catatan"), max_length=255, blank=True)

    objects: ClassVar[AssignmentQuerySet] = AssignmentQuerySet.as_manager()  # type: ignore[assignment]

    scope_path_field = "position__org_unit__path"
    scope_self_field = "employee_id"
    view_action = "people.view"

    class Meta:
        ordering = ["tenant_id", "-starts_on", "pk"]
        verbose_name = _("penugasan")
        verbose_name_plural = _("penugasan")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="people_assignment_ends_after_start",
            )
        ]
        indexes = [
            models.Index(fields=["tenant", "position", "starts_on"], name="people_assign_pos_idx"),
            models.Index(fields=["tenant", "employee", "starts_on"], name="people_assign_emp_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.position} ({self.starts_on:%d/%m/%Y})"

    def scope_path(self) -> str:
        return self.position.org_unit.path

    def scope_employee_id(self) -> int | None:
        return self.employee_id

    def duration_days(self, today: dt.date) -> int:
        """Length in days so far (inclusive); acting appointments show it prominently."""
        end = self.ends_on or today
        return (end - self.starts_on).days + 1

    def is_current(self, today: dt.date) -> bool:
        return self.starts_on <= today and (self.ends_on is None or self.ends_on >= today)
