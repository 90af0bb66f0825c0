"""What the score refresh loads before it computes: frozen dataclasses, no model instances."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pamong.performance.rules.config import PerformanceRules
from pamong.performance.rules.scoring import IndicatorSeries


@dataclass(frozen=True)
class ScoredIndicator:
    """An indicator to score in one year: its series (for the rules) and where it belongs."""

    series: IndicatorSeries
    org_unit_id: int
    program_id: int | None
    annual_target: Decimal


@dataclass(frozen=True)
class UnitPlace:
    """A unit that owns scored indicators, and the league it plays in (``choices.UnitGroup``)."""

    id: int
    group: str


@dataclass(frozen=True)
class ScoreInputs:
    """Everything one tenant-year of scores depends on, loaded in a fixed number of queries."""

    tenant_id: int
    year: int
    rules: PerformanceRules
    indicators: tuple[ScoredIndicator, ...]
    units: dict[int, UnitPlace]
