"""Scores on the monthly grid: one indicator's figures as of each month, a group's index, league positions.

This module composes the other rules; it adds no formula of its own. Sources are theirs
(``aggregation``, ``achievement``, ``bands``, ``index``, ``schedule``); the choices below are this
product's [M] (ADR 0019):

- As of month *m* an indicator shows its latest ended period (``schedule.last_complete_period``): the
  year-to-date realisation and trajectory target up to that period (``aggregation``, with the tenant's
  missing-period policy), the capaian of the one against the other (``achievement`` with the tenant's cap
  and lower-is-better formula, the indicator's own formula first), its colour (``bands.colour``) and its
  trajectory status (``bands.trajectory_status``).
- What goes into the unit's (or priority program's) weighted index (``index.weighted_index``):

  - an indicator whose trajectory is incomplete cannot be measured: shown with the reason, left out
    (``NO_TRAJECTORY``);
  - an indicator whose target to date is 0 has nothing due yet: left out (``NOT_DUE``), not counted as 0;
  - an indicator with no verified realisation yet (``NO_DATA``) or whose values a rule refuses
    (``INVALID``, e.g. a negative realisation of a lower-is-better indicator) takes part *without* a
    capaian, which the tenant's ``missing_capaian`` policy turns into 0 (default) or leaves out.

- A capaian of 10^9 % or more (a target of 0.0001 against a realisation of millions) is treated as
  ``INVALID``: it would say nothing and does not fit the stored column.
- League positions: ``index.rank`` per month within a group (OPDs, kecamatan); the change of the index
  against the previous month, when both months have one.

Pure module: no Django, no clock, no I/O.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum

from pamong.performance.rules.achievement import LowerIsBetterFormula, Polarity
from pamong.performance.rules.aggregation import Aggregation, aggregate_actuals, target_to_date
from pamong.performance.rules.bands import Band, Colour, TrajectoryStatus
from pamong.performance.rules.config import PerformanceRules
from pamong.performance.rules.errors import AggregationError, PerformanceRuleError
from pamong.performance.rules.index import IndexItem, rank
from pamong.performance.rules.periods import PeriodKind
from pamong.performance.rules.schedule import last_complete_period

CAPAIAN_LIMIT = Decimal(10) ** 9


class Note(StrEnum):
    """Why an indicator month has no colour, or ``OK``."""

    OK = ""  # capaian computed
    NO_DATA = "no_data"  # nothing verified yet up to this period: takes part without a capaian
    NOT_DUE = "not_due"  # the target to date is 0: left out of the index
    NO_TRAJECTORY = "no_trajectory"  # the trajectory is incomplete: cannot be measured, left out
    INVALID = "invalid"  # a rule refused the values: takes part without a capaian


@dataclass(frozen=True)
class IndicatorSeries:
    """Everything about one indicator in one year that its scores depend on (loaded by a selector)."""

    key: int
    polarity: Polarity
    aggregation: Aggregation
    kind: PeriodKind
    weight: Decimal
    trajectory: Mapping[int, Decimal]
    actuals: Mapping[int, Decimal]
    lower_formula: LowerIsBetterFormula | None = None


@dataclass(frozen=True)
class IndicatorMonth:
    """An indicator as of the end of ``month``: its period, values to date, capaian, colour, status."""

    key: int
    month: int
    period_no: int
    period_actual: Decimal | None
    ytd_target: Decimal | None
    ytd_actual: Decimal | None
    capaian: Decimal | None
    colour: Colour | None
    status: TrajectoryStatus
    note: Note
    counted: bool
    reported: int
    missing: int
    message_id: str = ""
    message_en: str = ""


@dataclass(frozen=True)
class GroupMonth:
    """A unit's or a program's weighted index as of ``month`` and how its indicators are coloured."""

    key: int
    month: int
    index: Decimal | None
    colour: Colour | None
    predicate: Band | None
    indicators: int
    green: int
    yellow: int
    red: int
    no_data: int


@dataclass(frozen=True)
class LeagueRow:
    """A unit's place in its group's league table for one month, and the change since the month before."""

    key: int
    month: int
    rank: int | None
    ranked: int
    change: Decimal | None


@dataclass
class _Counts:
    green: int = 0
    yellow: int = 0
    red: int = 0
    no_data: int = 0
    items: list[IndexItem] = field(default_factory=list)


def score_indicator(series: IndicatorSeries, rules: PerformanceRules, months: int) -> tuple[IndicatorMonth, ...]:
    """The indicator as of the end of each month 1..``months`` in which one of its periods has ended."""
    rows: list[IndicatorMonth] = []
    for month in range(1, months + 1):
        period = last_complete_period(series.kind, month)
        if period is not None:
            rows.append(_month(series, rules, month, period))
    return tuple(rows)


def _month(series: IndicatorSeries, rules: PerformanceRules, month: int, period: int) -> IndicatorMonth:
    reported = sum(1 for p in series.actuals if p <= period)
    row = IndicatorMonth(
        key=series.key,
        month=month,
        period_no=period,
        period_actual=series.actuals.get(period),
        ytd_target=None,
        ytd_actual=None,
        capaian=None,
        colour=None,
        status=TrajectoryStatus.NO_DATA,
        note=Note.NO_TRAJECTORY,
        counted=False,
        reported=reported,
        missing=period - reported,
    )
    try:
        target = target_to_date(series.trajectory, kind=series.kind, method=series.aggregation, up_to=period)
    except PerformanceRuleError as error:
        return replace(row, message_id=error.message_id, message_en=error.message_en)
    refused: PerformanceRuleError | None = None
    try:
        actual = aggregate_actuals(
            series.actuals, kind=series.kind, method=series.aggregation, up_to=period, missing=rules.missing_periods
        ).value
    except AggregationError as error:  # the tenant refuses to aggregate over unreported periods
        actual, refused = None, error
    status = rules.trajectory_status(actual, target, series.polarity)
    row = replace(row, ytd_target=target, ytd_actual=actual, status=status)
    if target == 0:
        return replace(row, note=Note.NOT_DUE)
    if actual is None:
        return replace(
            row,
            note=Note.NO_DATA,
            counted=True,
            message_id=refused.message_id if refused else "",
            message_en=refused.message_en if refused else "",
        )
    try:
        value = rules.capaian(target, actual, series.polarity, series.lower_formula)
        if value >= CAPAIAN_LIMIT:
            raise PerformanceRuleError(
                "capaian_too_large",
                "Capaian terlalu besar untuk bermakna; periksa target dan realisasinya.",
                "The achievement is too large to mean anything; check the target and the actual.",
                "capaian",
            )
    except PerformanceRuleError as error:
        return replace(row, note=Note.INVALID, counted=True, message_id=error.message_id, message_en=error.message_en)
    return replace(row, capaian=value, colour=rules.colour(value), note=Note.OK, counted=True)


def score_group(
    key: int, month: int, members: Sequence[tuple[IndicatorMonth, Decimal]], rules: PerformanceRules
) -> GroupMonth:
    """The weighted index of ``members`` (indicator months with their weights) and their colour counts."""
    counts = _Counts()
    for row, weight in members:
        if not row.counted:
            continue
        if row.colour is Colour.GREEN:
            counts.green += 1
        elif row.colour is Colour.YELLOW:
            counts.yellow += 1
        elif row.colour is Colour.RED:
            counts.red += 1
        else:
            counts.no_data += 1
        counts.items.append(IndexItem(str(row.key), row.capaian, weight))
    index = rules.weighted_index(counts.items).value if counts.items else None
    return GroupMonth(
        key=key,
        month=month,
        index=index,
        colour=rules.colour(index) if index is not None else None,
        predicate=rules.predicate(index) if index is not None else None,
        indicators=len(counts.items),
        green=counts.green,
        yellow=counts.yellow,
        red=counts.red,
        no_data=counts.no_data,
    )


def league(scores: Sequence[GroupMonth]) -> tuple[LeagueRow, ...]:
    """Rank one group's units month by month (``index.rank``) and give each month's change of index."""
    by_month: dict[int, list[GroupMonth]] = {}
    for score in scores:
        by_month.setdefault(score.month, []).append(score)
    previous: dict[tuple[int, int], Decimal | None] = {(s.key, s.month): s.index for s in scores}
    rows: list[LeagueRow] = []
    for month in sorted(by_month):
        month_scores = by_month[month]
        ranked = rank([(str(s.key), s.index) for s in month_scores])
        total = sum(1 for r in ranked if r.rank is not None)
        for row in ranked:
            key = int(row.key)
            before = previous.get((key, month - 1))
            change = row.value - before if row.value is not None and before is not None else None
            rows.append(LeagueRow(key, month, row.rank, total, change))
    return tuple(rows)
