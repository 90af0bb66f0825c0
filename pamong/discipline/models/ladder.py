"""The absence ladder as stored: each employee's standing in the year, and the warnings raised from it."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pamong.access.models import User
from pamong.access.roles import DISCIPLINE_VIEW
from pamong.core.models import ScopedModel
from pamong.core.scope import Scope
from pamong.org.models import OrgUnit
from pamong.people.models import Employee

from ..choices import SanctionChoice, WarningKind, WarningStatus


class Standing(ScopedModel):
    """One employee's year on the PP 94/2021 ladder, recomputed set-based each night from the attendance days.

    ``total_days`` = ``unexcused_days`` + floor((``late_minutes`` + ``early_minutes``) / 450) (``rules.absence``);
    ``band`` is the sanction of the band reached ("" below 3 days). ``longest_streak`` is the longest run of
    unexcused working days (``rules.streak``) and ``streak_reached_on`` the day it reached 10, if it did.
    """

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+", verbose_name=_("pegawai"))
    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("tahun"))
    unexcused_days = models.PositiveIntegerField(_("hari tanpa keterangan"), default=0)
    late_minutes = models.PositiveIntegerField(_("menit terlambat"), default=0)
    early_minutes = models.PositiveIntegerField(_("menit pulang cepat"), default=0)
    total_days = models.PositiveIntegerField(_("jumlah hari (termasuk konversi menit)"), default=0)
    band = models.CharField(_("ambang tercapai"), max_length=2, choices=SanctionChoice.choices, blank=True)
    longest_streak = models.PositiveSmallIntegerField(_("hari kerja berturut-turut terpanjang"), default=0)
    streak_reached_on = models.DateField(_("tanggal hari ke-10 berturut-turut"), null=True, blank=True)
    through = models.DateField(_("dihitung sampai"))

    scope_path_field = "org_unit__path"
    scope_self_field = "employee"
    view_action = DISCIPLINE_VIEW

    class Meta:
        ordering = ["tenant_id", "year", "-total_days", "employee_id"]
        verbose_name = _("posisi ambang disiplin")
        verbose_name_plural = _("posisi ambang disiplin")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "employee", "year"], name="discipline_standing_employee_year")
        ]
        indexes = [models.Index(fields=["tenant", "year", "org_unit"], name="discipline_standing_unit")]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.year}: {self.total_days}"

    def scope_path(self) -> str:
        return self.org_unit.path

    def scope_employee_id(self) -> int:
        return self.employee_id


class Warning(ScopedModel):
    """A band crossed (or ten working days in a row) by one employee: the superior must act.

    Raised once per (employee, year, kind, sanction) with the evidence behind the count (``evidence``: the
    unexcused dates, the TL/PSW minutes and their conversion). Addressed to the direct superior (``superior``;
    None: BKPSDM alone) until ``due_on``; unanswered by then it escalates to the superior's own superior
    (``escalation_level`` counts the steps). Answered by opening a case or by a recorded reason (``declined``).
    """

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+", verbose_name=_("pegawai"))
    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("tahun"))
    kind = models.CharField(_("jenis"), max_length=8, choices=WarningKind.choices)
    sanction = models.CharField(_("hukuman yang direkomendasikan"), max_length=2, choices=SanctionChoice.choices)
    total_days = models.PositiveIntegerField(_("jumlah hari"))
    evidence = models.JSONField(_("bukti"), default=dict, blank=True)
    raised_on = models.DateField(_("tanggal peringatan"))
    due_on = models.DateField(_("batas tindak lanjut"))
    status = models.CharField(_("status"), max_length=12, choices=WarningStatus.choices, default=WarningStatus.OPEN)
    superior = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("atasan dituju")
    )
    escalation_level = models.PositiveSmallIntegerField(_("tingkat eskalasi"), default=0)
    escalated_on = models.DateField(_("dieskalasi pada"), null=True, blank=True)
    acted_on = models.DateField(_("ditindaklanjuti pada"), null=True, blank=True)
    acted_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("ditindaklanjuti oleh")
    )
    reason = models.TextField(_("alasan tidak dilanjutkan"), blank=True)
    case = models.ForeignKey(
        "discipline.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("kasus")
    )

    scope_path_field = "org_unit__path"
    scope_self_field = "employee"
    view_action = DISCIPLINE_VIEW

    class Meta:
        ordering = ["tenant_id", "-raised_on", "employee_id"]
        verbose_name = _("peringatan disiplin")
        verbose_name_plural = _("peringatan disiplin")
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "employee", "year", "kind", "sanction"], name="discipline_warning_once"
            ),
            models.CheckConstraint(
                condition=~Q(status=WarningStatus.DECLINED) | ~Q(reason=""), name="discipline_warning_declined_reason"
            ),
        ]
        indexes = [models.Index(fields=["tenant", "status", "due_on"], name="discipline_warning_due")]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.year} {self.sanction}"

    def scope_path(self) -> str:
        return self.org_unit.path

    def scope_employee_id(self) -> int:
        return self.employee_id

    @classmethod
    def scope_named_q(cls, scope: Scope, action: str) -> Q | None:
        """The superior a warning is addressed to sees it, even without a role over the unit (a Kasi)."""
        if action != DISCIPLINE_VIEW or scope.employee_id is None:
            return None
        return Q(superior_id=scope.employee_id)

    @property
    def is_open(self) -> bool:
        return self.status == WarningStatus.OPEN
