"""Year-to-date value of an indicator from its period values, and its year-to-date target from the trajectory.

Sources (``domain/rules.md`` §5.2; issue 3):

- The PK's action plan breaks each annual target into period targets (a **trajectory**) and e-SAKIP
  systems store period targets and realisations per indicator [M] (§5.2). How periods add up depends on
  the indicator, which the issue names: **cumulative sum** (licences issued: the year is the sum of the
  months), **latest value** (poverty rate, % of villages with a document: the year is the last measured
  level), **average** (average licensing time in days) [M, SAKIP practice; no regulation fixes it].
- Trajectory meaning and consistency (this module's rules, [M]):

  - ``CUMULATIVE_SUM``: each period's target is what that period adds; the period targets must add up to
    the annual target; the target to date is their sum up to the period.
  - ``LATEST``: each period's target is the level expected at the end of that period; the last period's
    target must equal the annual target; the target to date is the target of the period itself.
  - ``AVERAGE``: each period's target is that period's expected value; their average must equal the annual
    target (checked exactly as ``sum = annual × number of periods``); the target to date is the average of
    the period targets up to the period.

  Every period needs a target (a missing one is an error naming it); a period target may be 0 (nothing
  planned yet) but not negative.
- Missing realisations (``MissingPeriods``; which one a tenant uses is [UNCONFIRMED], default ``SKIP``):

  - ``SKIP``: aggregate the reported periods only; ``LATEST`` takes the last reported value;
  - ``ZERO``: a missing period counts as 0 (lowers an average; makes ``LATEST`` 0 if the last period is
    missing);
  - ``REFUSE``: a missing period is an error naming the periods.

  With ``CUMULATIVE_SUM`` ``SKIP`` and ``ZERO`` give the same sum. Whatever the policy, the result lists
  the missing periods so the caller can flag them (late and missing reports are ``consequences``).
  Values reported for periods after ``up_to`` are ignored. A realisation may be negative (growth rates).

Arithmetic is exact (sums) or in the fixed 50-digit context (averages); nothing is rounded here, the
capaian computed from these values is rounded once (``achievement``).

Pure module: no Django, no clock, no I/O.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, localcontext
from enum import StrEnum
from typing import NoReturn

from pamong.performance.rules.errors import AggregationError
from pamong.performance.rules.numbers import CONTEXT, MAX_MAGNITUDE, as_decimal, fmt_en, fmt_id
from pamong.performance.rules.periods import PeriodKind, check_period, period_label_en, period_label_id


class Aggregation(StrEnum):
    """How an indicator's period values make its value for the year (or the year to date)."""

    CUMULATIVE_SUM = "cumulative"  # the year is the sum of the periods (e.g. licences issued)
    LATEST = "latest"  # the year is the last measured level (e.g. poverty rate)
    AVERAGE = "average"  # the year is the mean of the periods (e.g. average licensing days)


class MissingPeriods(StrEnum):
    """What a period without a realisation counts as."""

    SKIP = "skip"  # use the reported periods only
    ZERO = "zero"  # a missing period counts as 0
    REFUSE = "refuse"  # a missing period is an error


DEFAULT_MISSING_PERIODS = MissingPeriods.SKIP


@dataclass(frozen=True)
class Aggregate:
    """An aggregated realisation: ``value`` is ``None`` when no period up to ``up_to`` was reported (``SKIP``)."""

    value: Decimal | None
    up_to: int
    reported: tuple[int, ...]
    missing: tuple[int, ...]


@dataclass(frozen=True)
class YearToDate:
    """Realisation and trajectory target to date, with the periods reported and missing."""

    actual: Decimal | None
    target: Decimal
    up_to: int
    reported: tuple[int, ...]
    missing: tuple[int, ...]


def aggregate_actuals(
    values: Mapping[int, Decimal],
    *,
    kind: PeriodKind,
    method: Aggregation,
    up_to: int,
    missing: MissingPeriods = DEFAULT_MISSING_PERIODS,
) -> Aggregate:
    """Aggregate the realisations of periods 1..``up_to`` (keys are period numbers).

    Raises ``AggregationError`` (``missing_periods`` under ``REFUSE``; number errors naming the period) or
    ``PeriodError`` (``period_out_of_range``: ``up_to`` or a key is not a period of ``kind``).
    """
    kind, method, missing = PeriodKind(kind), Aggregation(method), MissingPeriods(missing)
    check_period(kind, up_to, field="up_to")
    numbers = _period_values(values, kind, field="actual", label_id="Realisasi", label_en="Actual")
    window = range(1, up_to + 1)
    reported = tuple(p for p in window if p in numbers)
    absent = tuple(p for p in window if p not in numbers)
    if absent and missing is MissingPeriods.REFUSE:
        names_id = ", ".join(period_label_id(kind, p) for p in absent)
        names_en = ", ".join(period_label_en(kind, p) for p in absent)
        raise AggregationError(
            "missing_periods",
            f"Realisasi belum diisi untuk periode: {names_id}.",
            f"No actual has been entered for these periods: {names_en}.",
            "actual",
        )
    series = (
        [numbers.get(p, Decimal(0)) for p in window]
        if missing is MissingPeriods.ZERO
        else [numbers[p] for p in reported]
    )
    return Aggregate(_combine(series, method), up_to, reported, absent)


def check_trajectory(
    trajectory: Mapping[int, Decimal],
    *,
    kind: PeriodKind,
    method: Aggregation,
    annual_target: Decimal,
) -> None:
    """Refuse a trajectory with a missing or negative period target, or one that disagrees with the annual target.

    ``AggregationError`` codes: ``missing_period_targets``, ``target_negative``, ``trajectory_mismatch``
    (plus number errors); ``PeriodError`` ``period_out_of_range`` for a key that is not a period of ``kind``.
    """
    kind, method = PeriodKind(kind), Aggregation(method)
    targets = _targets(trajectory, kind)
    annual = as_decimal(
        annual_target,
        field="annual_target",
        label_id="Target tahunan",
        label_en="Annual target",
        error=AggregationError,
    )
    last = targets[kind.periods_per_year]
    total = sum(targets.values(), Decimal(0))
    if method is Aggregation.CUMULATIVE_SUM and total != annual:
        _mismatch(
            f"Jumlah target per periode ({fmt_id(total)})", f"The sum of the period targets ({fmt_en(total)})", annual
        )
    if method is Aggregation.LATEST and last != annual:
        last_id, last_en = period_label_id(kind, kind.periods_per_year), period_label_en(kind, kind.periods_per_year)
        _mismatch(
            f"Target periode terakhir ({last_id}: {fmt_id(last)})",
            f"The target of the last period ({last_en}: {fmt_en(last)})",
            annual,
        )
    if method is Aggregation.AVERAGE and total != annual * kind.periods_per_year:
        with localcontext(CONTEXT):
            mean = total / kind.periods_per_year
        _mismatch(
            f"Rata-rata target per periode ({fmt_id(mean)})",
            f"The average of the period targets ({fmt_en(mean)})",
            annual,
        )


def target_to_date(trajectory: Mapping[int, Decimal], *, kind: PeriodKind, method: Aggregation, up_to: int) -> Decimal:
    """The trajectory's target for periods 1..``up_to`` (every period of the year must have a target)."""
    kind, method = PeriodKind(kind), Aggregation(method)
    check_period(kind, up_to, field="up_to")
    targets = _targets(trajectory, kind)
    result = _combine([targets[p] for p in range(1, up_to + 1)], method)
    assert result is not None  # up_to >= 1, so the series is never empty
    return result


def year_to_date(
    actuals: Mapping[int, Decimal],
    trajectory: Mapping[int, Decimal],
    *,
    kind: PeriodKind,
    method: Aggregation,
    up_to: int,
    missing: MissingPeriods = DEFAULT_MISSING_PERIODS,
) -> YearToDate:
    """Realisation to date against the trajectory's target to date (same aggregation for both)."""
    target = target_to_date(trajectory, kind=kind, method=method, up_to=up_to)
    aggregate = aggregate_actuals(actuals, kind=kind, method=method, up_to=up_to, missing=missing)
    return YearToDate(aggregate.value, target, up_to, aggregate.reported, aggregate.missing)


def _combine(series: list[Decimal], method: Aggregation) -> Decimal | None:
    if not series:
        return None
    if method is Aggregation.CUMULATIVE_SUM:
        return sum(series, Decimal(0))
    if method is Aggregation.LATEST:
        return series[-1]
    with localcontext(CONTEXT):
        return sum(series, Decimal(0)) / len(series)


def _period_values(
    values: Mapping[int, Decimal], kind: PeriodKind, *, field: str, label_id: str, label_en: str
) -> dict[int, Decimal]:
    result: dict[int, Decimal] = {}
    for period, value in values.items():
        check_period(kind, period, field=field)
        if type(value) is Decimal and value.is_finite() and abs(value) < MAX_MAGNITUDE:
            result[period] = value  # what ``as_decimal`` returns, without building its messages' labels
            continue
        result[period] = as_decimal(
            value,
            field=field,
            label_id=f"{label_id} {period_label_id(kind, period)}",
            label_en=f"{label_en} for {period_label_en(kind, period)}",
            error=AggregationError,
        )
    return result


def _targets(trajectory: Mapping[int, Decimal], kind: PeriodKind) -> dict[int, Decimal]:
    targets = _period_values(trajectory, kind, field="trajectory", label_id="Target", label_en="Target")
    absent = [p for p in range(1, kind.periods_per_year + 1) if p not in targets]
    if absent:
        raise AggregationError(
            "missing_period_targets",
            "Target belum diisi untuk periode: " + ", ".join(period_label_id(kind, p) for p in absent) + ".",
            "No target has been entered for these periods: "
            + ", ".join(period_label_en(kind, p) for p in absent)
            + ".",
            "trajectory",
        )
    negative = [p for p in range(1, kind.periods_per_year + 1) if targets[p] < 0]
    if negative:
        raise AggregationError(
            "target_negative",
            "Target tidak boleh negatif pada periode: " + ", ".join(period_label_id(kind, p) for p in negative) + ".",
            "A target cannot be negative; it is in these periods: "
            + ", ".join(period_label_en(kind, p) for p in negative)
            + ".",
            "trajectory",
        )
    return targets


def _mismatch(what_id: str, what_en: str, annual: Decimal) -> NoReturn:
    raise AggregationError(
        "trajectory_mismatch",
        f"{what_id} tidak sama dengan target tahunan ({fmt_id(annual)}).",
        f"{what_en} does not match the annual target ({fmt_en(annual)}).",
        "trajectory",
    )
