"""rules.consequences and rules.likelihood: red streaks, late reports, reminders, improvement period, ratings."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pamong.performance.rules.bands import Colour
from pamong.performance.rules.consequences import (
    ImprovementPeriod,
    LateStatus,
    days_late,
    improvement_period,
    red_streak,
    reminder_dates,
    reminder_due,
    report_deadline,
    report_late,
    trailing_reds,
)
from pamong.performance.rules.errors import ConsequenceError, LikelihoodError
from pamong.performance.rules.likelihood import Likelihood, LikelihoodRating, check_likelihood
from pamong.performance.rules.periods import PeriodKind

D = Decimal
G, Y, R = Colour.GREEN, Colour.YELLOW, Colour.RED

# ----------------------------------------------------------------------------------- red streak --


@pytest.mark.parametrize(
    ("case", "colours", "n", "expected"),
    [
        ("no history", [], 2, False),
        ("one red", [R], 2, False),
        ("two reds", [R, R], 2, True),
        ("two reds after a green", [G, R, R], 2, True),
        ("three reds, n 2", [R, R, R], 2, True),
        ("red, green, red", [R, G, R], 2, False),
        ("reds earlier, green now", [R, R, G], 2, False),
        ("yellow breaks the streak", [R, Y, R], 2, False),
        ("missing period breaks the streak", [R, None, R], 2, False),
        ("latest period missing", [R, R, None], 2, False),
        ("n 1", [G, R], 1, True),
        ("n 3 not reached", [G, R, R], 3, False),
        ("n 3 reached", [R, R, R], 3, True),
        ("stored values", ["red", "red"], 2, True),
    ],
)
def test_red_streak(case, colours, n, expected) -> None:
    assert red_streak(colours, n) is expected, case


def test_red_streak_default_is_two() -> None:
    assert red_streak([R, R]) is True
    assert red_streak([G, R]) is False


def test_trailing_reds() -> None:
    assert trailing_reds([R, G, R, R, R]) == 3


@pytest.mark.parametrize("n", [0, -1, True, 1.5, "2"])
def test_red_streak_refuses_bad_n(n) -> None:
    with pytest.raises(ConsequenceError) as info:
        red_streak([R], n)
    assert info.value.code == "streak_length"


# --------------------------------------------------------------------------------- late reports --

DEADLINE = date(2025, 4, 10)


@pytest.mark.parametrize(
    ("case", "submitted_on", "today", "status", "late_days"),
    [
        ("submitted early", date(2025, 4, 3), date(2025, 4, 20), LateStatus.ON_TIME, 0),
        ("submitted on the deadline day", date(2025, 4, 10), date(2025, 4, 10), LateStatus.ON_TIME, 0),
        ("submitted a day late", date(2025, 4, 11), date(2025, 4, 20), LateStatus.LATE, 1),
        ("submitted a month late", date(2025, 5, 10), date(2025, 5, 10), LateStatus.LATE, 30),
        ("not submitted, deadline today", None, date(2025, 4, 10), LateStatus.NOT_DUE, 0),
        ("not submitted, before deadline", None, date(2025, 4, 1), LateStatus.NOT_DUE, 0),
        ("not submitted, deadline passed", None, date(2025, 4, 11), LateStatus.MISSING, 1),
        ("not submitted, long overdue", None, date(2025, 6, 9), LateStatus.MISSING, 60),
    ],
)
def test_report_late(case, submitted_on, today, status, late_days) -> None:
    assert report_late(DEADLINE, submitted_on, today) is status, case
    assert days_late(DEADLINE, submitted_on, today) == late_days


def test_submission_after_today_is_refused() -> None:
    with pytest.raises(ConsequenceError) as info:
        report_late(DEADLINE, date(2025, 4, 12), date(2025, 4, 11))
    assert info.value.code == "submitted_in_future"
    assert "12 April 2025" in info.value.message_id
    assert info.value.field == "submitted_on"


@pytest.mark.parametrize(
    ("kind", "number", "days_after", "expected"),
    [
        (PeriodKind.MONTHLY, 1, 10, date(2025, 2, 10)),
        (PeriodKind.MONTHLY, 2, 10, date(2025, 3, 10)),
        (PeriodKind.MONTHLY, 12, 10, date(2026, 1, 10)),
        (PeriodKind.QUARTERLY, 1, 10, date(2025, 4, 10)),
        (PeriodKind.QUARTERLY, 4, 15, date(2026, 1, 15)),
        (PeriodKind.MONTHLY, 6, 0, date(2025, 6, 30)),
    ],
)
def test_report_deadline(kind, number, days_after, expected) -> None:
    assert report_deadline(kind, 2025, number, days_after) == expected


def test_report_deadline_default_is_10_days() -> None:
    assert report_deadline(PeriodKind.MONTHLY, 2025, 3) == date(2025, 4, 10)


@pytest.mark.parametrize("days", [-1, 91, True, "10"])
def test_report_deadline_refuses_bad_days(days) -> None:
    with pytest.raises(ConsequenceError) as info:
        report_deadline(PeriodKind.MONTHLY, 2025, 3, days)
    assert info.value.code == "days_out_of_range"


def test_reminder_dates() -> None:
    assert reminder_dates(DEADLINE) == (date(2025, 4, 7), date(2025, 4, 9))
    assert reminder_dates(DEADLINE, (1, 7, 1, 0)) == (date(2025, 4, 3), date(2025, 4, 9), date(2025, 4, 10))
    assert reminder_dates(DEADLINE, ()) == ()


@pytest.mark.parametrize(
    ("today", "submitted_on", "expected"),
    [
        (date(2025, 4, 7), None, True),
        (date(2025, 4, 9), None, True),
        (date(2025, 4, 8), None, False),
        (date(2025, 4, 10), None, False),
        (date(2025, 4, 9), date(2025, 4, 5), False),  # already submitted
    ],
)
def test_reminder_due(today, submitted_on, expected) -> None:
    assert reminder_due(DEADLINE, today, submitted_on) is expected


# --------------------------------------------------------------------------- improvement period --


@pytest.mark.parametrize(
    ("case", "index", "threshold", "decided_on", "months", "expected"),
    [
        ("below threshold", D("65.40"), D(70), date(2026, 3, 2), 6, (date(2026, 3, 2), date(2026, 9, 2))),
        (
            "31 Aug + 6 months clamps to 28 Feb",
            D(50),
            D(70),
            date(2025, 8, 31),
            6,
            (date(2025, 8, 31), date(2026, 2, 28)),
        ),
        (
            "31 Aug + 6 months, leap year: 29 Feb",
            D(50),
            D(70),
            date(2023, 8, 31),
            6,
            (date(2023, 8, 31), date(2024, 2, 29)),
        ),
        ("just below", D("69.99"), D(70), date(2026, 1, 15), 6, (date(2026, 1, 15), date(2026, 7, 15))),
        ("zero index", D(0), D(70), date(2026, 1, 15), 6, (date(2026, 1, 15), date(2026, 7, 15))),
        ("three months", D(50), D(60), date(2026, 11, 30), 3, (date(2026, 11, 30), date(2027, 2, 28))),
        ("exactly at the threshold: none", D("70.00"), D(70), date(2026, 1, 15), 6, None),
        ("above the threshold: none", D("120.00"), D(70), date(2026, 1, 15), 6, None),
        (
            "threshold 100 (strict reading)",
            D("99.99"),
            D(100),
            date(2026, 1, 15),
            6,
            (date(2026, 1, 15), date(2026, 7, 15)),
        ),
    ],
)
def test_improvement_period(case, index, threshold, decided_on, months, expected) -> None:
    result = improvement_period(index, threshold, decided_on, months)
    if expected is None:
        assert result is None, case
    else:
        assert result == ImprovementPeriod(expected[0], expected[1], index, threshold, months), case


def test_improvement_period_default_is_six_months() -> None:
    period = improvement_period(D(40), D(70), date(2026, 2, 1))
    assert period is not None and period.ends_on == date(2026, 8, 1) and period.months == 6


@pytest.mark.parametrize(
    ("index", "threshold", "months", "code", "field"),
    [
        (D(-1), D(70), 6, "index_negative", "yearly_index"),
        (D(50), D(0), 6, "threshold_out_of_range", "improvement_threshold"),
        (D(50), D("100.01"), 6, "threshold_out_of_range", "improvement_threshold"),
        (D(50), D(70), 0, "months_out_of_range", "improvement_months"),
        (D(50), D(70), 25, "months_out_of_range", "improvement_months"),
        (D(50), D(70), True, "months_out_of_range", "improvement_months"),
        (50.0, D(70), 6, "not_a_number", "yearly_index"),
        (D(50), "70", 6, "not_a_number", "improvement_threshold"),
    ],
)
def test_improvement_period_refuses(index, threshold, months, code, field) -> None:
    with pytest.raises(ConsequenceError) as info:
        improvement_period(index, threshold, date(2026, 1, 1), months)
    assert (info.value.code, info.value.field) == (code, field)


@given(
    decided_on=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    months=st.integers(min_value=1, max_value=24),
)
def test_improvement_period_end_is_same_day_or_month_end(decided_on, months) -> None:
    period = improvement_period(D(0), D(70), decided_on, months)
    assert period is not None
    end = period.ends_on
    assert (end.year - decided_on.year) * 12 + end.month - decided_on.month == months
    is_month_end = (end + timedelta(days=1)).day == 1
    assert end.day == decided_on.day or (end.day < decided_on.day and is_month_end)


# ------------------------------------------------------------------------------------ likelihood --


@pytest.mark.parametrize(
    ("rating", "reason", "expected"),
    [
        (
            "green",
            "Semua kegiatan berjalan sesuai jadwal.",
            LikelihoodRating(Likelihood.GREEN, "Semua kegiatan berjalan sesuai jadwal."),
        ),
        (
            "amber_red",
            "  Lelang   tertunda\n dua bulan.  ",
            LikelihoodRating(Likelihood.AMBER_RED, "Lelang tertunda dua bulan."),
        ),
        (Likelihood.RED, "Anggaran belum cair.", LikelihoodRating(Likelihood.RED, "Anggaran belum cair.")),
    ],
)
def test_check_likelihood(rating, reason, expected) -> None:
    assert check_likelihood(rating, reason) == expected


@pytest.mark.parametrize(
    ("rating", "reason", "minimum", "code", "field"),
    [
        ("purple", "Alasan yang cukup panjang.", 10, "unknown_rating", "rating"),
        ("green", "", 10, "reason_missing", "reason"),
        ("green", "   \n ", 10, "reason_missing", "reason"),
        ("green", "ok", 10, "reason_too_short", "reason"),
        ("green", "Sesuai jadwal.", 20, "reason_too_short", "reason"),
    ],
)
def test_check_likelihood_refuses(rating, reason, minimum, code, field) -> None:
    with pytest.raises(LikelihoodError) as info:
        check_likelihood(rating, reason, min_reason_chars=minimum)
    assert (info.value.code, info.value.field) == (code, field)
