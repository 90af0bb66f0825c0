# mypy: disable-error-code="django-manager-missing"
"""Scores (pre-aggregated tables the cockpit reads), likelihood ratings, and the consequences register.

The score tables (``IndicatorScore``, ``UnitScore``, ``ProgramScore``) are derived data: the
``scores_refresh`` service rebuilds one tenant-year of them from the plan and the verified reports,
so pages never aggregate raw reports. Their grid is monthly ("as of the end of month m", ADR 0019).
Likelihood ratings and consequences are people's records, kept with their history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pamong.access.roles import PERFORMANCE_VIEW
from pamong.core.models import ScopedModel, TenantModel
from pamong.org.models import OrgUnit
from pamong.people.models import Employee
from pamong.planning.choices import PeriodKind, period_label
from pamong.planning.models import Indicator, PriorityProgram
from pamong.reports.models import Report

from .choices import (
    ACTIVE_STATUSES,
    Colour,
    ConsequenceKind,
    ConsequenceStatus,
    ConsequenceStep,
    Likelihood,
    ScoreNote,
    TrajectoryStatus,
    UnitGroup,
)

MONTH_RANGE = Q(month__gte=1, month__lte=12)


class ScoreRefresh(TenantModel):
    """The last recomputation of one tenant-year of scores; its row is locked while scores are rebuilt."""

    year = models.PositiveSmallIntegerField(_("tahun"))
    months = models.PositiveSmallIntegerField(_("bulan yang dihitung"), default=0)
    indicator_rows = models.PositiveIntegerField(_("baris skor indikator"), default=0)
    unit_rows = models.PositiveIntegerField(_("baris skor unit"), default=0)
    problems = models.PositiveIntegerField(_("indikator bermasalah"), default=0)
    computed_at = models.DateTimeField(_("dihitung pada"), null=True, blank=True)

    class Meta:
        ordering = ["tenant_id", "-year"]
        verbose_name = _("penghitungan skor")
        verbose_name_plural = _("penghitungan skor")
        constraints = [models.UniqueConstraint(fields=["tenant", "year"], name="performance_refresh_tenant_year")]

    def __str__(self) -> str:
        return f"{self.tenant_id}/{self.year}: {self.computed_at}"


class IndicatorScore(ScopedModel):
    """One indicator as of the end of one month: its latest ended period, year-to-date values, capaian, colour.

    ``period_no`` is the indicator's own period (month or quarter) that month closes; a quarterly
    indicator has the same figures in the three months that follow the end of its quarter.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+", verbose_name=_("indikator"))
    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("tahun"))
    month = models.PositiveSmallIntegerField(_("s.d. bulan"))
    period_kind = models.CharField(_("periode pelaporan"), max_length=10, choices=PeriodKind.choices)
    period_no = models.PositiveSmallIntegerField(_("periode ke"))
    weight = models.DecimalField(_("bobot"), max_digits=7, decimal_places=2)
    annual_target = models.DecimalField(_("target tahunan"), max_digits=20, decimal_places=4, null=True, blank=True)
    period_actual = models.DecimalField(_("realisasi periode"), max_digits=20, decimal_places=4, null=True, blank=True)
    ytd_target = models.DecimalField(_("target s.d. periode"), max_digits=20, decimal_places=4, null=True, blank=True)
    ytd_actual = models.DecimalField(
        _("realisasi s.d. periode"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    capaian = models.DecimalField(_("capaian (%)"), max_digits=12, decimal_places=2, null=True, blank=True)
    colour = models.CharField(_("warna"), max_length=6, choices=Colour.choices, blank=True)
    trajectory_status = models.CharField(
        _("status lintasan"), max_length=8, choices=TrajectoryStatus.choices, default=TrajectoryStatus.NO_DATA
    )
    note = models.CharField(_("catatan"), max_length=14, choices=ScoreNote.choices, blank=True)
    note_text = models.CharField(_("keterangan"), max_length=300, blank=True)
    counted = models.BooleanField(_("dihitung dalam indeks"), default=False)
    reported_periods = models.PositiveSmallIntegerField(_("periode terlapor"), default=0)
    missing_periods = models.PositiveSmallIntegerField(_("periode belum terlapor"), default=0)
    computed_at = models.DateTimeField(_("dihitung pada"))

    scope_path_field = "org_unit__path"
    view_action = PERFORMANCE_VIEW

    class Meta:
        ordering = ["tenant_id", "year", "month", "org_unit_id", "indicator_id"]
        verbose_name = _("skor indikator")
        verbose_name_plural = _("skor indikator")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "month"], name="performance_iscore_unique"),
            models.CheckConstraint(condition=MONTH_RANGE, name="performance_iscore_month_range"),
        ]
        indexes = [
            models.Index(fields=["tenant", "year", "month", "colour"], name="perf_iscore_colour_idx"),
            models.Index(fields=["tenant", "org_unit", "year"], name="perf_iscore_unit_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.year}/{self.month}: {self.capaian}"

    @property
    def period_label(self) -> str:
        """The indicator's own period this month shows: "Triwulan III", "September"."""
        return period_label(self.period_kind, self.period_no)

    def scope_path(self) -> str:
        return self.org_unit.path


class UnitScore(ScopedModel):
    """One unit as of the end of one month: its weighted index, predicate, colour counts and league rank."""

    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    group = models.CharField(_("kelompok"), max_length=10, choices=UnitGroup.choices)
    year = models.PositiveSmallIntegerField(_("tahun"))
    month = models.PositiveSmallIntegerField(_("s.d. bulan"))
    index = models.DecimalField(_("indeks kinerja"), max_digits=12, decimal_places=2, null=True, blank=True)
    predicate_code = models.CharField(_("kode predikat"), max_length=40, blank=True)
    predicate_label = models.CharField(_("predikat"), max_length=80, blank=True)
    colour = models.CharField(_("warna"), max_length=6, choices=Colour.choices, blank=True)
    indicators = models.PositiveSmallIntegerField(_("indikator dihitung"), default=0)
    green = models.PositiveSmallIntegerField(_("hijau"), default=0)
    yellow = models.PositiveSmallIntegerField(_("kuning"), default=0)
    red = models.PositiveSmallIntegerField(_("merah"), default=0)
    no_data = models.PositiveSmallIntegerField(_("belum ada data"), default=0)
    rank = models.PositiveSmallIntegerField(_("peringkat"), null=True, blank=True)
    ranked = models.PositiveSmallIntegerField(_("jumlah diperingkat"), default=0)
    index_change = models.DecimalField(_("perubahan indeks"), max_digits=12, decimal_places=2, null=True, blank=True)
    computed_at = models.DateTimeField(_("dihitung pada"))

    scope_path_field = "org_unit__path"
    view_action = PERFORMANCE_VIEW

    class Meta:
        ordering = ["tenant_id", "year", "month", "group", "rank", "org_unit_id"]
        verbose_name = _("skor unit")
        verbose_name_plural = _("skor unit")
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "year", "month"], name="performance_uscore_unique"),
            models.CheckConstraint(condition=MONTH_RANGE, name="performance_uscore_month_range"),
        ]
        indexes = [models.Index(fields=["tenant", "year", "month", "group"], name="perf_uscore_league_idx")]

    def __str__(self) -> str:
        return f"{self.org_unit_id} {self.year}/{self.month}: {self.index}"

    def scope_path(self) -> str:
        return self.org_unit.path


class ProgramScore(ScopedModel):
    """One priority program as of the end of one month: the weighted index of the OPD indicators under it.

    Placed at the program's owner unit, so an Asisten sees the programs his OPDs own.
    """

    program = models.ForeignKey(
        PriorityProgram, on_delete=models.CASCADE, related_name="+", verbose_name=_("program prioritas")
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    month = models.PositiveSmallIntegerField(_("s.d. bulan"))
    index = models.DecimalField(_("indeks"), max_digits=12, decimal_places=2, null=True, blank=True)
    colour = models.CharField(_("warna"), max_length=6, choices=Colour.choices, blank=True)
    indicators = models.PositiveSmallIntegerField(_("indikator"), default=0)
    green = models.PositiveSmallIntegerField(_("hijau"), default=0)
    yellow = models.PositiveSmallIntegerField(_("kuning"), default=0)
    red = models.PositiveSmallIntegerField(_("merah"), default=0)
    no_data = models.PositiveSmallIntegerField(_("belum ada data"), default=0)
    computed_at = models.DateTimeField(_("dihitung pada"))

    scope_path_field = "program__owner_unit__path"
    view_action = PERFORMANCE_VIEW

    class Meta:
        ordering = ["tenant_id", "year", "month", "program_id"]
        verbose_name = _("skor program prioritas")
        verbose_name_plural = _("skor program prioritas")
        constraints = [
            models.UniqueConstraint(fields=["program", "year", "month"], name="performance_pscore_unique"),
            models.CheckConstraint(condition=MONTH_RANGE, name="performance_pscore_month_range"),
        ]
        indexes = [models.Index(fields=["tenant", "year", "month"], name="perf_pscore_month_idx")]

    def __str__(self) -> str:
        return f"{self.program_id} {self.year}/{self.month}: {self.index}"

    def scope_path(self) -> str:
        return self.program.owner_unit.path


class LikelihoodRating(ScopedModel):
    """A person's judgement of how likely an indicator's or a priority program's target is to be delivered.

    Every rating is a new row (the history); the latest per subject and month is the current one. It is
    shown beside the computed colour (kept in ``computed_colour`` as it was then) and never replaces it.
    """

    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("indikator")
    )
    program = models.ForeignKey(
        PriorityProgram,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("program prioritas"),
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    month = models.PositiveSmallIntegerField(_("s.d. bulan"))
    rating = models.CharField(_("kemungkinan tercapai"), max_length=12, choices=Likelihood.choices)
    reason = models.TextField(_("alasan"))
    computed_colour = models.CharField(_("warna terhitung saat itu"), max_length=6, choices=Colour.choices, blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("dinilai oleh")
    )

    scope_path_field = "org_unit__path"
    view_action = PERFORMANCE_VIEW

    class Meta:
        ordering = ["tenant_id", "-created_at", "-id"]
        verbose_name = _("penilaian kemungkinan tercapai")
        verbose_name_plural = _("penilaian kemungkinan tercapai")
        constraints = [
            models.CheckConstraint(
                condition=Q(indicator__isnull=False, program__isnull=True)
                | Q(indicator__isnull=True, program__isnull=False),
                name="performance_likelihood_one_subject",
            ),
            models.CheckConstraint(condition=MONTH_RANGE, name="performance_likelihood_month_range"),
        ]
        indexes = [
            models.Index(fields=["tenant", "year", "month"], name="perf_likelihood_month_idx"),
            models.Index(fields=["tenant", "indicator"], name="perf_likelihood_ind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_rating_display()} ({self.year}/{self.month})"

    def scope_path(self) -> str:
        return self.org_unit.path


class Consequence(ScopedModel):
    """An entry of the consequences register: a follow-up a trigger opened, with its owner, status and dates.

    ``trigger_key`` names the trigger that opened it (one entry per trigger, ever); ``subject_key`` the
    indicator, report or unit-year it is about (at most one active entry per subject and kind).
    """

    kind = models.CharField(_("jenis"), max_length=14, choices=ConsequenceKind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=ConsequenceStatus.choices, default=ConsequenceStatus.OPEN
    )
    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("indikator")
    )
    report = models.ForeignKey(
        Report, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("laporan")
    )
    employee = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("kepala unit")
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    period_kind = models.CharField(_("periode pelaporan"), max_length=10, choices=PeriodKind.choices, blank=True)
    period_no = models.PositiveSmallIntegerField(_("periode ke"), null=True, blank=True)
    trigger_key = models.CharField(_("pemicu"), max_length=120)
    subject_key = models.CharField(_("subjek"), max_length=120)
    title = models.CharField(_("judul"), max_length=300)
    facts = models.JSONField(_("data pemicu"), default=dict, blank=True)
    opened_on = models.DateField(_("dibuka pada"))
    due_on = models.DateField(_("batas tindak lanjut"))
    improvement_starts_on = models.DateField(_("masa perbaikan mulai"), null=True, blank=True)
    improvement_ends_on = models.DateField(_("masa perbaikan berakhir"), null=True, blank=True)
    owner_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit penanggung jawab")
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penanggung jawab"),
    )
    last_note = models.TextField(_("catatan terakhir"), blank=True)
    ended_on = models.DateField(_("diakhiri pada"), null=True, blank=True)

    scope_path_field = "org_unit__path"
    view_action = PERFORMANCE_VIEW

    class Meta:
        ordering = ["tenant_id", "-opened_on", "-id"]
        verbose_name = _("konsekuensi")
        verbose_name_plural = _("register konsekuensi")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "trigger_key"], name="performance_consequence_trigger_once"),
            models.UniqueConstraint(
                fields=["tenant", "kind", "subject_key"],
                condition=Q(status__in=ACTIVE_STATUSES),
                name="performance_consequence_one_active_per_subject",
            ),
            models.CheckConstraint(
                condition=Q(improvement_starts_on__isnull=True, improvement_ends_on__isnull=True)
                | Q(improvement_starts_on__lt=models.F("improvement_ends_on")),
                name="performance_consequence_improvement_dates",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["closed", "dismissed"]) | Q(ended_on__isnull=False),
                name="performance_consequence_final_has_end",
            ),
        ]
        indexes = [
            models.Index(fields=["tenant", "status", "due_on"], name="perf_consequence_due_idx"),
            models.Index(fields=["tenant", "org_unit", "year"], name="perf_consequence_unit_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def scope_path(self) -> str:
        return self.org_unit.path

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


class ConsequenceEvent(TenantModel):
    """One change of a register entry: who, when, the step, status from → to, and the note (the history)."""

    consequence = models.ForeignKey(
        Consequence, on_delete=models.CASCADE, related_name="events", verbose_name=_("konsekuensi")
    )
    step = models.CharField(_("langkah"), max_length=10, choices=ConsequenceStep.choices)
    from_status = models.CharField(_("dari status"), max_length=12, choices=ConsequenceStatus.choices, blank=True)
    to_status = models.CharField(_("ke status"), max_length=12, choices=ConsequenceStatus.choices)
    note = models.TextField(_("catatan"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oleh"),
    )
    actor_label = models.CharField(_("oleh (nama)"), max_length=200)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penanggung jawab baru"),
    )

    class Meta:
        ordering = ["consequence_id", "created_at", "id"]
        verbose_name = _("riwayat konsekuensi")
        verbose_name_plural = _("riwayat konsekuensi")
        indexes = [models.Index(fields=["tenant", "consequence"], name="perf_cevent_idx")]

    def __str__(self) -> str:
        return f"{self.consequence_id}: {self.step} {self.from_status}→{self.to_status}"
