"""rules.workdays: work weeks, working days, the §11.3 test vector of domain/rules.md."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pamong.attendance.rules.errors import CalendarError
from pamong.attendance.rules.holidays import Holiday, HolidayCalendar, HolidayKind
from pamong.attendance.rules.holidays_id import HOLIDAYS_2025, national_calendar
from pamong.attendance.rules.workdays import (
    FIVE_DAY_WEEK,
    SIX_DAY_WEEK,
    Weekday,
    WorkWeek,
    is_working_day,
    month_bounds,
    working_dates_between,
    working_days,
    working_days_between,
    working_days_by_month,
)

CALENDAR = national_calendar()

# domain/rules.md §11.3: working days per month, 5-day week, national holidays and cuti bersama removed.
VECTOR = {
    2025: [19, 20, 19, 16, 17, 18, 23, 20, 21, 23, 20, 21],
    2026: [20, 18, 17, 21, 16, 20, 23, 19, 22, 22, 21, 21],
}
TOTALS = {2025: 237, 2026: 240}


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [(year, month, days) for year, row in VECTOR.items() for month, days in enumerate(row, start=1)],
)
def test_section_11_3_working_days_per_month(year, month, expected) -> None:
    assert working_days(year, month, FIVE_DAY_WEEK, CALENDAR) == expected


@pytest.mark.parametrize(("year", "total"), TOTALS.items())
def test_section_11_3_year_totals(year, total) -> None:
    assert sum(working_days_by_month(year, FIVE_DAY_WEEK, CALENDAR).values()) == total
    assert working_days_between(date(year, 1, 1), date(year, 12, 31), FIVE_DAY_WEEK, CALENDAR) == total


def test_2025_without_the_18_august_amendment() -> None:
    # §11.3: without the cuti bersama added by SKB 933/1/3 Tahun 2025, August has 21 days and the year 238.
    before = HolidayCalendar.of([2025], [h for h in HOLIDAYS_2025 if h.day != date(2025, 8, 18)])
    assert working_days(2025, 8, FIVE_DAY_WEEK, before) == 21
    assert sum(working_days_by_month(2025, FIVE_DAY_WEEK, before).values()) == 238


@pytest.mark.parametrize(
    ("year", "month", "with_cb", "without_cb"),
    [
        (2025, 4, 16, 20),  # four Idul Fitri cuti bersama days
        (2026, 3, 17, 21),  # Nyepi + three Idul Fitri cuti bersama days
        (2026, 7, 23, 23),  # no cuti bersama in July
    ],
)
def test_cuti_bersama_parameter(year, month, with_cb, without_cb) -> None:
    assert working_days(year, month, FIVE_DAY_WEEK, CALENDAR) == with_cb
    assert working_days(year, month, FIVE_DAY_WEEK, CALENDAR, cuti_bersama_counts_as_holiday=False) == without_cb


@pytest.mark.parametrize(
    ("day", "week", "expected"),
    [
        (date(2026, 3, 17), FIVE_DAY_WEEK, True),  # Tuesday
        (date(2026, 3, 14), FIVE_DAY_WEEK, False),  # Saturday
        (date(2026, 3, 14), SIX_DAY_WEEK, True),  # Saturday on a 6-day week
        (date(2026, 3, 15), SIX_DAY_WEEK, False),  # Sunday
        (date(2026, 3, 21), SIX_DAY_WEEK, False),  # Idul Fitri falls on a Saturday
        (date(2026, 3, 19), FIVE_DAY_WEEK, False),  # Nyepi
        (date(2026, 3, 23), FIVE_DAY_WEEK, False),  # cuti bersama Idul Fitri
        (date(2025, 8, 18), FIVE_DAY_WEEK, False),  # cuti bersama added mid-year
        (date(2025, 8, 19), FIVE_DAY_WEEK, True),
    ],
)
def test_is_working_day(day, week, expected) -> None:
    assert is_working_day(day, week, CALENDAR) is expected


def test_cuti_bersama_worked_when_it_does_not_count() -> None:
    assert is_working_day(date(2026, 3, 23), FIVE_DAY_WEEK, CALENDAR, cuti_bersama_counts_as_holiday=False)
    assert not is_working_day(date(2026, 3, 19), FIVE_DAY_WEEK, CALENDAR, cuti_bersama_counts_as_holiday=False)


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [
        (2026, 1, 25),  # 27 Mon–Sat days minus 1 Jan (Thu) and 16 Jan (Fri)
        (2026, 3, 20),  # 26 Mon–Sat days minus 18, 19, 20, 21 (Sat), 23, 24 March
        (2026, 7, 27),  # no holiday
        (2025, 4, 20),  # 26 Mon–Sat days minus 1, 2, 3, 4, 7 and 18 April
    ],
)
def test_six_day_week(year, month, expected) -> None:
    assert working_days(year, month, SIX_DAY_WEEK, CALENDAR) == expected


def test_local_holiday_removes_a_working_day() -> None:
    hari_jadi = Holiday(date(2026, 7, 1), "Hari Jadi Kabupaten", HolidayKind.LOCAL)
    assert working_days(2026, 7, FIVE_DAY_WEEK, CALENDAR.with_holidays([hari_jadi])) == 22
    # A local holiday is not cuti bersama: the parameter does not bring it back.
    local = CALENDAR.with_holidays([hari_jadi])
    assert working_days(2026, 7, FIVE_DAY_WEEK, local, cuti_bersama_counts_as_holiday=False) == 22


def test_custom_week() -> None:
    tue_thu = WorkWeek.of(Weekday.TUE, Weekday.THU)
    assert working_days(2026, 7, tue_thu, CALENDAR) == 9
    assert WorkWeek.of(0, 1, 2, 3, 4) == FIVE_DAY_WEEK
    assert FIVE_DAY_WEEK.label_id == "Senin, Selasa, Rabu, Kamis, Jumat"


def test_working_dates_between() -> None:
    assert working_dates_between(date(2026, 3, 16), date(2026, 3, 27), FIVE_DAY_WEEK, CALENDAR) == (
        date(2026, 3, 16),
        date(2026, 3, 17),
        date(2026, 3, 25),
        date(2026, 3, 26),
        date(2026, 3, 27),
    )


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 3, 17), date(2026, 3, 17), 1),  # one working day
        (date(2026, 3, 19), date(2026, 3, 19), 0),  # one holiday
        (date(2025, 12, 22), date(2026, 1, 9), 12),  # across the year end: 15 weekdays minus 25, 26 Dec and 1 Jan
    ],
)
def test_working_days_between(start, end, expected) -> None:
    assert working_days_between(start, end, FIVE_DAY_WEEK, CALENDAR) == expected


def test_end_before_start_is_refused() -> None:
    with pytest.raises(CalendarError) as info:
        working_days_between(date(2026, 3, 2), date(2026, 3, 1), FIVE_DAY_WEEK, CALENDAR)
    error = info.value
    assert (error.code, error.field) == ("end_before_start", "end")
    assert error.message_id == "Tanggal akhir (1 Maret 2026) tidak boleh sebelum tanggal awal (2 Maret 2026)."
    assert error.message_en == "The end date (1 March 2026) cannot be before the start date (2 March 2026)."


@pytest.mark.parametrize(
    "call",
    [
        lambda: working_days(2027, 1, FIVE_DAY_WEEK, CALENDAR),
        lambda: working_days_between(date(2026, 12, 1), date(2027, 1, 31), FIVE_DAY_WEEK, CALENDAR),
        lambda: is_working_day(date(2027, 1, 2), FIVE_DAY_WEEK, CALENDAR),  # even a Saturday
    ],
)
def test_a_year_outside_the_tables_is_refused(call) -> None:
    with pytest.raises(CalendarError) as info:
        call()
    assert info.value.code == "year_not_covered"
    assert "2027" in info.value.message_id
    assert "2027" in info.value.message_en


@pytest.mark.parametrize("month", [0, 13, -1])
def test_month_out_of_range(month) -> None:
    with pytest.raises(CalendarError) as info:
        working_days(2026, month, FIVE_DAY_WEEK, CALENDAR)
    assert (info.value.code, info.value.field) == ("month_out_of_range", "month")
    assert "Januari" in info.value.message_id
    assert "January" in info.value.message_en


@pytest.mark.parametrize(
    ("days", "code"),
    [((), "work_week_empty"), ((0, 7), "weekday_invalid"), ((-1,), "weekday_invalid")],
)
def test_bad_work_weeks(days, code) -> None:
    with pytest.raises(CalendarError) as info:
        WorkWeek.of(*days)
    assert info.value.code == code


@pytest.mark.parametrize(
    ("year", "month", "first", "last"),
    [
        (2026, 2, date(2026, 2, 1), date(2026, 2, 28)),
        (2024, 2, date(2024, 2, 1), date(2024, 2, 29)),
        (2026, 12, date(2026, 12, 1), date(2026, 12, 31)),
    ],
)
def test_month_bounds(year, month, first, last) -> None:
    assert month_bounds(year, month) == (first, last)


DAYS = st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 12, 31))


@given(a=DAYS, b=DAYS, c=DAYS, six_day=st.booleans(), cuti_bersama=st.booleans())
def test_working_days_between_is_additive_over_a_split_point(a, b, c, six_day, cuti_bersama) -> None:
    start, split, end = sorted((a, b, c))
    week = SIX_DAY_WEEK if six_day else FIVE_DAY_WEEK
    kw = {"cuti_bersama_counts_as_holiday": cuti_bersama}
    whole = working_days_between(start, end, week, CALENDAR, **kw)
    left = working_days_between(start, split, week, CALENDAR, **kw)
    right = working_days_between(split + timedelta(days=1), end, week, CALENDAR, **kw) if split < end else 0
    assert whole == left + right
    assert 0 <= whole <= (end - start).days + 1
