"""Plans Kabupaten Tanah Bunga's planning cascade (RPJMD 2025–2030, active) as dataclasses.

``plan_planning(seed=..., units=..., unit_tags=..., position_tags=...)`` depends on its
arguments only: one ``random.Random`` seeded from the demo seed, consumed in a fixed
order. The text comes from ``planning_catalog`` / ``planning_renstra``; the seed moves
the figures a little (counts by up to ±8 %, levels by a few steps of their last decimal)
and draws the 2026 trajectories.

Every row keeps the planning services' rules (``pamong.planning.services``), because the
loader writes them in bulk without the services: IKU daerah on the root unit with a
regional target and nothing else; OPD indicators linked upward through their strategic
target (or a program), never directly to a regional target; a lower-is-better indicator
with its formula, a higher-is-better one without; weights above zero; a complete 2026
trajectory (12 months or 4 quarters), consistent with the aggregation as
``pamong.performance.rules.aggregation.check_trajectory`` demands:

- cumulative: the period targets add up to the annual target (a seasonal split);
- latest: a ramp from the baseline (from 0 for budget/physical realisation) ending at it;
- average: a symmetric ramp around it (improving through the year), so the mean is it.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .dto import UnitPlan
from .planning_catalog import (
    AVERAGE,
    CUMULATIVE,
    END_YEAR,
    GOALS,
    MISSIONS,
    MONTHLY,
    NAME,
    PROGRAMS,
    START_YEAR,
    TARGET_YEAR,
    TARGETS,
    VISION,
    IndicatorSpec,
    StrategicSpec,
)
from .planning_renstra import ORPHANS, RENSTRA, governance, kecamatan_renstra

REGIONAL, OPD = "regional", "opd"
MAXIMIZE, MINIMIZE = "maximize", "minimize"
MAJALENGKA, TARGET_OVER_ACTUAL = "majalengka", "target_over_actual"
#: Tags of the units heading the cascade that are not ``opd:<slug>`` dinas/badan, with their head's post tag.
OTHER_OPDS = {"setda": "sekda", "setwan": "head:setwan", "insp": "head:insp", "rsud": "head:rsud"}


@dataclass(frozen=True, slots=True)
class MissionPlan:
    number: int
    text: str


@dataclass(frozen=True, slots=True)
class GoalPlan:
    mission_number: int
    code: str
    text: str


@dataclass(frozen=True, slots=True)
class RegionalTargetPlan:
    goal_code: str
    code: str
    text: str


@dataclass(frozen=True, slots=True)
class ProgramPlan:
    code: str
    name: str
    kind: str
    owner_unit_code: str
    description: str


@dataclass(frozen=True, slots=True)
class StrategicTargetPlan:
    unit_code: str
    code: str
    text: str
    regional_target_code: str | None
    program_code: str | None


@dataclass(frozen=True, slots=True)
class IndicatorPlan:
    """One indicator with its 2026 annual target and trajectory (``trajectory[i]`` is period ``i + 1``)."""

    unit_code: str
    level: str
    code: str
    name: str
    unit_of_measure: str
    polarity: str
    lower_is_better_formula: str
    baseline: Decimal
    aggregation: str
    period_kind: str
    weight: Decimal
    data_source: str
    responsible_position_code: str | None
    regional_target_code: str | None
    strategic_target_code: str | None  # a code of a strategic target of the same unit
    program_code: str | None
    year: int
    annual_target: Decimal
    trajectory: tuple[Decimal, ...]

    @property
    def is_orphan(self) -> bool:
        return self.level == OPD and self.strategic_target_code is None and self.program_code is None


@dataclass(frozen=True)
class PlanningPlan:
    name: str
    start_year: int
    end_year: int
    vision: str
    missions: tuple[MissionPlan, ...]
    goals: tuple[GoalPlan, ...]
    targets: tuple[RegionalTargetPlan, ...]
    programs: tuple[ProgramPlan, ...]
    strategic: tuple[StrategicTargetPlan, ...]
    indicators: tuple[IndicatorPlan, ...]

    def counts(self) -> dict[str, int]:
        return {
            "missions": len(self.missions),
            "goals": len(self.goals),
            "regional_targets": len(self.targets),
            "priority_programs": len(self.programs),
            "strategic_targets": len(self.strategic),
            "indicators": len(self.indicators),
            "iku": sum(1 for i in self.indicators if i.level == REGIONAL),
            "orphan_indicators": sum(1 for i in self.indicators if i.is_orphan),
            "period_targets": sum(len(i.trajectory) for i in self.indicators),
        }


# --- figures -----------------------------------------------------------------------------------


def _quantum(*values: str) -> Decimal:
    """The finest last decimal among the catalogue's figures (``"12.36"`` -> ``0.01``)."""
    exponent = min(int(Decimal(v).as_tuple().exponent) for v in values)
    return Decimal(1).scaleb(exponent)


def _figures(spec: IndicatorSpec, rng: random.Random) -> tuple[Decimal, Decimal, Decimal]:
    """(baseline, annual target, quantum), moved by the seed: counts scale, levels shift by at most 2 %."""
    q = _quantum(spec.baseline, spec.target)
    baseline, target = Decimal(spec.baseline), Decimal(spec.target)
    if spec.how[0] == CUMULATIVE:
        factor = Decimal(rng.randint(92, 108)) / 100
        baseline, target = (baseline * factor).quantize(q), (target * factor).quantize(q)
    else:
        steps = min(3, int(target * Decimal("0.02") / q))
        shift = q * rng.randint(-steps, steps)
        baseline, target = baseline + shift, target + shift
    if spec.unit == "%":
        baseline, target = min(baseline, Decimal(100)), min(target, Decimal(100))
    return max(baseline, Decimal(0)), max(target, Decimal(0)), q


def _cumulative(target: Decimal, q: Decimal, n: int, rng: random.Random) -> list[Decimal]:
    """A seasonal split that adds up to ``target`` exactly: each period is the step of the rounded running total."""
    weights = [rng.randint(70, 130) for _ in range(n)]
    total, running, previous = sum(weights), 0, Decimal(0)
    values = []
    for w in weights:
        running += w
        reached = (target * running / total).quantize(q)
        values.append(reached - previous)
        previous = reached
    return values


def _latest(start: Decimal, target: Decimal, q: Decimal, n: int) -> list[Decimal]:
    """The expected level at the end of each period, from ``start`` to exactly ``target``."""
    return [(start + (target - start) * p / n).quantize(q) for p in range(1, n)] + [target]


def _average(
    target: Decimal, q: Decimal, n: int, improving_down: bool, ceiling: Decimal | None, rng: random.Random
) -> list[Decimal]:
    """A ramp symmetric around ``target`` (steps of a tenth of a quantum), so the mean is exactly ``target``;
    no period below 0 nor above ``ceiling``, and at most 40 % away from the target."""
    step = q / 10
    room = target * Decimal("0.4")
    if ceiling is not None:
        room = min(room, ceiling - target)
    widest = min(int(room / (step * (n - 1))), 4)
    d = step * rng.randint(min(1, widest), widest)
    sign = 1 if improving_down else -1
    # n + 1 - 2p runs n - 1, n - 3, ..., -(n - 1): it sums to zero over the year.
    return [target + sign * d * (n + 1 - 2 * p) for p in range(1, n + 1)]


def trajectory(
    spec: IndicatorSpec, baseline: Decimal, target: Decimal, q: Decimal, rng: random.Random
) -> list[Decimal]:
    aggregation, period_kind = spec.how
    n = 12 if period_kind == MONTHLY else 4
    if aggregation == CUMULATIVE:
        return _cumulative(target, q, n, rng)
    if aggregation == AVERAGE:
        return _average(target, q, n, spec.low, Decimal(100) if spec.unit == "%" else None, rng)
    return _latest(Decimal(0) if spec.from_zero else baseline, target, q, n)


# --- the plan ----------------------------------------------------------------------------------


def _indicator(
    spec: IndicatorSpec,
    rng: random.Random,
    *,
    unit_code: str,
    level: str,
    code: str,
    position: str | None,
    regional: str | None = None,
    strategic: str | None = None,
    default_source: str,
) -> IndicatorPlan:
    baseline, target, q = _figures(spec, rng)
    aggregation, period_kind = spec.how
    return IndicatorPlan(
        unit_code=unit_code,
        level=level,
        code=code,
        name=spec.name,
        unit_of_measure=spec.unit,
        polarity=MINIMIZE if spec.low else MAXIMIZE,
        lower_is_better_formula=(TARGET_OVER_ACTUAL if spec.ratio else MAJALENGKA) if spec.low else "",
        baseline=baseline,
        aggregation=aggregation,
        period_kind=period_kind,
        weight=Decimal(spec.weight),
        data_source=spec.source or default_source,
        responsible_position_code=position,
        regional_target_code=regional,
        strategic_target_code=strategic,
        program_code=spec.program,
        year=TARGET_YEAR,
        annual_target=target,
        trajectory=tuple(trajectory(spec, baseline, target, q, rng)),
    )


def _renstra_units(units: Sequence[UnitPlan], unit_tags: Mapping[str, str]) -> list[tuple[str, UnitPlan, str | None]]:
    """(tag, unit, head post tag) of every OPD and kecamatan, in the order of the organisation chart."""
    by_code = {u.code: u for u in units}
    tag_of = {code: tag for tag, code in unit_tags.items()}
    result = []
    for unit in sorted((u for u in units if u.depth == 1), key=lambda u: u.sort_order):
        tag = tag_of.get(unit.code)
        if tag is None:
            raise ValueError(f"Unit {unit.code} {unit.name} tidak punya tag di katalog demo.")
        if tag.startswith("kec:"):
            head: str | None = f"camat:{tag[4:]}"
        elif tag.startswith("opd:"):
            head = f"head:{tag[4:]}"
        else:
            head = OTHER_OPDS.get(tag)
        result.append((tag, by_code[unit.code], head))
    return result


def plan_planning(
    *, seed: int, units: Sequence[UnitPlan], unit_tags: Mapping[str, str], position_tags: Mapping[str, str]
) -> PlanningPlan:
    """The RPJMD 2025–2030 of the regency whose organisation is ``units`` (tags as ``structure`` gives them)."""
    rng = random.Random(f"planning:{seed}")
    root = unit_tags["root"]
    missions = tuple(MissionPlan(n, text) for n, text in enumerate(MISSIONS, start=1))
    goals = tuple(GoalPlan(m, code, text) for m, code, text in GOALS)
    targets = tuple(RegionalTargetPlan("T" + t.code[1:].rsplit(".", 1)[0], t.code, t.text) for t in TARGETS)
    programs = tuple(ProgramPlan(p.code, p.name, p.kind, unit_tags[p.owner], p.description) for p in PROGRAMS)
    indicators: list[IndicatorPlan] = []
    for t in TARGETS:
        for k, spec in enumerate(t.ikus, start=1):
            indicators.append(
                _indicator(
                    spec,
                    rng,
                    unit_code=root,
                    level=REGIONAL,
                    code=f"IKU-{t.code}-{k}",
                    position=position_tags.get("sekda"),
                    regional=t.code,
                    default_source="Bappeda Kabupaten Tanah Bunga",
                )
            )
    strategic: list[StrategicTargetPlan] = []
    for tag, unit, head in _renstra_units(units, unit_tags):
        specs: tuple[StrategicSpec, ...]
        if tag.startswith("kec:"):
            specs = kecamatan_renstra(unit.short_name)
        else:
            specs = (*RENSTRA[tag], governance(unit.short_name))
        position = position_tags.get(head) if head else None
        source = f"Laporan kinerja {unit.short_name}"
        for s, sasaran in enumerate(specs, start=1):
            strategic.append(StrategicTargetPlan(unit.code, f"SS{s}", sasaran.text, sasaran.regional, sasaran.program))
            for k, ind in enumerate(sasaran.indicators, start=1):
                indicators.append(
                    _indicator(
                        ind,
                        rng,
                        unit_code=unit.code,
                        level=OPD,
                        code=f"IK{s}.{k}",
                        position=position,
                        strategic=f"SS{s}",
                        default_source=source,
                    )
                )
        for k, ind in enumerate(ORPHANS.get(tag, ()), start=1):
            indicators.append(
                _indicator(
                    ind, rng, unit_code=unit.code, level=OPD, code=f"IKX.{k}", position=position, default_source=source
                )
            )
    return PlanningPlan(
        name=NAME,
        start_year=START_YEAR,
        end_year=END_YEAR,
        vision=VISION,
        missions=missions,
        goals=goals,
        targets=targets,
        programs=programs,
        strategic=tuple(strategic),
        indicators=tuple(indicators),
    )
