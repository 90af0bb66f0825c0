"""The demo year's realisations: drawn around each indicator's trajectory, so the cockpit has a shape.

Each indicator gets a **level** per period: how well it does against its trajectory (1.00 = exactly on
target). Most indicators sit a little above or below 1 (green), about one in six clearly below (yellow,
never red), and the story names a few that go red (``Design``). A level becomes a realisation the way the
capaian formulas read it back (``pamong.performance.rules.achievement``):

- latest and average indicators: the period's value is the period target times the level (higher is
  better), or ``(2 - level)`` times it (lower is better, Majalengka) or the target over the level (T/R), so
  the period's capaian is about the level;
- cumulative indicators: the level is the year-to-date one: the running total is the running target times
  the level, rounded **up** to the indicator's precision (a count of 2.46 people is 3, so a small count never
  drops into red by rounding), and each period adds the difference (never negative).

Values keep the precision of the indicator's own figures; percentages stay within 0–100.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from .planning_plan import MINIMIZE, TARGET_OVER_ACTUAL, IndicatorPlan

CUMULATIVE = "cumulative"
NORMAL, GREEN, YELLOW = "normal", "green", "yellow"
STREAK, LOW_YEAR, DECLINE, FRESH_RED = "streak", "low_year", "decline", "fresh_red"
#: Designs that need a latest-value indicator (a single period's level shows at once in its capaian).
LATEST_DESIGNS = frozenset({STREAK, FRESH_RED})
NOISE = 0.025
FLOOR = 0.78
HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Design:
    """What the story wants of one indicator; ``ended`` is the number of its periods that have ended."""

    mode: str
    ended: int
    #: The unit's form this year, added to the level of its undesigned indicators (a weaker or stronger OPD).
    form: float = 0.0


def _base(rng: random.Random, mode: str) -> float:
    if mode == YELLOW:
        return rng.uniform(0.84, 0.88)
    if mode == GREEN:
        return rng.uniform(0.97, 1.06)
    roll = rng.random()
    if roll < 0.16:
        return rng.uniform(0.83, 0.89)  # yellow-ish; with the noise it stays at or above 0.80
    if roll < 0.24:
        return rng.uniform(0.91, 0.95)
    return rng.uniform(0.96, 1.07)


def levels(rng: random.Random, periods: int, design: Design) -> list[float]:
    """The level of each period 1..``periods`` (periods after ``design.ended`` get a level too; unused)."""
    mode, ended = design.mode, design.ended
    base = _base(rng, mode) + (design.form if mode in (NORMAL, YELLOW) else 0.0)
    # An indicator the story does not colour never drops into red by chance (red starts below 0.75).
    result = [max(base + rng.uniform(-NOISE, NOISE), FLOOR) for _ in range(periods)]
    if mode == STREAK:
        # Slipping through the year, then clearly red for the last two periods that have ended.
        for p in range(periods):
            result[p] = rng.uniform(0.86, 0.94) - 0.03 * p
        for p in range(max(ended - 2, 0), ended):
            result[p] = rng.uniform(0.60, 0.68)
    elif mode == LOW_YEAR:
        result = [rng.uniform(0.64, 0.70) for _ in range(periods)]
    elif mode == DECLINE:
        # On target until May, then falling to 0.66 at the last ended period (red for the last two).
        start = 5
        for p in range(periods):
            number = p + 1
            if start < number <= ended and ended > start + 1:
                result[p] = 1.0 - 0.34 * (number - start) / (ended - start)
            elif number <= start:
                result[p] = rng.uniform(0.98, 1.04)
    elif mode == FRESH_RED and ended:
        result[ended - 1] = rng.uniform(0.60, 0.68)
    return result


def quantum(indicator: IndicatorPlan) -> Decimal:
    """The finest last decimal of the indicator's annual target and trajectory (``12.36`` -> ``0.01``)."""
    exponent = min(int(v.as_tuple().exponent) for v in (indicator.annual_target, *indicator.trajectory))
    return Decimal(1).scaleb(min(exponent, 0))


def _period_value(indicator: IndicatorPlan, target: Decimal, level: float, q: Decimal) -> Decimal:
    f = Decimal(str(round(level, 4)))
    if indicator.polarity == MINIMIZE:
        value = target / f if indicator.lower_is_better_formula == TARGET_OVER_ACTUAL else target * (2 - f)
    else:
        value = target * f
    value = max(value.quantize(q, rounding=ROUND_HALF_UP), Decimal(0))
    if indicator.polarity == MINIMIZE and indicator.lower_is_better_formula == TARGET_OVER_ACTUAL:
        value = max(value, q)  # T/R cannot divide by a realisation of 0
    if indicator.unit_of_measure == "%":
        value = min(value, HUNDRED)
    return value


def _cumulative(indicator: IndicatorPlan, ratios: list[float], q: Decimal) -> list[Decimal]:
    values: list[Decimal] = []
    running_target, running = Decimal(0), Decimal(0)
    for target, level in zip(indicator.trajectory, ratios, strict=True):
        running_target += target
        f = Decimal(str(round(level, 4)))
        if indicator.polarity == MINIMIZE:
            wanted = (running_target * (2 - f)).quantize(q, rounding=ROUND_FLOOR)
        else:
            wanted = (running_target * f).quantize(q, rounding=ROUND_CEILING)
        step = max(wanted - running, Decimal(0))
        values.append(step)
        running += step
    return values


def realisations(indicator: IndicatorPlan, ratios: list[float]) -> list[Decimal]:
    """The realisation of each period of the indicator's trajectory for the given levels."""
    q = quantum(indicator)
    if indicator.aggregation == CUMULATIVE:
        return _cumulative(indicator, ratios, q)
    return [_period_value(indicator, t, f, q) for t, f in zip(indicator.trajectory, ratios, strict=True)]
