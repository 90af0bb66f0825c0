"""Importing the planning tree from SIPD-shaped JSON: validate the whole payload, then apply it atomically.

Re-importing the same file changes nothing: every row is found by its natural key
(period by start year, mission by number, goal/target/strategic target/indicator by
their SIPD codes) and only differing texts are updated. One audit event per import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from pamong.core import audit
from pamong.core.authz import require_tenant
from pamong.core.errors import ValidationFailed
from pamong.org.models import OrgUnit

from ..authz import authorize_tenant_wide, authorize_unit
from ..choices import IndicatorLevel, LowerIsBetterFormula, PeriodKind, Polarity
from ..models import (
    Goal,
    Indicator,
    IndicatorTarget,
    Mission,
    PlanPeriod,
    PriorityProgram,
    RegionalTarget,
    StrategicTarget,
)
from ..sipd import IndicatorRow, load_json, read_renstra, read_rpjmd

KINDS = ("rpjmd", "renstra")


@dataclass
class ImportResult:
    kind: str
    period: PlanPeriod
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, bucket: dict[str, int], name: str) -> None:
        bucket[name] = bucket.get(name, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _upsert(result: ImportResult, name: str, model: Any, keys: dict[str, Any], values: dict[str, Any]) -> Any:
    row = model.objects.filter(**keys).first()
    if row is None:
        row = model.objects.create(**keys, **values)
        result.count(result.created, name)
        return row
    changed = {k: v for k, v in values.items() if getattr(row, k) != v and k != "tenant_id"}
    if changed:
        for k, v in changed.items():
            setattr(row, k, v)
        row.save(update_fields=[*changed, "updated_at"])
        result.count(result.updated, name)
    return row


def _indicator(
    result: ImportResult, *, period: PlanPeriod, unit: OrgUnit, level: str, row: IndicatorRow, links: dict[str, Any]
) -> None:
    values: dict[str, Any] = {
        "tenant_id": period.tenant_id,
        "level": level,
        "name": row.name,
        "unit_of_measure": row.unit_of_measure,
        "baseline": row.baseline,
        "polarity": row.polarity,
        **links,
    }
    if row.polarity == Polarity.MINIMIZE:
        values["lower_is_better_formula"] = LowerIsBetterFormula.MAJALENGKA
    indicator = Indicator.objects.filter(period=period, org_unit=unit, code=row.code).first()
    if indicator is None:
        indicator = Indicator.objects.create(
            period=period, org_unit=unit, code=row.code, period_kind=PeriodKind.QUARTERLY, **values
        )
        result.count(result.created, "indicators")
    else:
        if row.polarity != Polarity.MINIMIZE:
            values["lower_is_better_formula"] = ""
        changed = {k: v for k, v in values.items() if k != "tenant_id" and getattr(indicator, k) != v}
        if changed:
            for k, v in changed.items():
                setattr(indicator, k, v)
            indicator.save(update_fields=[*changed, "updated_at"])
            result.count(result.updated, "indicators")
    for offset, target in enumerate(row.targets, start=1):
        if target is None:
            continue
        year = period.start_year + offset
        existing = IndicatorTarget.objects.filter(indicator=indicator, year=year).first()
        if existing is None:
            IndicatorTarget.objects.create(
                tenant_id=period.tenant_id, indicator=indicator, year=year, annual_target=target
            )
            result.count(result.created, "annual_targets")
        elif existing.annual_target != target:
            existing.annual_target = target
            existing.save(update_fields=["annual_target", "updated_at"])
            result.count(result.updated, "annual_targets")


def _apply_rpjmd(actor: Any, tenant_id: int, data: Any) -> ImportResult:
    payload, problems = read_rpjmd(data)
    if payload is not None and payload.end_year != payload.start_year + 5:
        problems = {"tahun_akhir": [_("Periode RPJMD mencakup lima tahun: tahun akhir harus tahun awal + 5.")]}
    if payload is None or problems:
        raise ValidationFailed(
            _("Berkas RPJMD tidak dapat diimpor; perbaiki kesalahan berikut."), field_errors=problems
        )
    root = OrgUnit.objects.filter(tenant_id=tenant_id, parent__isnull=True).first()
    if root is None:
        raise ValidationFailed(_("Pemerintah daerah ini belum memiliki unit akar."))
    period = PlanPeriod.objects.filter(tenant_id=tenant_id, start_year=payload.start_year).first()
    result = ImportResult("rpjmd", period)  # type: ignore[arg-type]
    period = _upsert(
        result,
        "periods",
        PlanPeriod,
        {"tenant_id": tenant_id, "start_year": payload.start_year},
        {"end_year": payload.end_year, "name": payload.name, "vision": payload.vision},
    )
    result.period = period
    for m in payload.missions:
        mission = _upsert(
            result,
            "missions",
            Mission,
            {"period": period, "number": m.number},
            {"tenant_id": tenant_id, "text": m.text},
        )
        for g in m.goals:
            goal = _upsert(
                result, "goals", Goal, {"mission": mission, "code": g.code}, {"tenant_id": tenant_id, "text": g.text}
            )
            for t in g.targets:
                target = _upsert(
                    result,
                    "regional_targets",
                    RegionalTarget,
                    {"goal": goal, "code": t.code},
                    {"tenant_id": tenant_id, "text": t.text},
                )
                for row in t.indicators:
                    _indicator(
                        result,
                        period=period,
                        unit=root,
                        level=IndicatorLevel.REGIONAL,
                        row=row,
                        links={"regional_target": target},
                    )
    return result


def _apply_renstra(actor: Any, tenant_id: int, data: Any) -> ImportResult:
    payload, problems = read_renstra(data)
    if payload is None:
        raise ValidationFailed(
            _("Berkas Renstra tidak dapat diimpor; perbaiki kesalahan berikut."), field_errors=problems
        )
    period = PlanPeriod.objects.filter(tenant_id=tenant_id, start_year=payload.start_year).first()
    if period is None:
        raise ValidationFailed(
            _("Berkas Renstra tidak dapat diimpor; perbaiki kesalahan berikut."),
            field_errors={
                "tahun_awal": [
                    _("Belum ada RPJMD yang dimulai tahun %(year)d; impor RPJMD dahulu.") % {"year": payload.start_year}
                ]
            },
        )
    units = {
        u.code: u for u in OrgUnit.objects.filter(tenant_id=tenant_id, code__in=[u.unit_code for u in payload.units])
    }
    targets = {t.code: t for t in RegionalTarget.objects.filter(tenant_id=tenant_id, goal__mission__period=period)}
    programs = {p.code: p for p in PriorityProgram.objects.filter(period=period)}
    errors: dict[str, list[str]] = {}
    for u_index, unit_row in enumerate(payload.units):
        path = f"renstra[{u_index}]"
        if unit_row.unit_code not in units:
            errors[f"{path}.kode_skpd"] = [_("Unit dengan kode %(code)s tidak ada.") % {"code": unit_row.unit_code}]
        for s_index, s in enumerate(unit_row.targets):
            if s.regional_target_code and s.regional_target_code not in targets:
                errors[f"{path}.sasaran[{s_index}].id_sasaran_rpjmd"] = [
                    _("Sasaran RPJMD %(code)s tidak ada pada periode ini.") % {"code": s.regional_target_code}
                ]
            if s.program_code and s.program_code not in programs:
                errors[f"{path}.sasaran[{s_index}].kode_program_prioritas"] = [
                    _("Program prioritas %(code)s tidak ada pada periode ini.") % {"code": s.program_code}
                ]
    if errors:
        raise ValidationFailed(
            _("Berkas Renstra tidak dapat diimpor; perbaiki kesalahan berikut."), field_errors=errors
        )
    for unit_row in payload.units:
        authorize_unit(actor, units[unit_row.unit_code])
    result = ImportResult("renstra", period)
    for unit_row in payload.units:
        unit = units[unit_row.unit_code]
        for s in unit_row.targets:
            strategic = _upsert(
                result,
                "strategic_targets",
                StrategicTarget,
                {"period": period, "org_unit": unit, "code": s.code},
                {
                    "tenant_id": tenant_id,
                    "text": s.text,
                    "regional_target": targets.get(s.regional_target_code),
                    "priority_program": programs.get(s.program_code),
                },
            )
            for row in s.indicators:
                _indicator(
                    result,
                    period=period,
                    unit=unit,
                    level=IndicatorLevel.OPD,
                    row=row,
                    links={"strategic_target": strategic},
                )
    return result


@transaction.atomic
def planning_import_sipd(*, actor: Any, payload: bytes, kind: str) -> ImportResult:
    """Import an RPJMD (tenant-wide, the planner) or Renstra (per OPD, its head or the planner) from SIPD JSON."""
    if kind not in KINDS:
        raise ValidationFailed(_("Jenis impor harus rpjmd atau renstra."), field_errors={"kind": [_("Pilih jenis.")]})
    # An RPJMD is the planner's; a Renstra is checked per OPD once its units are known.
    tenant_id = authorize_tenant_wide(actor) if kind == "rpjmd" else require_tenant(actor)
    try:
        data = load_json(payload)
    except ValueError as exc:
        raise ValidationFailed(str(exc), field_errors={"file": [str(exc)]}) from exc
    result = _apply_rpjmd(actor, tenant_id, data) if kind == "rpjmd" else _apply_renstra(actor, tenant_id, data)
    audit.record(
        actor=actor,
        tenant_id=tenant_id,
        action=f"planning.import.{kind}",
        target=result.period,
        after={"created": result.created, "updated": result.updated},
    )
    return result
