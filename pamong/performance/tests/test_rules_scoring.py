"""rules.scoring: indicator months, group index and league positions, with numbers worked by hand."""

from decimal import Decimal

import pytest

from pamong.performance.rules.achievement import LowerIsBetterFormula, Polarity
from pamong.performance.rules.aggregation import Aggregation
from pamong.performance.rules.bands import Colour, TrajectoryStatus
from pamong.performance.rules.config import PerformanceRules
from pamong.performance.rules.periods import PeriodKind
from pamong.performance.rules.scoring import GroupMonth, IndicatorSeries, Note, league, score_group, score_indicator

D = Decimal
RULES = PerformanceRules()
QUARTERS = {1: D(25), 2: D(25), 3: D(25), 4: D(25)}


def series(**kw):
    defaults = {
        "key": 1,
        "polarity": Polarity.MAXIMIZE,
        "aggregation": Aggregation.CUMULATIVE_SUM,
        "kind": PeriodKind.QUARTERLY,
        "weight": D(1),
        "trajectory": QUARTERS,
        "actuals": {},
    }
    return IndicatorSeries(**{**defaults, **kw})


def test_quarterly_cumulative_indicator_month_by_month() -> None:
    # Licences: 25 a quarter (100 a year); 20 issued in Q1, 30 in Q2, Q3 not verified yet.
    rows = score_indicator(series(actuals={1: D(20), 2: D(30)}), RULES, months=10)
    assert [r.month for r in rows] == [3, 4, 5, 6, 7, 8, 9, 10]  # months 1–2 close no quarter
    march, june, sept = rows[0], rows[3], rows[6]
    # Q1: 20 / 25 = 80.00 % → yellow (75 ≤ 80 < 90); gap −20 points → behind
    assert (march.period_no, march.ytd_target, march.ytd_actual, march.capaian) == (1, D(25), D(20), D("80.00"))
    assert (march.colour, march.status, march.note, march.counted) == (
        Colour.YELLOW,
        TrajectoryStatus.BEHIND,
        Note.OK,
        True,
    )
    assert rows[1].capaian == rows[2].capaian == march.capaian  # April and May still show Q1
    # to Q2: 50 / 50 = 100.00 % → green, on track
    assert (june.ytd_actual, june.capaian, june.colour, june.status) == (
        D(50),
        D("100.00"),
        Colour.GREEN,
        TrajectoryStatus.ON_TRACK,
    )
    # to Q3 (Q3 missing, skipped): 50 / 75 = 66.67 % → red; one period missing
    assert (sept.period_no, sept.capaian, sept.colour, sept.missing, sept.period_actual) == (
        3,
        D("66.67"),
        Colour.RED,
        1,
        None,
    )


def test_lower_is_better_latest_monthly_with_both_formulas_and_the_cap() -> None:
    poverty = series(
        polarity=Polarity.MINIMIZE,
        aggregation=Aggregation.LATEST,
        kind=PeriodKind.MONTHLY,
        trajectory=dict.fromkeys(range(1, 13), D(10)),
        actuals={1: D(9), 2: D(12)},
    )
    jan, feb, mar = score_indicator(poverty, RULES, months=3)
    # Majalengka (2T − R) / T: (20 − 9) / 10 = 110.00 → green, ahead (gap +10 > 5)
    assert (jan.capaian, jan.colour, jan.status) == (D("110.00"), Colour.GREEN, TrajectoryStatus.AHEAD)
    # (20 − 12) / 10 = 80.00 → yellow, behind
    assert (feb.capaian, feb.colour, feb.status) == (D("80.00"), Colour.YELLOW, TrajectoryStatus.BEHIND)
    assert mar.ytd_actual == D(12) and mar.missing == 1  # latest reported value
    # the indicator's own T/R formula: 10 / 9 = 111.11; with the tenant's cap of 100 → 100.00
    own = series(**{**poverty.__dict__, "lower_formula": LowerIsBetterFormula.TARGET_OVER_ACTUAL})
    assert score_indicator(own, RULES, months=1)[0].capaian == D("111.11")
    capped = PerformanceRules.from_mapping({"cap_percent": "100"})
    assert score_indicator(own, capped, months=1)[0].capaian == D("100.00")


def test_missing_and_unmeasurable_indicators() -> None:
    nothing = score_indicator(series(), RULES, months=3)[0]
    assert (nothing.note, nothing.counted, nothing.capaian, nothing.status) == (
        Note.NO_DATA,
        True,
        None,
        TrajectoryStatus.NO_DATA,
    )
    not_due = score_indicator(series(trajectory={1: D(0), 2: D(50), 3: D(25), 4: D(25)}), RULES, 3)[0]
    assert (not_due.note, not_due.counted) == (Note.NOT_DUE, False)
    incomplete = score_indicator(series(trajectory={1: D(25)}), RULES, 3)[0]
    assert (incomplete.note, incomplete.counted) == (Note.NO_TRAJECTORY, False)
    assert "Target belum diisi" in incomplete.message_id
    negative = series(polarity=Polarity.MINIMIZE, actuals={1: D(-1)}, lower_formula=LowerIsBetterFormula.MAJALENGKA)
    invalid = score_indicator(negative, RULES, 3)[0]
    assert (invalid.note, invalid.counted, invalid.capaian) == (Note.INVALID, True, None)
    refuse = PerformanceRules.from_mapping({"missing_periods": "refuse"})
    refused = score_indicator(series(actuals={2: D(30)}), refuse, 6)[-1]
    assert (refused.note, refused.capaian) == (Note.NO_DATA, None) and "Triwulan I" in refused.message_id


def test_group_index_counts_and_predicate() -> None:
    a = score_indicator(series(key=1, actuals={1: D(20)}), RULES, 3)[0]  # 80.00, yellow
    b = score_indicator(series(key=2, actuals={1: D(25)}), RULES, 3)[0]  # 100.00, green
    c = score_indicator(series(key=3), RULES, 3)[0]  # no data: counts as 0 by default
    d = score_indicator(series(key=4, trajectory={1: D(0), 2: D(0), 3: D(0), 4: D(100)}), RULES, 3)[0]  # not due
    # (80 × 3 + 100 × 1) / 4 = 85.00 → yellow, "Tinggi" (76–90)
    group = score_group(7, 3, [(a, D(3)), (b, D(1))], RULES)
    assert (group.index, group.colour, group.predicate.label) == (D("85.00"), Colour.YELLOW, "Tinggi")
    assert (group.indicators, group.green, group.yellow, group.red, group.no_data) == (2, 1, 1, 0, 0)
    # with the missing one: (240 + 100 + 0 × 1) / 5 = 68.00 → red, "Sedang"; the not-due one stays out
    group = score_group(7, 3, [(a, D(3)), (b, D(1)), (c, D(1)), (d, D(5))], RULES)
    assert (group.index, group.colour, group.predicate.code, group.indicators, group.no_data) == (
        D("68.00"),
        Colour.RED,
        "SEDANG",
        3,
        1,
    )
    exclude = PerformanceRules.from_mapping({"missing_capaian": "exclude"})
    assert score_group(7, 3, [(a, D(3)), (b, D(1)), (c, D(1))], exclude).index == D("85.00")
    empty = score_group(7, 3, [(d, D(1))], RULES)
    assert (empty.index, empty.colour, empty.predicate, empty.indicators) == (None, None, None, 0)


def _g(key, month, index):
    return GroupMonth(key, month, index, None, None, 0, 0, 0, 0, 0)


def test_league_ranks_each_month_and_gives_the_change() -> None:
    rows = league(
        [
            _g(1, 3, D("85.00")),
            _g(2, 3, D("90.00")),
            _g(3, 3, None),
            _g(1, 4, D("95.50")),
            _g(2, 4, D("90.00")),
            _g(3, 4, D("90.00")),
        ]
    )
    got = {(r.key, r.month): (r.rank, r.ranked, r.change) for r in rows}
    assert got[(2, 3)] == (1, 2, None) and got[(1, 3)] == (2, 2, None) and got[(3, 3)] == (None, 2, None)
    assert got[(1, 4)] == (1, 3, D("10.50"))
    assert got[(2, 4)] == (2, 3, D("0.00")) and got[(3, 4)] == (2, 3, None)  # a tie shares rank 2


@pytest.mark.parametrize("months", [0, 1, 2])
def test_no_row_before_the_first_quarter_ends(months) -> None:
    assert score_indicator(series(actuals={1: D(5)}), RULES, months) == ()
