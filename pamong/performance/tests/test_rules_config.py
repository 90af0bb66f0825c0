"""rules.config: a tenant's performance settings, defaults, parsing, refusals, and the rules applied with them."""

import json
import pickle
from datetime import date
from decimal import Decimal

import pytest

from pamong.performance.rules.achievement import LowerIsBetterFormula, Polarity
from pamong.performance.rules.aggregation import MissingPeriods
from pamong.performance.rules.bands import CAPAIAN_PREDICATES, Colour, TrafficLight, TrajectoryStatus
from pamong.performance.rules.config import ConfigError, PerformanceRules
from pamong.performance.rules.index import IndexItem, MissingCapaian
from pamong.performance.rules.periods import PeriodKind

D = Decimal


def test_defaults() -> None:
    rules = PerformanceRules()
    assert rules.lower_formula is LowerIsBetterFormula.MAJALENGKA
    assert rules.cap_percent is None
    assert rules.stabilize_tolerance == 5
    assert rules.traffic_light == TrafficLight(green_from=D(90), yellow_from=D(75))
    assert rules.capaian_predicates == CAPAIAN_PREDICATES
    assert rules.trajectory_tolerance == 5
    assert rules.missing_periods is MissingPeriods.SKIP
    assert rules.missing_capaian is MissingCapaian.ZERO
    assert rules.red_streak_periods == 2
    assert rules.report_due_days == 10
    assert rules.reminder_days_before == (3, 1)
    assert rules.improvement_threshold == 70
    assert rules.improvement_months == 6
    assert rules.likelihood_min_reason_chars == 10


@pytest.mark.parametrize("data", [None, {}])
def test_empty_settings_are_the_defaults(data) -> None:
    assert PerformanceRules.from_mapping(data) == PerformanceRules()


def test_round_trip_through_json() -> None:
    rules = PerformanceRules.from_mapping(
        {
            "lower_formula": "target_over_actual",
            "cap_percent": "120",
            "stabilize_tolerance": 2.5,
            "traffic_light": {"green_from": 100, "yellow_from": "80.5"},
            "capaian_predicates": [
                {"code": "TERCAPAI", "label": "Tercapai", "from": "100"},
                {"code": "HAMPIR", "label": "Hampir tercapai", "from": 80},
                {"code": "TIDAK", "label": "Tidak tercapai", "from": "0"},
            ],
            "trajectory_tolerance": "0",
            "missing_periods": "zero",
            "missing_capaian": "exclude",
            "red_streak_periods": 3,
            "report_due_days": 5,
            "reminder_days_before": [1, 5, 1],
            "improvement_threshold": "60",
            "improvement_months": 6,
            "likelihood_min_reason_chars": 20,
        }
    )
    assert rules.cap_percent == D(120)
    assert rules.stabilize_tolerance == D("2.5")
    assert rules.traffic_light.yellow_from == D("80.5")
    assert [b.code for b in rules.capaian_predicates.bands] == ["TERCAPAI", "HAMPIR", "TIDAK"]
    assert rules.reminder_days_before == (5, 1)
    again = PerformanceRules.from_mapping(json.loads(json.dumps(rules.to_mapping())))
    assert again == rules


def test_default_round_trip() -> None:
    assert PerformanceRules.from_mapping(json.loads(json.dumps(PerformanceRules().to_mapping()))) == PerformanceRules()


def test_partial_settings_keep_the_other_defaults() -> None:
    rules = PerformanceRules.from_mapping({"red_streak_periods": 3, "traffic_light": {"green_from": "95"}})
    assert rules.red_streak_periods == 3
    assert rules.traffic_light == TrafficLight(green_from=D(95), yellow_from=D(75))
    assert rules.improvement_threshold == 70


# (case, settings, key, code)
REFUSED = [
    ("unknown key", {"green": 90}, "green", "unknown_key"),
    ("unknown formula", {"lower_formula": "inverse"}, "lower_formula", "unknown_choice"),
    ("formula not a string", {"lower_formula": 1}, "lower_formula", "unknown_choice"),
    ("cap below 100", {"cap_percent": 90}, "cap_percent", "cap_too_low"),
    ("cap as text", {"cap_percent": "seratus"}, "cap_percent", "not_a_number"),
    ("cap with decimal comma", {"cap_percent": "120,5"}, "cap_percent", "not_a_number"),
    ("cap three places", {"cap_percent": "120.125"}, "cap_percent", "cap_precision"),
    ("tolerance negative", {"stabilize_tolerance": -1}, "stabilize_tolerance", "out_of_range"),
    ("tolerance above 100", {"trajectory_tolerance": "100.1"}, "trajectory_tolerance", "out_of_range"),
    ("tolerance bool", {"trajectory_tolerance": True}, "trajectory_tolerance", "not_a_number"),
    ("traffic light not an object", {"traffic_light": [90, 75]}, "traffic_light", "bad_shape"),
    ("traffic light unknown key", {"traffic_light": {"red_from": 0}}, "traffic_light", "bad_shape"),
    ("traffic light out of order", {"traffic_light": {"green_from": 70}}, "traffic_light", "thresholds_out_of_order"),
    ("predicates not a list", {"capaian_predicates": {"A": 90}}, "capaian_predicates", "bad_shape"),
    ("predicate missing label", {"capaian_predicates": [{"code": "A", "from": 0}]}, "capaian_predicates", "bad_shape"),
    (
        "predicates not down to 0",
        {"capaian_predicates": [{"code": "A", "label": "a", "from": 90}, {"code": "B", "label": "b", "from": 50}]},
        "capaian_predicates",
        "lowest_band_not_zero",
    ),
    (
        "predicates out of order",
        {"capaian_predicates": [{"code": "A", "label": "a", "from": 0}, {"code": "B", "label": "b", "from": 50}]},
        "capaian_predicates",
        "lowest_band_not_zero",
    ),
    (
        "predicates ascending ending at 0",
        {
            "capaian_predicates": [
                {"code": "A", "label": "a", "from": 50},
                {"code": "B", "label": "b", "from": 90},
                {"code": "C", "label": "c", "from": 0},
            ]
        },
        "capaian_predicates",
        "bands_out_of_order",
    ),
    ("predicates empty", {"capaian_predicates": []}, "capaian_predicates", "no_bands"),
    ("missing periods policy", {"missing_periods": "ignore"}, "missing_periods", "unknown_choice"),
    ("missing capaian policy", {"missing_capaian": None}, "missing_capaian", "unknown_choice"),
    ("streak 0", {"red_streak_periods": 0}, "red_streak_periods", "out_of_range"),
    ("streak 13", {"red_streak_periods": 13}, "red_streak_periods", "out_of_range"),
    ("streak as text", {"red_streak_periods": "2"}, "red_streak_periods", "not_an_integer"),
    ("streak as float", {"red_streak_periods": 2.0}, "red_streak_periods", "not_an_integer"),
    ("due days negative", {"report_due_days": -1}, "report_due_days", "out_of_range"),
    ("reminders not a list", {"reminder_days_before": 3}, "reminder_days_before", "bad_shape"),
    ("reminder out of range", {"reminder_days_before": [3, 100]}, "reminder_days_before", "out_of_range"),
    ("threshold 0", {"improvement_threshold": 0}, "improvement_threshold", "out_of_range"),
    ("threshold above 100", {"improvement_threshold": "101"}, "improvement_threshold", "out_of_range"),
    ("threshold NaN", {"improvement_threshold": "NaN"}, "improvement_threshold", "not_finite"),
    ("months 0", {"improvement_months": 0}, "improvement_months", "out_of_range"),
    ("reason chars 0", {"likelihood_min_reason_chars": 0}, "likelihood_min_reason_chars", "out_of_range"),
]


@pytest.mark.parametrize(("case", "settings", "key", "code"), REFUSED)
def test_refused_settings(case, settings, key, code) -> None:
    with pytest.raises(ConfigError) as info:
        PerformanceRules.from_mapping(settings)
    assert [(i.key, i.code) for i in info.value.issues] == [(key, code)], case
    issue = info.value.issues[0]
    assert issue.message_id.startswith("Pengaturan") and issue.message_en


def test_every_problem_is_listed() -> None:
    with pytest.raises(ConfigError) as info:
        PerformanceRules.from_mapping({"typo": 1, "red_streak_periods": 0, "cap_percent": 50})
    assert info.value.codes == ("unknown_key", "cap_too_low", "out_of_range")
    assert {i.key for i in info.value.issues} == {"typo", "cap_percent", "red_streak_periods"}


def test_messages_name_the_setting_in_indonesian() -> None:
    with pytest.raises(ConfigError) as info:
        PerformanceRules.from_mapping({"red_streak_periods": 0})
    assert info.value.issues[0].message_id == (
        "Pengaturan jumlah periode merah berturut-turut: nilai harus 1 sampai 12, bukan 0."
    )


def test_not_an_object() -> None:
    with pytest.raises(ConfigError) as info:
        PerformanceRules.from_mapping([1, 2])
    assert info.value.codes == ("not_an_object",)


def test_constructed_in_code_is_checked_too() -> None:
    with pytest.raises(ConfigError) as info:
        PerformanceRules(red_streak_periods=0)
    assert info.value.codes == ("out_of_range",)


def test_config_error_survives_pickling() -> None:
    with pytest.raises(ConfigError) as info:
        PerformanceRules.from_mapping({"typo": 1})
    assert pickle.loads(pickle.dumps(info.value)).issues == info.value.issues


# -------------------------------------------------------------------------- rules with settings --


def test_rules_apply_the_tenant_settings() -> None:
    rules = PerformanceRules.from_mapping(
        {
            "lower_formula": "target_over_actual",
            "cap_percent": 120,
            "traffic_light": {"green_from": 100, "yellow_from": 80},
            "trajectory_tolerance": 0,
            "red_streak_periods": 3,
            "report_due_days": 5,
            "improvement_threshold": 60,
            "improvement_months": 3,
            "missing_capaian": "exclude",
            "likelihood_min_reason_chars": 30,
        }
    )
    assert rules.capaian(D("10.0"), D("9.0"), Polarity.MINIMIZE) == D("111.11")
    assert rules.capaian(D("10.0"), D("9.0"), Polarity.MINIMIZE, LowerIsBetterFormula.MAJALENGKA) == D("110.00")
    assert rules.capaian(D(10), D(0), Polarity.MINIMIZE, LowerIsBetterFormula.MAJALENGKA) == D("120.00")
    assert rules.colour(D("99.99")) is Colour.YELLOW
    assert rules.predicate(D("90.50")).code == "TINGGI"
    assert rules.trajectory_status(D("99.99"), D(100), Polarity.MAXIMIZE) is TrajectoryStatus.BEHIND
    assert rules.red_streak([Colour.RED, Colour.RED]) is False
    assert rules.report_deadline(PeriodKind.QUARTERLY, 2025, 1) == date(2025, 4, 5)
    assert rules.improvement_period(D("65"), date(2026, 1, 31)) is None
    period = rules.improvement_period(D("59.99"), date(2026, 1, 31))
    assert period is not None and period.ends_on == date(2026, 4, 30)
    result = rules.weighted_index([IndexItem("a", D(80), D(1)), IndexItem("b", None, D(1))])
    assert result.value == D("80.00")
    with pytest.raises(ValueError, match="paling sedikit 30 karakter"):
        rules.check_likelihood("green", "Sesuai jadwal.")


def test_default_rules_reproduce_the_worked_examples() -> None:
    rules = PerformanceRules()
    assert str(rules.capaian(D(100), D(92), Polarity.MAXIMIZE)) == "92.00"
    assert str(rules.capaian(D("10.0"), D("9.0"), Polarity.MINIMIZE)) == "110.00"
    assert str(rules.capaian(D("10.0"), D("12.0"), Polarity.MINIMIZE)) == "80.00"
    assert str(rules.capaian(D(10), D(21), Polarity.MINIMIZE)) == "0.00"


def test_register_settings_are_read_and_applied() -> None:
    from pamong.performance.rules.register import EntryStatus, Step

    rules = PerformanceRules.from_mapping({"follow_up_days": 14, "register_min_note_chars": 3})
    assert rules.follow_up_due(date(2026, 11, 2)) == date(2026, 11, 16)
    assert rules.check_step(EntryStatus.OPEN, Step.DISMISS, "dup", is_manager=True, is_owner=False).note == "dup"
    assert rules.to_mapping()["follow_up_days"] == 14
    with pytest.raises(ConfigError) as info:
        PerformanceRules.from_mapping({"follow_up_days": 0, "register_min_note_chars": "x"})
    assert [issue.key for issue in info.value.issues] == ["follow_up_days", "register_min_note_chars"]


def test_reporting_month_uses_the_tenant_deadline() -> None:
    assert PerformanceRules().reporting_month(2026, date(2026, 11, 5)) == 9
    assert PerformanceRules.from_mapping({"report_due_days": 3}).reporting_month(2026, date(2026, 11, 5)) == 10
