"""Periodic reports: one per unit, kind and period; a value per indicator; the workflow's dates and people.

A report's history is its ``steps`` (who moved it from which status to which, when, why);
evidence files hang on the report, one of its values or one governance section, and are
served only through a view that checks scope. Only VERIFIED reports' values count in scores
(``pamong.performance``): an honest verifier stands between what a unit says and what the cockpit shows.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pamong.access.roles import PERFORMANCE_VIEW
from pamong.core.models import ScopedModel, TenantModel
from pamong.org.models import OrgUnit
from pamong.planning.choices import PeriodKind, period_label
from pamong.planning.models import Indicator

from .choices import EvidenceContentType, GovernanceTopic, ReportKind, ReportStatus, StepKind


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

    @property
    def period_label(self) -> str:
        """``Triwulan III 2026`` or ``Oktober 2026``."""
        return f"{period_label(self.period_kind, self.period_no)} {self.year:d}"


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


class ReportStep(TenantModel):
    """One step of a report's workflow: who moved it from which status to which, when, and why."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="steps", verbose_name=_("laporan"))
    kind = models.CharField(_("langkah"), max_length=10, choices=StepKind.choices)
    from_status = models.CharField(_("dari status"), max_length=10, choices=ReportStatus.choices, blank=True)
    to_status = models.CharField(_("ke status"), max_length=10, choices=ReportStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oleh"),
    )
    # Kept as text too: the nightly job's system actor has no user row.
    actor_label = models.CharField(_("oleh (nama)"), max_length=200)
    at = models.DateTimeField(_("waktu"))
    reason = models.TextField(_("alasan"), blank=True)

    class Meta:
        ordering = ["report_id", "at", "id"]
        verbose_name = _("riwayat laporan")
        verbose_name_plural = _("riwayat laporan")
        indexes = [models.Index(fields=["tenant", "report"], name="reports_step_report_idx")]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.from_status or '-'} -> {self.to_status}"


class GovernanceSection(TenantModel):
    """One section of a Camat's governance report (e.g. "Pelayanan publik (PATEN)").

    ``figures`` holds the section's optional numbers by code (``pamong.reports.governance``),
    as decimal strings so that they stay exact.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections", verbose_name=_("laporan"))
    topic = models.CharField(_("bidang"), max_length=20, choices=GovernanceTopic.choices)
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)
    summary = models.TextField(_("uraian pelaksanaan"), blank=True)
    problems = models.TextField(_("permasalahan"), blank=True)
    follow_up = models.TextField(_("tindak lanjut"), blank=True)
    figures = models.JSONField(_("angka"), default=dict, blank=True)

    class Meta:
        ordering = ["report_id", "position"]
        verbose_name = _("bagian laporan kecamatan")
        verbose_name_plural = _("bagian laporan kecamatan")
        constraints = [models.UniqueConstraint(fields=["report", "topic"], name="reports_section_unique")]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.get_topic_display()}"


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    """``reports/<tenant id>/<random>.<type>``: not guessable; the name the uploader gave is kept in a field."""
    suffix = EVIDENCE_SUFFIXES.get(instance.content_type, "")
    return f"reports/{instance.tenant_id}/{uuid.uuid4().hex}{suffix}"


EVIDENCE_SUFFIXES: dict[str, str] = {
    EvidenceContentType.PDF: ".pdf",
    EvidenceContentType.JPEG: ".jpg",
    EvidenceContentType.PNG: ".png",
    EvidenceContentType.XLSX: ".xlsx",
    EvidenceContentType.DOCX: ".docx",
}


class Evidence(ScopedModel):
    """An evidence file (bukti dukung) of a report, of one of its values, or of one governance section.

    Stored under a random name outside the static files and served only by
    ``reports:evidence_download`` after a scope check. Removing evidence sets
    ``removed_at`` (the row and the file stay, so the audit trail can still name them).
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("laporan"))
    value = models.ForeignKey(
        ReportValue,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name=_("nilai realisasi"),
    )
    section = models.ForeignKey(
        GovernanceSection,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name=_("bagian"),
    )
    file = models.FileField(_("berkas"), upload_to=evidence_upload_to, max_length=255)
    original_name = models.CharField(_("nama berkas asli"), max_length=255)
    content_type = models.CharField(_("jenis berkas"), max_length=80, choices=EvidenceContentType.choices)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    sha256 = models.CharField(_("SHA-256 isi berkas"), max_length=64)
    description = models.CharField(_("keterangan"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diunggah oleh"),
    )
    uploaded_by_label = models.CharField(_("diunggah oleh (nama)"), max_length=200)
    removed_at = models.DateTimeField(_("dihapus pada"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dihapus oleh"),
    )

    scope_path_field = "report__org_unit__path"
    view_action = PERFORMANCE_VIEW

    class Meta:
        ordering = ["report_id", "created_at", "id"]
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        constraints = [
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(section__isnull=True), name="reports_evidence_one_anchor"
            ),
        ]
        indexes = [models.Index(fields=["tenant", "report"], name="reports_evidence_report_idx")]

    def __str__(self) -> str:
        return self.original_name

    def scope_path(self) -> str:
        return self.report.org_unit.path

    @property
    def suffix(self) -> str:
        return EVIDENCE_SUFFIXES.get(self.content_type, "")

    def snapshot(self) -> dict[str, Any]:
        """What the audit trail records of an evidence file."""
        return {
            "file": self.original_name,
            "content_type": self.content_type,
            "size": self.size,
            "sha256": self.sha256,
            "value": self.value_id,
            "section": self.section_id,
        }
