"""rules.achievement (``domain/rules.md`` §5.3): worked examples, polarities, cap, floor, refusals, properties."""

import pickle
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pamong.performance.rules.achievement import (
    LowerIsBetterFormula,
    Polarity,
    capaian,
    check_cap,
    raw_capaian,
)
from pamong.performance.rules.errors import AchievementError

D = Decimal
MAX, MIN, STAB = Polarity.MAXIMIZE, Polarity.MINIMIZE, Polarity.STABILIZE
MAJ, TR = LowerIsBetterFormula.MAJALENGKA, LowerIsBetterFormula.TARGET_OVER_ACTUAL

# (case, target, actual, polarity, lower formula, cap, expected text: value and its 2 decimal places)
CASES = [
    # §5.3 worked examples, exactly.
    ("§5.3 maximize 100 / 92", D("100"), D("92"), MAX, MAJ, None, "92.00"),
    ("§5.3 poverty 10.0 / 9.0, Majalengka", D("10.0"), D("9.0"), MIN, MAJ, None, "110.00"),
    ("§5.3 poverty 10.0 / 9.0, T/R", D("10.0"), D("9.0"), MIN, TR, None, "111.11"),
    ("§5.3 10.0 / 12.0, Majalengka", D("10.0"), D("12.0"), MIN, MAJ, None, "80.00"),
    ("§5.3 10.0 / 12.0, T/R", D("10.0"), D("12.0"), MIN, TR, None, "83.33"),
    ("§5.3 10 / 21 Majalengka gives -10, floored", D("10"), D("21"), MIN, MAJ, None, "0.00"),
    # Higher is better.
    ("maximize exactly on target", D("80"), D("80"), MAX, MAJ, None, "100.00"),
    ("maximize above target, no cap", D("100"), D("150"), MAX, MAJ, None, "150.00"),
    ("maximize above target, cap 100", D("100"), D("150"), MAX, MAJ, D("100"), "100.00"),
    ("maximize above target, cap 120", D("100"), D("150"), MAX, MAJ, D("120"), "120.00"),
    ("maximize below the cap is untouched", D("100"), D("110"), MAX, MAJ, D("120"), "110.00"),
    ("maximize actual 0", D("100"), D("0"), MAX, MAJ, None, "0.00"),
    ("maximize negative actual (growth) floors", D("5"), D("-1.2"), MAX, MAJ, None, "0.00"),
    ("maximize rupiah amounts", D("1250000000"), D("1000000000"), MAX, MAJ, None, "80.00"),
    # Rounding: ROUND_HALF_UP to 2 places.
    ("one eighth", D("8"), D("1"), MAX, MAJ, None, "12.50"),
    ("1/3", D("3"), D("1"), MAX, MAJ, None, "33.33"),
    ("2/3 rounds up", D("3"), D("2"), MAX, MAJ, None, "66.67"),
    ("12.125 rounds up to 12.13, not to even", D("800"), D("97"), MAX, MAJ, None, "12.13"),
    ("0.125 % rounds up to 0.13", D("80000"), D("100"), MAX, MAJ, None, "0.13"),
    ("0.005 % rounds up to 0.01", D("20000"), D("1"), MAX, MAJ, None, "0.01"),
    ("0.004 % rounds to 0.00", D("25000"), D("1"), MAX, MAJ, None, "0.00"),
    # Lower is better.
    ("minimize on target, Majalengka", D("12"), D("12"), MIN, MAJ, None, "100.00"),
    ("minimize on target, T/R", D("12"), D("12"), MIN, TR, None, "100.00"),
    ("minimize actual 0, Majalengka: 200", D("10"), D("0"), MIN, MAJ, None, "200.00"),
    ("minimize actual 0, Majalengka, cap 120", D("10"), D("0"), MIN, MAJ, D("120"), "120.00"),
    ("minimize exactly twice the target", D("10"), D("20"), MIN, MAJ, None, "0.00"),
    ("licensing days 5 / 7, T/R", D("5"), D("7"), MIN, TR, None, "71.43"),
    ("licensing days 5 / 3, T/R with cap", D("5"), D("3"), MIN, TR, D("100"), "100.00"),
    # Stabilize (tolerance 5 % of the target by default).
    ("stabilize on target", D("3"), D("3"), STAB, MAJ, None, "100.00"),
    ("stabilize within the band above", D("100"), D("105"), STAB, MAJ, None, "100.00"),
    ("stabilize within the band below", D("100"), D("95"), STAB, MAJ, None, "100.00"),
    ("stabilize just outside the band", D("100"), D("105.5"), STAB, MAJ, None, "99.50"),
    ("stabilize 20 % off", D("100"), D("80"), STAB, MAJ, None, "85.00"),
    ("stabilize inflation 3.0 vs 3.6 (20 % off)", D("3.0"), D("3.6"), STAB, MAJ, None, "85.00"),
    ("stabilize far off floors", D("2"), D("8"), STAB, MAJ, None, "0.00"),
    ("stabilize negative actual allowed", D("2"), D("-0.5"), STAB, MAJ, None, "0.00"),
    # int inputs are accepted.
    ("int inputs", 4, 3, MAX, MAJ, None, "75.00"),
]


@pytest.mark.parametrize(("case", "target", "actual", "polarity", "formula", "cap", "expected"), CASES)
def test_capaian(case, target, actual, polarity, formula, cap, expected) -> None:
    result = capaian(target, actual, polarity=polarity, lower_formula=formula, cap_percent=cap)
    assert str(result) == expected, case
    assert isinstance(result, Decimal)


def test_formula_is_ignored_for_maximize() -> None:
    assert capaian(D(10), D(9), polarity=MAX, lower_formula=TR) == D("90.00")


@pytest.mark.parametrize(
    ("tolerance", "actual", "expected"),
    [
        (D("0"), D("100"), "100.00"),
        (D("0"), D("101"), "99.00"),
        (D("10"), D("110"), "100.00"),
        (D("10"), D("111"), "99.00"),
        (D("2.5"), D("97.5"), "100.00"),
    ],
)
def test_stabilize_tolerance_is_a_parameter(tolerance, actual, expected) -> None:
    assert str(capaian(D(100), actual, polarity=STAB, stabilize_tolerance=tolerance)) == expected


def test_raw_capaian_is_unrounded_uncapped_and_may_be_negative() -> None:
    assert raw_capaian(D(10), D(21), polarity=MIN) == D(-10)
    assert raw_capaian(D(9), D(10), polarity=MAX).quantize(D("0.000001")) == D("111.111111")


def test_polarity_and_formula_accept_their_stored_values() -> None:
    assert capaian(D("10.0"), D("9.0"), polarity="minimize", lower_formula="target_over_actual") == D("111.11")


# (case, target, actual, polarity, formula, cap, code, field)
REFUSED = [
    ("target 0", D(0), D(5), MAX, MAJ, None, "target_zero", "target"),
    ("target 0, minimize", D(0), D(5), MIN, MAJ, None, "target_zero", "target"),
    ("target 0, stabilize", D(0), D(0), STAB, MAJ, None, "target_zero", "target"),
    ("negative target", D(-5), D(5), MAX, MAJ, None, "target_negative", "target"),
    ("actual 0 with T/R", D(10), D(0), MIN, TR, None, "actual_zero", "actual"),
    ("negative actual, minimize, Majalengka", D(10), D(-1), MIN, MAJ, None, "actual_negative", "actual"),
    ("negative actual, minimize, T/R", D(10), D(-1), MIN, TR, None, "actual_negative", "actual"),
    ("cap below 100", D(10), D(5), MAX, MAJ, D("99.99"), "cap_too_low", "cap_percent"),
    ("cap with 3 decimals", D(10), D(5), MAX, MAJ, D("120.005"), "cap_precision", "cap_percent"),
    ("float target", 10.0, D(5), MAX, MAJ, None, "not_a_number", "target"),
    ("text actual", D(10), "5", MAX, MAJ, None, "not_a_number", "actual"),
    ("None actual", D(10), None, MAX, MAJ, None, "not_a_number", "actual"),
    ("bool actual", D(10), True, MAX, MAJ, None, "not_a_number", "actual"),
    ("NaN target", D("NaN"), D(5), MAX, MAJ, None, "not_finite", "target"),
    ("infinite actual", D(10), D("Infinity"), MAX, MAJ, None, "not_finite", "actual"),
    ("huge actual", D(10), D("1e18"), MAX, MAJ, None, "out_of_range", "actual"),
]


@pytest.mark.parametrize(("case", "target", "actual", "polarity", "formula", "cap", "code", "field"), REFUSED)
def test_capaian_refuses(case, target, actual, polarity, formula, cap, code, field) -> None:
    with pytest.raises(AchievementError) as info:
        capaian(target, actual, polarity=polarity, lower_formula=formula, cap_percent=cap)
    assert info.value.code == code, case
    assert info.value.field == field
    assert info.value.message_id and info.value.message_en
    assert str(info.value) == info.value.message_id


def test_negative_tolerance_refused() -> None:
    with pytest.raises(AchievementError) as info:
        capaian(D(10), D(10), polarity=STAB, stabilize_tolerance=D(-1))
    assert info.value.code == "tolerance_negative"


def test_messages_are_indonesian_and_english() -> None:
    with pytest.raises(AchievementError) as info:
        capaian(D(10), D(0), polarity=MIN, lower_formula=TR)
    assert "Realisasi 0" in info.value.message_id
    assert "(2 × target − realisasi)" in info.value.message_id
    assert "An actual of 0" in info.value.message_en


def test_messages_spell_numbers_the_indonesian_way() -> None:
    with pytest.raises(AchievementError) as info:
        capaian(D("-1234.5"), D(1), polarity=MAX)
    assert "-1.234,5" in info.value.message_id
    assert "-1,234.5" in info.value.message_en


def test_error_survives_pickling() -> None:
    with pytest.raises(AchievementError) as info:
        capaian(D(0), D(1), polarity=MAX)
    copy = pickle.loads(pickle.dumps(info.value))
    assert (copy.code, copy.message_id, copy.message_en, copy.field) == (
        "target_zero",
        info.value.message_id,
        info.value.message_en,
        "target",
    )


@pytest.mark.parametrize("cap", [None, D(100), D(120), D("150.50")])
def test_check_cap_accepts(cap) -> None:
    check_cap(cap)


# ------------------------------------------------------------------------------------ properties --

amounts = st.decimals(min_value=D("0.01"), max_value=D("1000000"), places=2)
any_actual = st.decimals(min_value=D("-1000000"), max_value=D("1000000"), places=2)
polarities = st.sampled_from(list(Polarity))
formulas = st.sampled_from(list(LowerIsBetterFormula))
caps = st.sampled_from([None, D(100), D(120)])


@given(target=amounts, low=any_actual, high=any_actual)
def test_maximize_is_monotonic_in_actual(target, low, high) -> None:
    low, high = min(low, high), max(low, high)
    assert capaian(target, low, polarity=MAX) <= capaian(target, high, polarity=MAX)


@given(target=amounts, low=amounts, high=amounts, formula=formulas)
def test_minimize_is_antitonic_in_actual(target, low, high, formula) -> None:
    low, high = min(low, high), max(low, high)
    assert capaian(target, low, polarity=MIN, lower_formula=formula) >= capaian(
        target, high, polarity=MIN, lower_formula=formula
    )


@given(target=amounts, actual=amounts, polarity=polarities, formula=formulas, cap=caps)
def test_never_below_zero_never_above_cap_always_two_places(target, actual, polarity, formula, cap) -> None:
    result = capaian(target, actual, polarity=polarity, lower_formula=formula, cap_percent=cap)
    assert result >= 0
    assert cap is None or result <= cap
    assert result.as_tuple().exponent == -2
    if polarity is STAB:
        assert result <= 100


@given(target=amounts, polarity=polarities, formula=formulas)
def test_on_target_is_exactly_100(target, polarity, formula) -> None:
    assert capaian(target, target, polarity=polarity, lower_formula=formula) == D("100.00")


@given(target=amounts, actual=amounts)
def test_majalengka_is_mirror_of_maximize_around_100(target, actual) -> None:
    # (2T − R)/T = 2 − R/T: the unrounded values sum to 200.
    total = raw_capaian(target, actual, polarity=MIN) + raw_capaian(target, actual, polarity=MAX)
    assert abs(total - 200) < D("1e-40")
