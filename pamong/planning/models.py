# mypy: disable-error-code="django-manager-missing"
# (the plugin cannot resolve reverse managers of models whose manager comes from a custom queryset)
"""The planning cascade: the RPJMD (vision, missions, goals, regional targets), priority programs,
and each OPD's Renstra (strategic targets, indicators with annual targets and trajectories).

Only the RPJMD rows are tenant-wide; strategic targets and indicators sit at their OPD's unit
so that scope decides who sees and maintains them (rules.md §5.1–5.2).
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pamong.core.models import ScopedModel, TenantModel
from pamong.org.models import OrgUnit, Position

from .choices import Aggregation, IndicatorLevel, LowerIsBetterFormula, PeriodKind, PeriodStatus, Polarity, ProgramKind
from .querysets import IndicatorQuerySet, TenantWideQuerySet

VIEW = "planning.view"


class PlanPeriod(TenantModel):
    """An RPJMD period (five years) with the head of region's vision; at most one is in force."""

    name = models.CharField(_("nama"), max_length=120, help_text=_("Mis. RPJMD 2025–2030"))
    start_year = models.PositiveSmallIntegerField(_("tahun awal"))
    end_year = models.PositiveSmallIntegerField(_("tahun akhir"))
    vision = models.TextField(_("visi"))
    status = models.CharField(_("status"), max_length=10, choices=PeriodStatus.choices, default=PeriodStatus.DRAFT)

    objects: ClassVar[TenantWideQuerySet] = TenantWideQuerySet.as_manager()  # type: ignore[assignment]

    view_action = VIEW

    class Meta:
        ordering = ["tenant_id", "-start_year", "name"]
        verbose_name = _("periode RPJMD")
        verbose_name_plural = _("periode RPJMD")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "start_year"], name="planning_period_tenant_start"),
            models.UniqueConstraint(
                fields=["tenant"], condition=Q(status="active"), name="planning_period_one_active_per_tenant"
            ),
            models.CheckConstraint(
                condition=Q(end_year=models.F("start_year") + 5), name="planning_period_five_year_span"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def covers(self, year: int) -> bool:
        return self.start_year <= year <= self.end_year


class Mission(TenantModel):
    """One mission (misi) of the vision, numbered as in the RPJMD."""

    period = models.ForeignKey(PlanPeriod, on_delete=models.CASCADE, related_name="missions", verbose_name=_("periode"))
    number = models.PositiveSmallIntegerField(_("nomor"))
    text = models.TextField(_("misi"))

    objects: ClassVar[TenantWideQuerySet] = TenantWideQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["tenant_id", "period_id", "number"]
        verbose_name = _("misi")
        verbose_name_plural = _("misi")
        constraints = [models.UniqueConstraint(fields=["period", "number"], name="planning_mission_period_number")]
        indexes = [models.Index(fields=["tenant", "period"], name="planning_mission_period_idx")]

    def __str__(self) -> str:
        return f"Misi {self.number}"


class Goal(TenantModel):
    """A goal (tujuan) of a mission."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="goals", verbose_name=_("misi"))
    code = models.CharField(_("kode"), max_length=40)
    text = models.TextField(_("tujuan"))

    objects: ClassVar[TenantWideQuerySet] = TenantWideQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["tenant_id", "mission_id", "code"]
        verbose_name = _("tujuan")
        verbose_name_plural = _("tujuan")
        constraints = [models.UniqueConstraint(fields=["mission", "code"], name="planning_goal_mission_code")]
        indexes = [models.Index(fields=["tenant", "mission"], name="planning_goal_mission_idx")]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"


class RegionalTarget(TenantModel):
    """A regional target (sasaran RPJMD) of a goal; its indicators are the IKU daerah."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="targets", verbose_name=_("tujuan"))
    code = models.CharField(_("kode"), max_length=40)
    text = models.TextField(_("sasaran"))

    objects: ClassVar[TenantWideQuerySet] = TenantWideQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["tenant_id", "goal_id", "code"]
        verbose_name = _("sasaran RPJMD")
        verbose_name_plural = _("sasaran RPJMD")
        constraints = [models.UniqueConstraint(fields=["goal", "code"], name="planning_rtarget_goal_code")]
        indexes = [models.Index(fields=["tenant", "goal"], name="planning_rtarget_goal_idx")]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"


class PriorityProgram(TenantModel):
    """A named priority program (e.g. one of the "7 program pokok") or movement (gerakan), owned by an OPD."""

    period = models.ForeignKey(PlanPeriod, on_delete=models.CASCADE, related_name="programs", verbose_name=_("periode"))
    code = models.CharField(_("kode"), max_length=40)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=10, choices=ProgramKind.choices, default=ProgramKind.PROGRAM)
    owner_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("OPD penanggung jawab")
    )
    description = models.TextField(_("uraian"), blank=True)

    objects: ClassVar[TenantWideQuerySet] = TenantWideQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["tenant_id", "period_id", "kind", "code"]
        verbose_name = _("program prioritas")
        verbose_name_plural = _("program prioritas")
        constraints = [models.UniqueConstraint(fields=["period", "code"], name="planning_program_period_code")]
        indexes = [models.Index(fields=["tenant", "period"], name="planning_program_period_idx")]

    def __str__(self) -> str:
        return self.name


class StrategicTarget(ScopedModel):
    """An OPD's strategic target (sasaran strategis of its Renstra), linked up to the RPJMD."""

    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("OPD"))
    period = models.ForeignKey(
        PlanPeriod, on_delete=models.CASCADE, related_name="strategic_targets", verbose_name=_("periode")
    )
    code = models.CharField(_("kode"), max_length=40)
    text = models.TextField(_("sasaran strategis"))
    regional_target = models.ForeignKey(
        RegionalTarget,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="strategic_targets",
        verbose_name=_("sasaran RPJMD"),
    )
    priority_program = models.ForeignKey(
        PriorityProgram,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="strategic_targets",
        verbose_name=_("program prioritas"),
    )

    scope_path_field = "org_unit__path"
    view_action = VIEW

    class Meta:
        ordering = ["tenant_id", "org_unit_id", "code"]
        verbose_name = _("sasaran strategis")
        verbose_name_plural = _("sasaran strategis")
        constraints = [
            models.UniqueConstraint(fields=["period", "org_unit", "code"], name="planning_starget_unit_code")
        ]
        indexes = [models.Index(fields=["tenant", "period", "org_unit"], name="planning_starget_unit_idx")]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"

    def scope_path(self) -> str:
        return self.org_unit.path


class Indicator(ScopedModel):
    """A performance indicator with its definition: how it is measured, aggregated and weighted.

    A regional indicator (IKU daerah) hangs under a regional target and sits on the
    root unit; an OPD indicator hangs under a strategic target and/or a priority program.
    """

    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    period = models.ForeignKey(
        PlanPeriod, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("periode")
    )
    level = models.CharField(_("tingkat"), max_length=10, choices=IndicatorLevel.choices)
    regional_target = models.ForeignKey(
        RegionalTarget,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("sasaran RPJMD"),
    )
    strategic_target = models.ForeignKey(
        StrategicTarget,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("sasaran strategis"),
    )
    priority_program = models.ForeignKey(
        PriorityProgram,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("program prioritas"),
    )
    code = models.CharField(_("kode"), max_length=40)
    name = models.CharField(_("nama indikator"), max_length=300)
    unit_of_measure = models.CharField(_("satuan"), max_length=40)
    polarity = models.CharField(_("polaritas"), max_length=10, choices=Polarity.choices, default=Polarity.MAXIMIZE)
    lower_is_better_formula = models.CharField(
        _("rumus polaritas negatif"), max_length=20, choices=LowerIsBetterFormula.choices, blank=True
    )
    baseline = models.DecimalField(_("kondisi awal"), null=True, blank=True, max_digits=20, decimal_places=4)
    aggregation = models.CharField(
        _("cara agregasi"), max_length=12, choices=Aggregation.choices, default=Aggregation.CUMULATIVE
    )
    period_kind = models.CharField(
        _("periode pelaporan"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.QUARTERLY
    )
    weight = models.DecimalField(
        _("bobot"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    data_source = models.CharField(_("sumber data"), max_length=200, blank=True)
    responsible_position = models.ForeignKey(
        Position,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("jabatan penanggung jawab"),
    )

    objects: ClassVar[IndicatorQuerySet] = IndicatorQuerySet.as_manager()  # type: ignore[assignment]

    scope_path_field = "org_unit__path"
    view_action = VIEW

    class Meta:
        ordering = ["tenant_id", "org_unit_id", "code"]
        verbose_name = _("indikator kinerja")
        verbose_name_plural = _("indikator kinerja")
        constraints = [
            models.UniqueConstraint(fields=["period", "org_unit", "code"], name="planning_indicator_unit_code"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="planning_indicator_weight_positive"),
            models.CheckConstraint(
                condition=~Q(polarity="minimize") | ~Q(lower_is_better_formula=""),
                name="planning_indicator_minimize_has_formula",
            ),
        ]
        indexes = [
            models.Index(fields=["tenant", "period", "org_unit"], name="planning_indicator_unit_idx"),
            models.Index(fields=["tenant", "period", "level"], name="planning_indicator_level_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def scope_path(self) -> str:
        return self.org_unit.path


class IndicatorTarget(TenantModel):
    """An indicator's annual target for one year."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="annual_targets", verbose_name=_("indikator")
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    annual_target = models.DecimalField(_("target tahunan"), max_digits=20, decimal_places=4)

    class Meta:
        ordering = ["tenant_id", "indicator_id", "year"]
        verbose_name = _("target tahunan")
        verbose_name_plural = _("target tahunan")
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="planning_itarget_indicator_year")]
        indexes = [models.Index(fields=["tenant", "year"], name="planning_itarget_year_idx")]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.year}: {self.annual_target}"


class PeriodTarget(TenantModel):
    """One point of an indicator's trajectory: the target for a month (1–12) or a quarter (1–4)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="period_targets", verbose_name=_("indikator")
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    period_no = models.PositiveSmallIntegerField(_("periode ke"))
    target = models.DecimalField(_("target"), max_digits=20, decimal_places=4)

    class Meta:
        ordering = ["tenant_id", "indicator_id", "year", "period_no"]
        verbose_name = _("target periode")
        verbose_name_plural = _("target periode")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "period_no"], name="planning_ptarget_unique"),
            models.CheckConstraint(
                condition=Q(period_no__gte=1, period_no__lte=12), name="planning_ptarget_period_range"
            ),
        ]
        indexes = [models.Index(fields=["tenant", "year"], name="planning_ptarget_year_idx")]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.year}/{self.period_no}: {self.target}"
