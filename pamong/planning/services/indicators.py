"""State changes of indicators and their targets: definition, annual target and trajectory.

``indicator_set_targets`` replaces one year's trajectory as a whole, so a
trajectory is never half old and half new: every period of the indicator's
period kind must be given (a missing month or quarter is named in the message).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from pamong.core import audit
from pamong.core.errors import NotFoundError, ValidationFailed
from pamong.core.i18n import localized
from pamong.org.models import OrgUnit, Position
from pamong.performance.rules.aggregation import Aggregation as RuleAggregation
from pamong.performance.rules.aggregation import check_trajectory
from pamong.performance.rules.errors import PerformanceRuleError
from pamong.performance.rules.periods import PeriodKind as RulePeriodKind

from ..authz import authorize_unit
from ..choices import (
    PERIODS_PER_YEAR,
    Aggregation,
    IndicatorLevel,
    LowerIsBetterFormula,
    PeriodKind,
    Polarity,
    period_label,
)
from ..models import (
    Indicator,
    IndicatorTarget,
    PeriodTarget,
    PlanPeriod,
    PriorityProgram,
    RegionalTarget,
    StrategicTarget,
)

INDICATOR_FIELDS = (
    "org_unit",
    "level",
    "regional_target",
    "strategic_target",
    "priority_program",
    "code",
    "name",
    "unit_of_measure",
    "polarity",
    "lower_is_better_formula",
    "baseline",
    "aggregation",
    "period_kind",
    "weight",
    "data_source",
    "responsible_position",
)
#: The largest absolute value a target may hold (the column's 16 integer digits).
MAX_VALUE = Decimal("1e15")


@dataclass(frozen=True)
class IndicatorData:
    """The definition of an indicator as a form or serializer hands it over (types already parsed)."""

    code: str
    name: str
    unit_of_measure: str
    polarity: str = Polarity.MAXIMIZE
    lower_is_better_formula: str = ""
    baseline: Decimal | None = None
    aggregation: str = Aggregation.CUMULATIVE
    period_kind: str = PeriodKind.QUARTERLY
    weight: Decimal = Decimal("1")
    data_source: str = ""
    responsible_position: Position | None = None
    regional_target: RegionalTarget | None = None
    strategic_target: StrategicTarget | None = None
    priority_program: PriorityProgram | None = None


def check_definition(*, period: PlanPeriod, org_unit: OrgUnit, level: str, data: IndicatorData) -> dict[str, list[str]]:
    """Field errors of an indicator's definition (empty when valid)."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    for name in ("code", "name", "unit_of_measure"):
        if not getattr(data, name).strip():
            add(name, _("Wajib diisi."))
    if level not in IndicatorLevel.values:
        add("level", _("Pilih tingkat indikator."))
    if data.polarity not in Polarity.values:
        add("polarity", _("Pilih polaritas indikator."))
    if data.polarity == Polarity.MINIMIZE and data.lower_is_better_formula not in LowerIsBetterFormula.values:
        add("lower_is_better_formula", _("Indikator dengan polaritas negatif wajib memilih rumus capaian."))
    if data.polarity != Polarity.MINIMIZE and data.lower_is_better_formula:
        add(
            "lower_is_better_formula",
            _("Rumus polaritas negatif hanya untuk indikator yang semakin rendah semakin baik."),
        )
    if data.aggregation not in Aggregation.values:
        add("aggregation", _("Pilih cara agregasi."))
    if data.period_kind not in PeriodKind.values:
        add("period_kind", _("Pilih bulanan atau triwulanan."))
    if data.weight is None or data.weight <= 0:
        add("weight", _("Bobot harus lebih besar dari nol."))
    if data.baseline is not None and abs(data.baseline) >= MAX_VALUE:
        add("baseline", _("Angka terlalu besar."))
    if data.responsible_position is not None and data.responsible_position.tenant_id != org_unit.tenant_id:
        add("responsible_position", _("Jabatan tidak ditemukan."))
    if level == IndicatorLevel.REGIONAL:
        if org_unit.parent_id is not None:
            add("level", _("IKU daerah ditempatkan pada unit akar pemerintah daerah."))
        if data.regional_target is None:
            add("regional_target", _("IKU daerah wajib terkait dengan sasaran RPJMD."))
        if data.strategic_target is not None or data.priority_program is not None:
            add("strategic_target", _("IKU daerah tidak terkait dengan sasaran strategis OPD."))
    elif level == IndicatorLevel.OPD and data.regional_target is not None:
        add("regional_target", _("Indikator OPD terkait ke sasaran RPJMD melalui sasaran strategisnya."))
    if data.regional_target is not None and data.regional_target.goal.mission.period_id != period.pk:
        add("regional_target", _("Sasaran RPJMD bukan dari periode ini."))
    if data.strategic_target is not None and (
        data.strategic_target.org_unit_id != org_unit.pk or data.strategic_target.period_id != period.pk
    ):
        add("strategic_target", _("Sasaran strategis harus milik unit ini pada periode yang sama."))
    if data.priority_program is not None and data.priority_program.period_id != period.pk:
        add("priority_program", _("Program prioritas bukan dari periode ini."))
    return errors


def check_targets(
    *,
    period: PlanPeriod,
    period_kind: str,
    aggregation: str,
    year: int,
    annual_target: Decimal | None,
    period_targets: Mapping[int, Any],
) -> dict[str, list[str]]:
    """Field errors of one year's targets; a missing period is named (``period_3``: "Target Maret belum diisi").

    A complete trajectory must also agree with the annual target the way the indicator
    aggregates (sum, last period or average: ``performance.rules.aggregation.check_trajectory``).
    """
    errors: dict[str, list[str]] = {}
    if not period.covers(year):
        errors["year"] = [
            _("Tahun harus dalam periode %(start)d–%(end)d.") % {"start": period.start_year, "end": period.end_year}
        ]
    if annual_target is None:
        errors["annual_target"] = [_("Target tahunan wajib diisi.")]
    elif abs(annual_target) >= MAX_VALUE:
        errors["annual_target"] = [_("Angka terlalu besar.")]
    count = PERIODS_PER_YEAR.get(period_kind, 0)  # type: ignore[call-overload]
    for number in period_targets:
        if not 1 <= number <= count:
            errors.setdefault("period_targets", []).append(
                _("Periode ke-%(n)d tidak ada pada indikator %(kind)s.")
                % {"n": number, "kind": PeriodKind(period_kind).label.lower()}
            )
    for number in range(1, count + 1):
        value = period_targets.get(number)
        label = period_label(period_kind, number)
        if value is None:
            errors[f"period_{number}"] = [_("Target %(period)s belum diisi.") % {"period": label}]
        elif not isinstance(value, Decimal) or not value.is_finite():
            errors[f"period_{number}"] = [_("Target %(period)s harus berupa angka.") % {"period": label}]
        elif abs(value) >= MAX_VALUE:
            errors[f"period_{number}"] = [_("Target %(period)s terlalu besar.") % {"period": label}]
    if not errors and annual_target is not None:
        try:
            check_trajectory(
                dict(period_targets),
                kind=RulePeriodKind(period_kind),
                method=RuleAggregation(aggregation),
                annual_target=annual_target,
            )
        except PerformanceRuleError as exc:
            errors["period_targets"] = [localized(exc)]
    return errors


def _snapshot(indicator: Indicator) -> dict[str, Any]:
    return audit.model_snapshot(indicator, INDICATOR_FIELDS)


def _write_targets(
    indicator: Indicator, year: int, annual_target: Decimal, period_targets: Mapping[int, Decimal]
) -> None:
    IndicatorTarget.objects.update_or_create(
        indicator=indicator, year=year, defaults={"tenant_id": indicator.tenant_id, "annual_target": annual_target}
    )
    PeriodTarget.objects.filter(indicator=indicator, year=year).delete()
    PeriodTarget.objects.bulk_create(
        PeriodTarget(tenant_id=indicator.tenant_id, indicator=indicator, year=year, period_no=number, target=value)
        for number, value in sorted(period_targets.items())
    )


def _targets_after(year: int, annual_target: Decimal, period_targets: Mapping[int, Decimal]) -> dict[str, Any]:
    return {
        "year": year,
        "annual_target": str(annual_target),
        "periods": {str(n): str(v) for n, v in sorted(period_targets.items())},
    }


@transaction.atomic
def indicator_create(
    *,
    actor: Any,
    org_unit: OrgUnit,
    period: PlanPeriod,
    level: str,
    data: IndicatorData,
    year: int | None = None,
    annual_target: Decimal | None = None,
    period_targets: Mapping[int, Decimal] | None = None,
) -> Indicator:
    """A new indicator at ``org_unit``; with ``year`` its first annual target and trajectory in the same step."""
    authorize_unit(actor, org_unit)
    if period.tenant_id != org_unit.tenant_id:
        raise NotFoundError(_("Data tidak ditemukan."))
    errors = check_definition(period=period, org_unit=org_unit, level=level, data=data)
    if (
        data.code.strip()
        and Indicator.objects.filter(period=period, org_unit=org_unit, code=data.code.strip()).exists()
    ):
        errors.setdefault("code", []).append(
            _("Kode %(code)s sudah dipakai di unit ini.") % {"code": data.code.strip()}
        )
    if year is not None:
        errors.update(
            check_targets(
                period=period,
                period_kind=data.period_kind,
                aggregation=data.aggregation,
                year=year,
                annual_target=annual_target,
                period_targets=period_targets or {},
            )
        )
    if errors:
        raise ValidationFailed(_("Data indikator tidak sah; periksa isian yang ditandai."), field_errors=errors)
    indicator: Indicator = Indicator.objects.create(
        tenant_id=org_unit.tenant_id,
        org_unit=org_unit,
        period=period,
        level=level,
        code=data.code.strip(),
        name=data.name.strip(),
        unit_of_measure=data.unit_of_measure.strip(),
        polarity=data.polarity,
        lower_is_better_formula=data.lower_is_better_formula,
        baseline=data.baseline,
        aggregation=data.aggregation,
        period_kind=data.period_kind,
        weight=data.weight,
        data_source=data.data_source.strip(),
        responsible_position=data.responsible_position,
        regional_target=data.regional_target,
        strategic_target=data.strategic_target,
        priority_program=data.priority_program,
    )
    after = _snapshot(indicator)
    if year is not None and annual_target is not None:
        _write_targets(indicator, year, annual_target, period_targets or {})
        after["targets"] = _targets_after(year, annual_target, period_targets or {})
    audit.record(
        actor=actor,
        tenant_id=indicator.tenant_id,
        action="planning.indicator.created",
        target=indicator,
        org_unit_path=org_unit.path,
        after=after,
    )
    return indicator


@transaction.atomic
def indicator_update(*, actor: Any, indicator: Indicator, data: IndicatorData, reason: str = "") -> Indicator:
    """Change an indicator's definition. Changing months to quarters (or back) drops no trajectory silently:
    set the targets anew with ``indicator_set_targets`` first."""
    authorize_unit(actor, indicator.org_unit)
    indicator = Indicator.objects.select_for_update().select_related("org_unit", "period").get(pk=indicator.pk)
    before = _snapshot(indicator)
    errors = check_definition(period=indicator.period, org_unit=indicator.org_unit, level=indicator.level, data=data)
    code = data.code.strip()
    if (
        code
        and code != indicator.code
        and Indicator.objects.filter(
            period_id=indicator.period_id, org_unit_id=indicator.org_unit_id, code=code
        ).exists()
    ):
        errors.setdefault("code", []).append(_("Kode %(code)s sudah dipakai di unit ini.") % {"code": code})
    if data.period_kind != indicator.period_kind and PeriodTarget.objects.filter(indicator=indicator).exists():
        errors.setdefault("period_kind", []).append(
            _("Indikator ini sudah memiliki target per periode; hapus atau isi ulang target sebelum mengganti periode.")
        )
    if errors:
        raise ValidationFailed(_("Data indikator tidak sah; periksa isian yang ditandai."), field_errors=errors)
    for name in INDICATOR_FIELDS:
        if name in ("org_unit", "level"):
            continue
        value = getattr(data, name)
        setattr(indicator, name, value.strip() if isinstance(value, str) else value)
    after = _snapshot(indicator)
    if after != before:
        indicator.save()
        audit.record(
            actor=actor,
            tenant_id=indicator.tenant_id,
            action="planning.indicator.updated",
            target=indicator,
            org_unit_path=indicator.org_unit.path,
            before=before,
            after=after,
            reason=reason,
        )
    return indicator


@transaction.atomic
def indicator_set_targets(
    *,
    actor: Any,
    indicator: Indicator,
    year: int,
    annual_target: Decimal | None,
    period_targets: Mapping[int, Decimal],
) -> Indicator:
    """Replace one year's annual target and trajectory of ``indicator`` atomically."""
    authorize_unit(actor, indicator.org_unit)
    indicator = Indicator.objects.select_for_update().select_related("org_unit", "period").get(pk=indicator.pk)
    errors = check_targets(
        period=indicator.period,
        period_kind=indicator.period_kind,
        aggregation=indicator.aggregation,
        year=year,
        annual_target=annual_target,
        period_targets=period_targets,
    )
    if errors:
        raise ValidationFailed(_("Target tidak sah; periksa isian yang ditandai."), field_errors=errors)
    assert annual_target is not None  # checked above
    previous = IndicatorTarget.objects.filter(indicator=indicator, year=year).first()
    old_periods = dict(PeriodTarget.objects.filter(indicator=indicator, year=year).values_list("period_no", "target"))
    before = _targets_after(year, previous.annual_target, old_periods) if previous else None
    _write_targets(indicator, year, annual_target, period_targets)
    audit.record(
        actor=actor,
        tenant_id=indicator.tenant_id,
        action="planning.indicator.targets_set",
        target=indicator,
        org_unit_path=indicator.org_unit.path,
        before=before,
        after=_targets_after(year, annual_target, period_targets),
    )
    return indicator
