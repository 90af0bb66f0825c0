"""rules.periods and rules.aggregation: periods of the year, year-to-date values, trajectories, missing periods."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pamong.performance.rules.aggregation import (
    Aggregate,
    Aggregation,
    MissingPeriods,
    YearToDate,
    aggregate_actuals,
    check_trajectory,
    target_to_date,
    year_to_date,
)
from pamong.performance.rules.errors import AggregationError, PeriodError
from pamong.performance.rules.periods import (
    PeriodKind,
    add_months,
    check_period,
    period_bounds,
    period_label_en,
    period_label_id,
    period_of_month,
)

D = Decimal
M, Q = PeriodKind.MONTHLY, PeriodKind.QUARTERLY
SUM, LATEST, AVG = Aggregation.CUMULATIVE_SUM, Aggregation.LATEST, Aggregation.AVERAGE
SKIP, ZERO, REFUSE = MissingPeriods.SKIP, MissingPeriods.ZERO, MissingPeriods.REFUSE

# ------------------------------------------------------------------------------------- periods --


@pytest.mark.parametrize(
    ("kind", "number", "first", "last"),
    [
        (M, 1, date(2025, 1, 1), date(2025, 1, 31)),
        (M, 2, date(2025, 2, 1), date(2025, 2, 28)),
        (M, 12, date(2025, 12, 1), date(2025, 12, 31)),
        (Q, 1, date(2025, 1, 1), date(2025, 3, 31)),
        (Q, 2, date(2025, 4, 1), date(2025, 6, 30)),
        (Q, 3, date(2025, 7, 1), date(2025, 9, 30)),
        (Q, 4, date(2025, 10, 1), date(2025, 12, 31)),
    ],
)
def test_period_bounds(kind, number, first, last) -> None:
    assert period_bounds(kind, 2025, number) == (first, last)


def test_february_of_a_leap_year() -> None:
    assert period_bounds(M, 2024, 2) == (date(2024, 2, 1), date(2024, 2, 29))


@pytest.mark.parametrize(
    ("kind", "month", "period"),
    [(M, 1, 1), (M, 12, 12), (Q, 1, 1), (Q, 3, 1), (Q, 4, 2), (Q, 6, 2), (Q, 7, 3), (Q, 10, 4), (Q, 12, 4)],
)
def test_period_of_month(kind, month, period) -> None:
    assert period_of_month(kind, month) == period


@pytest.mark.parametrize(
    ("kind", "number", "label_id", "label_en"),
    [
        (M, 3, "Maret", "March"),
        (M, 8, "Agustus", "August"),
        (Q, 1, "Triwulan I", "Quarter I"),
        (Q, 4, "Triwulan IV", "Quarter IV"),
    ],
)
def test_period_labels(kind, number, label_id, label_en) -> None:
    assert (period_label_id(kind, number), period_label_en(kind, number)) == (label_id, label_en)


@pytest.mark.parametrize(("kind", "number"), [(M, 0), (M, 13), (Q, 0), (Q, 5), (M, -1), (M, "3"), (Q, 1.0), (M, True)])
def test_period_out_of_range(kind, number) -> None:
    with pytest.raises(PeriodError) as info:
        check_period(kind, number)
    assert info.value.code == "period_out_of_range"


def test_month_out_of_range() -> None:
    with pytest.raises(PeriodError) as info:
        period_of_month(Q, 13)
    assert info.value.field == "month"


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 3, 15), 6, date(2025, 9, 15)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),  # clamped to the end of February
        (date(2023, 8, 31), 6, date(2024, 2, 29)),  # leap year
        (date(2025, 7, 31), 2, date(2025, 9, 30)),
        (date(2025, 12, 31), 1, date(2026, 1, 31)),
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2025, 5, 10), 0, date(2025, 5, 10)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2025, 1, 15), -1, date(2024, 12, 15)),
    ],
)
def test_add_months(day, months, expected) -> None:
    assert add_months(day, months) == expected


# --------------------------------------------------------------------------- aggregate_actuals --

MONTHLY_ACTUALS = {1: D("10"), 2: D("20"), 3: D("30"), 5: D("50")}  # April missing

# (case, kind, values, method, up_to, missing policy, value, reported, missing periods)
AGGREGATES = [
    ("sum, all reported", M, MONTHLY_ACTUALS, SUM, 3, SKIP, D("60"), (1, 2, 3), ()),
    ("sum, April missing, skipped", M, MONTHLY_ACTUALS, SUM, 5, SKIP, D("110"), (1, 2, 3, 5), (4,)),
    ("sum, April missing, as zero", M, MONTHLY_ACTUALS, SUM, 5, ZERO, D("110"), (1, 2, 3, 5), (4,)),
    ("sum ignores values after up_to", M, MONTHLY_ACTUALS, SUM, 2, SKIP, D("30"), (1, 2), ()),
    ("latest, all reported", M, MONTHLY_ACTUALS, LATEST, 3, SKIP, D("30"), (1, 2, 3), ()),
    ("latest, last missing, skipped", M, MONTHLY_ACTUALS, LATEST, 4, SKIP, D("30"), (1, 2, 3), (4,)),
    ("latest, last missing, as zero", M, MONTHLY_ACTUALS, LATEST, 4, ZERO, D("0"), (1, 2, 3), (4,)),
    ("average, all reported", M, MONTHLY_ACTUALS, AVG, 3, SKIP, D("20"), (1, 2, 3), ()),
    ("average, April skipped", M, MONTHLY_ACTUALS, AVG, 5, SKIP, D("27.5"), (1, 2, 3, 5), (4,)),
    ("average, April as zero", M, MONTHLY_ACTUALS, AVG, 5, ZERO, D("22"), (1, 2, 3, 5), (4,)),
    ("nothing reported, skipped", M, {}, SUM, 3, SKIP, None, (), (1, 2, 3)),
    ("nothing reported, latest skipped", M, {}, LATEST, 2, SKIP, None, (), (1, 2)),
    ("nothing reported, as zero", M, {}, AVG, 2, ZERO, D("0"), (), (1, 2)),
    ("quarters, sum", Q, {1: D("5"), 2: D("7.5")}, SUM, 2, REFUSE, D("12.5"), (1, 2), ()),
    ("quarters, latest", Q, {1: D("12.1"), 2: D("11.8"), 3: D("11.5")}, LATEST, 3, SKIP, D("11.5"), (1, 2, 3), ()),
    ("negative growth allowed", Q, {1: D("-1.5"), 2: D("0.5")}, AVG, 2, SKIP, D("-0.5"), (1, 2), ()),
]


@pytest.mark.parametrize(
    ("case", "kind", "values", "method", "up_to", "policy", "value", "reported", "missing"), AGGREGATES
)
def test_aggregate_actuals(case, kind, values, method, up_to, policy, value, reported, missing) -> None:
    result = aggregate_actuals(values, kind=kind, method=method, up_to=up_to, missing=policy)
    assert result == Aggregate(value, up_to, reported, missing), case


def test_average_is_not_rounded_before_the_capaian() -> None:
    result = aggregate_actuals({1: D(1), 2: D(1), 3: D(2)}, kind=M, method=AVG, up_to=3)
    assert result.value is not None
    assert result.value * 3 == pytest.approx(D(4))
    assert result.value.quantize(D("0.0000000001")) == D("1.3333333333")


def test_refuse_names_the_missing_periods() -> None:
    with pytest.raises(AggregationError) as info:
        aggregate_actuals(MONTHLY_ACTUALS, kind=M, method=SUM, up_to=6, missing=REFUSE)
    assert info.value.code == "missing_periods"
    assert "April, Juni" in info.value.message_id
    assert "April, June" in info.value.message_en


@pytest.mark.parametrize(
    ("values", "up_to", "error", "code"),
    [
        ({13: D(1)}, 12, PeriodError, "period_out_of_range"),
        ({0: D(1)}, 3, PeriodError, "period_out_of_range"),
        ({1: D(1)}, 13, PeriodError, "period_out_of_range"),
        ({1: 1.5}, 3, AggregationError, "not_a_number"),
        ({2: "12"}, 3, AggregationError, "not_a_number"),
        ({1: D("NaN")}, 3, AggregationError, "not_finite"),
        ({1: D("-Infinity")}, 3, AggregationError, "not_finite"),
        ({1: True}, 3, AggregationError, "not_a_number"),
        ({1: D(10) ** 18}, 3, AggregationError, "out_of_range"),
        ({1: -(D(10) ** 18)}, 3, AggregationError, "out_of_range"),
    ],
)
def test_aggregate_refuses(values, up_to, error, code) -> None:
    with pytest.raises(error) as info:
        aggregate_actuals(values, kind=M, method=SUM, up_to=up_to)
    assert info.value.code == code


def test_bad_value_message_names_the_period() -> None:
    with pytest.raises(AggregationError) as info:
        aggregate_actuals({2: "12"}, kind=M, method=SUM, up_to=3)
    assert info.value.message_id.startswith("Realisasi Februari")
    assert info.value.message_en.startswith("Actual for February")
    with pytest.raises(AggregationError) as info:  # a Decimal too large is named like any refused value
        target_to_date({**MONTHLY_SUM, 5: D(10) ** 18}, kind=M, method=SUM, up_to=6)
    assert info.value.message_id.startswith("Target Mei") and info.value.message_en.startswith("Target for May")


# ---------------------------------------------------------------------------------- trajectory --

MONTHLY_SUM = {m: D(100) for m in range(1, 13)}  # 1,200 licences a year
QUARTERLY_LATEST = {1: D("12.0"), 2: D("11.5"), 3: D("11.0"), 4: D("10.5")}  # poverty rate falling to 10.5
QUARTERLY_AVG = {1: D(9), 2: D(10), 3: D(11), 4: D(10)}  # average licensing days 10


@pytest.mark.parametrize(
    ("trajectory", "kind", "method", "annual"),
    [
        (MONTHLY_SUM, M, SUM, D(1200)),
        (QUARTERLY_LATEST, Q, LATEST, D("10.5")),
        (QUARTERLY_LATEST, Q, LATEST, D("10.50")),
        (QUARTERLY_AVG, Q, AVG, D(10)),
        ({1: D(0), 2: D(0), 3: D(0), 4: D(40)}, Q, SUM, D(40)),  # everything planned in Q4
    ],
)
def test_consistent_trajectories(trajectory, kind, method, annual) -> None:
    check_trajectory(trajectory, kind=kind, method=method, annual_target=annual)


@pytest.mark.parametrize(
    ("case", "trajectory", "kind", "method", "annual", "code", "in_message"),
    [
        ("sum short", MONTHLY_SUM, M, SUM, D(1250), "trajectory_mismatch", "Jumlah target per periode (1.200)"),
        ("last period differs", QUARTERLY_LATEST, Q, LATEST, D(10), "trajectory_mismatch", "Triwulan IV: 10,5"),
        ("average differs", QUARTERLY_AVG, Q, AVG, D(9), "trajectory_mismatch", "Rata-rata target per periode (10)"),
        (
            "missing months",
            {m: D(1) for m in range(1, 11)},
            M,
            SUM,
            D(10),
            "missing_period_targets",
            "November, Desember",
        ),
        ("missing quarter", {1: D(1), 2: D(1), 4: D(1)}, Q, LATEST, D(1), "missing_period_targets", "Triwulan III"),
        ("negative target", {1: D(1), 2: D(-1), 3: D(1), 4: D(1)}, Q, SUM, D(2), "target_negative", "Triwulan II"),
        ("text target", {1: D(1), 2: "x", 3: D(1), 4: D(1)}, Q, SUM, D(4), "not_a_number", "Target Triwulan II"),
    ],
)
def test_inconsistent_trajectories(case, trajectory, kind, method, annual, code, in_message) -> None:
    with pytest.raises(AggregationError) as info:
        check_trajectory(trajectory, kind=kind, method=method, annual_target=annual)
    assert info.value.code == code, case
    assert in_message in info.value.message_id
    assert info.value.field == "trajectory"


def test_trajectory_key_out_of_range() -> None:
    with pytest.raises(PeriodError):
        check_trajectory({**QUARTERLY_AVG, 5: D(10)}, kind=Q, method=AVG, annual_target=D(10))


@pytest.mark.parametrize(
    ("trajectory", "kind", "method", "up_to", "expected"),
    [
        (MONTHLY_SUM, M, SUM, 1, D(100)),
        (MONTHLY_SUM, M, SUM, 7, D(700)),
        (MONTHLY_SUM, M, SUM, 12, D(1200)),
        (QUARTERLY_LATEST, Q, LATEST, 2, D("11.5")),
        (QUARTERLY_AVG, Q, AVG, 2, D("9.5")),
        (QUARTERLY_AVG, Q, AVG, 4, D(10)),
    ],
)
def test_target_to_date(trajectory, kind, method, up_to, expected) -> None:
    assert target_to_date(trajectory, kind=kind, method=method, up_to=up_to) == expected


def test_target_to_date_needs_the_whole_trajectory() -> None:
    with pytest.raises(AggregationError) as info:
        target_to_date({1: D(1)}, kind=Q, method=SUM, up_to=1)
    assert info.value.code == "missing_period_targets"


def test_year_to_date() -> None:
    result = year_to_date(MONTHLY_ACTUALS, MONTHLY_SUM, kind=M, method=SUM, up_to=5)
    assert result == YearToDate(actual=D(110), target=D(500), up_to=5, reported=(1, 2, 3, 5), missing=(4,))


# ------------------------------------------------------------------------------------ properties --

values = st.dictionaries(
    st.integers(min_value=1, max_value=12), st.decimals(min_value=-1000, max_value=1000, places=2), max_size=12
)


@given(values=values, up_to=st.integers(min_value=1, max_value=12))
def test_skip_and_zero_agree_on_sums(values, up_to) -> None:
    skip = aggregate_actuals(values, kind=M, method=SUM, up_to=up_to, missing=SKIP)
    zero = aggregate_actuals(values, kind=M, method=SUM, up_to=up_to, missing=ZERO)
    assert zero.value == (skip.value if skip.value is not None else 0)
    assert set(skip.reported) | set(skip.missing) == set(range(1, up_to + 1))


@given(values=values, up_to=st.integers(min_value=1, max_value=12))
def test_cumulative_sum_grows_with_non_negative_values(values, up_to) -> None:
    values = {k: abs(v) for k, v in values.items()}
    earlier = aggregate_actuals(values, kind=M, method=SUM, up_to=up_to, missing=ZERO).value
    later = aggregate_actuals(values, kind=M, method=SUM, up_to=min(up_to + 1, 12), missing=ZERO).value
    assert earlier is not None and later is not None and earlier <= later


@pytest.mark.parametrize(("number", "numeral"), [(1, "I"), (2, "II"), (3, "III"), (4, "IV")])
def test_quarter_numerals(number, numeral):
    from pamong.performance.rules.periods import quarter_numeral

    assert quarter_numeral(number) == numeral


def test_a_fifth_quarter_is_refused():
    from pamong.performance.rules.periods import quarter_numeral

    with pytest.raises(PeriodError):
        quarter_numeral(5)
