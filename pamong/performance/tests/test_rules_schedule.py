"""rules.schedule: the monthly score grid, ended months, the reporting month shown by default."""

from datetime import date

import pytest

from pamong.performance.rules.errors import PeriodError
from pamong.performance.rules.periods import PeriodKind
from pamong.performance.rules.schedule import last_complete_period, months_ended, period_end_month, reporting_month

M, Q = PeriodKind.MONTHLY, PeriodKind.QUARTERLY


@pytest.mark.parametrize(
    ("kind", "month", "expected"),
    [
        (M, 1, 1),
        (M, 7, 7),
        (M, 12, 12),
        (Q, 1, None),
        (Q, 2, None),
        (Q, 3, 1),
        (Q, 5, 1),
        (Q, 6, 2),
        (Q, 11, 3),
        (Q, 12, 4),
    ],
)
def test_last_complete_period(kind, month, expected) -> None:
    assert last_complete_period(kind, month) == expected


@pytest.mark.parametrize("month", [0, 13, -1])
def test_last_complete_period_refuses_a_month_outside_the_year(month) -> None:
    with pytest.raises(PeriodError) as info:
        last_complete_period(Q, month)
    assert info.value.code == "period_out_of_range"


@pytest.mark.parametrize(("kind", "number", "expected"), [(M, 1, 1), (M, 12, 12), (Q, 1, 3), (Q, 2, 6), (Q, 4, 12)])
def test_period_end_month(kind, number, expected) -> None:
    assert period_end_month(kind, number) == expected
    assert last_complete_period(kind, expected) == number


@pytest.mark.parametrize(
    ("year", "today", "expected"),
    [
        (2026, date(2025, 12, 31), 0),
        (2026, date(2026, 1, 31), 0),
        (2026, date(2026, 2, 1), 1),
        (2026, date(2026, 11, 2), 10),
        (2026, date(2026, 12, 31), 11),
        (2026, date(2027, 1, 1), 12),
        (2025, date(2026, 6, 1), 12),
    ],
)
def test_months_ended(year, today, expected) -> None:
    assert months_ended(year, today) == expected


@pytest.mark.parametrize(
    ("case", "year", "today", "due_days", "expected"),
    [
        ("year not begun", 2027, date(2026, 11, 2), 10, None),
        ("January in progress", 2026, date(2026, 1, 20), 10, None),
        ("January ended, deadline 10 February not passed", 2026, date(2026, 2, 5), 10, 1),
        ("deadline day itself: reports still on time", 2026, date(2026, 2, 10), 10, 1),
        ("day after January's deadline", 2026, date(2026, 2, 11), 10, 1),
        ("2 November: October's deadline (10 November) not passed", 2026, date(2026, 11, 2), 10, 9),
        ("11 November: October is shown", 2026, date(2026, 11, 11), 10, 10),
        ("due 0 days: the month after it ends", 2026, date(2026, 11, 2), 0, 10),
        ("past year, December's deadline passed", 2025, date(2026, 3, 1), 10, 12),
        ("past year, December's deadline not passed", 2025, date(2026, 1, 5), 10, 11),
    ],
)
def test_reporting_month(case, year, today, due_days, expected) -> None:
    assert reporting_month(year, today, due_days) == expected, case
