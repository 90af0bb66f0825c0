"""Periodic reports: one per unit, kind and period; a value per indicator; the workflow's dates and people.

Only VERIFIED reports' values count in scores (``pamong.performance``): an honest
verifier stands between what a unit says and what the cockpit shows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pamong.access.roles import PERFORMANCE_VIEW
from pamong.core.models import ScopedModel, TenantModel
from pamong.org.models import OrgUnit
from pamong.planning.choices import PeriodKind
from pamong.planning.models import Indicator

from .choices import ReportKind, ReportStatus


class Report(ScopedModel):
    """A unit's report for one period, e.g. "Dinas Pendidikan, realisasi Triwulan III 2026".

    ``deadline`` is fixed when the report is opened (period end + the tenant's
    ``report_due_days``, ``rules.consequences.report_deadline``); ``first_submitted_on``
    (the tenant-local date of the first submission) decides lateness and is kept
    through returns and resubmissions.
    """

    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    kind = models.CharField(_("jenis"), max_length=12, choices=ReportKind.choices, default=ReportKind.REALISATION)
    year = models.PositiveSmallIntegerField(_("tahun"))
    period_kind = models.CharField(_("periode pelaporan"), max_length=10, choices=PeriodKind.choices)
    period_no = models.PositiveSmallIntegerField(_("periode ke"))
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    deadline = models.DateField(_("batas waktu"))
    first_submitted_on = models.DateField(_("pertama diajukan"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diajukan oleh"),
    )
    verified_at = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diverifikasi oleh"),
    )
    return_count = models.PositiveSmallIntegerField(_("jumlah dikembalikan"), default=0)
    # Narrative (PermenPANRB 53/2014 monitoring practice): problems, their causes, solutions, follow-up.
    problems = models.TextField(_("permasalahan"), blank=True)
    causes = models.TextField(_("penyebab"), blank=True)
    solutions = models.TextField(_("solusi"), blank=True)
    follow_up = models.TextField(_("rencana tindak lanjut"), blank=True)

    scope_path_field = "org_unit__path"
    view_action = PERFORMANCE_VIEW

    class Meta:
        ordering = ["tenant_id", "-year", "-period_no", "org_unit_id", "kind"]
        verbose_name = _("laporan berkala")
        verbose_name_plural = _("laporan berkala")
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "org_unit", "kind", "year", "period_kind", "period_no"], name="reports_report_unique"
            ),
            models.CheckConstraint(
                condition=Q(period_no__gte=1, period_no__lte=12), name="reports_report_period_range"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(first_submitted_on__isnull=False),
                name="reports_report_submitted_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="verified") | Q(verified_by__isnull=False),
                name="reports_report_verified_has_verifier",
            ),
        ]
        indexes = [
            models.Index(fields=["tenant", "year", "period_kind", "period_no"], name="reports_report_period_idx"),
            models.Index(fields=["tenant", "status", "deadline"], name="reports_report_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.org_unit} {self.year}/{self.period_no} ({self.get_kind_display()})"

    def scope_path(self) -> str:
        return self.org_unit.path


class ReportValue(TenantModel):
    """The realisation (``actual``) of one indicator in one report; blank until the unit fills it."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values", verbose_name=_("laporan"))
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indikator"))
    actual = models.DecimalField(_("realisasi"), max_digits=20, decimal_places=4, null=True, blank=True)
    note = models.TextField(_("keterangan"), blank=True)

    class Meta:
        ordering = ["report_id", "indicator__code"]
        verbose_name = _("nilai realisasi")
        verbose_name_plural = _("nilai realisasi")
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="reports_value_unique")]
        indexes = [models.Index(fields=["tenant", "indicator"], name="reports_value_indicator_idx")]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.actual}"
