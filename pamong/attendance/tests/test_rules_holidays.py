"""rules.holidays and rules.holidays_id: the 2025 and 2026 tables of domain/rules.md §11, the calendar value."""

import pickle
from datetime import date

import pytest

from pamong.attendance.rules.errors import CalendarError
from pamong.attendance.rules.holidays import Holiday, HolidayCalendar, HolidayKind
from pamong.attendance.rules.holidays_id import (
    COVERED_YEARS,
    SKB_2025_AMENDMENT,
    national_calendar,
    national_holidays,
)

N, CB, L = HolidayKind.NATIONAL, HolidayKind.CUTI_BERSAMA, HolidayKind.LOCAL
WEEKDAY = {"Mon": 0, "Tue": 1, "Wed": 2, "Thu": 3, "Fri": 4, "Sat": 5, "Sun": 6}

# Every row of §11.1 and §11.2: (date, weekday as printed there, kind, a word of the name).
SECTION_11 = [
    # 2025, libur nasional (17)
    (date(2025, 1, 1), "Wed", N, "Tahun Baru Masehi"),
    (date(2025, 1, 27), "Mon", N, "Isra Mikraj"),
    (date(2025, 1, 29), "Wed", N, "Imlek"),
    (date(2025, 3, 29), "Sat", N, "Nyepi"),
    (date(2025, 3, 31), "Mon", N, "Idul Fitri 1446 H"),
    (date(2025, 4, 1), "Tue", N, "Idul Fitri 1446 H"),
    (date(2025, 4, 18), "Fri", N, "Wafat Yesus Kristus"),
    (date(2025, 4, 20), "Sun", N, "Paskah"),
    (date(2025, 5, 1), "Thu", N, "Hari Buruh"),
    (date(2025, 5, 12), "Mon", N, "Waisak"),
    (date(2025, 5, 29), "Thu", N, "Kenaikan Yesus Kristus"),
    (date(2025, 6, 1), "Sun", N, "Pancasila"),
    (date(2025, 6, 6), "Fri", N, "Idul Adha 1446 H"),
    (date(2025, 6, 27), "Fri", N, "1 Muharam 1447 H"),
    (date(2025, 8, 17), "Sun", N, "Proklamasi"),
    (date(2025, 9, 5), "Fri", N, "Maulid Nabi"),
    (date(2025, 12, 25), "Thu", N, "Natal"),
    # 2025, cuti bersama (10 + 1)
    (date(2025, 1, 28), "Tue", CB, "Imlek"),
    (date(2025, 3, 28), "Fri", CB, "Nyepi"),
    (date(2025, 4, 2), "Wed", CB, "Idul Fitri"),
    (date(2025, 4, 3), "Thu", CB, "Idul Fitri"),
    (date(2025, 4, 4), "Fri", CB, "Idul Fitri"),
    (date(2025, 4, 7), "Mon", CB, "Idul Fitri"),
    (date(2025, 5, 13), "Tue", CB, "Waisak"),
    (date(2025, 5, 30), "Fri", CB, "Kenaikan"),
    (date(2025, 6, 9), "Mon", CB, "Idul Adha"),
    (date(2025, 8, 18), "Mon", CB, "HUT RI"),
    (date(2025, 12, 26), "Fri", CB, "Natal"),
    # 2026, libur nasional (17)
    (date(2026, 1, 1), "Thu", N, "Tahun Baru Masehi"),
    (date(2026, 1, 16), "Fri", N, "Isra Mikraj"),
    (date(2026, 2, 17), "Tue", N, "Imlek"),
    (date(2026, 3, 19), "Thu", N, "Nyepi"),
    (date(2026, 3, 21), "Sat", N, "Idul Fitri 1447 H"),
    (date(2026, 3, 22), "Sun", N, "Idul Fitri 1447 H"),
    (date(2026, 4, 3), "Fri", N, "Wafat Yesus Kristus"),
    (date(2026, 4, 5), "Sun", N, "Paskah"),
    (date(2026, 5, 1), "Fri", N, "Hari Buruh"),
    (date(2026, 5, 14), "Thu", N, "Kenaikan Yesus Kristus"),
    (date(2026, 5, 27), "Wed", N, "Idul Adha 1447 H"),
    (date(2026, 5, 31), "Sun", N, "Waisak"),
    (date(2026, 6, 1), "Mon", N, "Pancasila"),
    (date(2026, 6, 16), "Tue", N, "1 Muharam 1448 H"),
    (date(2026, 8, 17), "Mon", N, "Proklamasi"),
    (date(2026, 8, 25), "Tue", N, "Maulid Nabi"),
    (date(2026, 12, 25), "Fri", N, "Natal"),
    # 2026, cuti bersama (8)
    (date(2026, 2, 16), "Mon", CB, "Imlek"),
    (date(2026, 3, 18), "Wed", CB, "Nyepi"),
    (date(2026, 3, 20), "Fri", CB, "Idul Fitri"),
    (date(2026, 3, 23), "Mon", CB, "Idul Fitri"),
    (date(2026, 3, 24), "Tue", CB, "Idul Fitri"),
    (date(2026, 5, 15), "Fri", CB, "Kenaikan"),
    (date(2026, 5, 28), "Thu", CB, "Idul Adha"),
    (date(2026, 12, 24), "Thu", CB, "Natal"),
]


@pytest.mark.parametrize(("day", "weekday", "kind", "name"), SECTION_11)
def test_every_holiday_of_section_11_is_in_the_tables(day, weekday, kind, name) -> None:
    (holiday,) = national_calendar().on(day)
    assert holiday.kind is kind
    assert name in holiday.name
    assert holiday.source.startswith("SKB 3 Menteri")
    assert day.weekday() == WEEKDAY[weekday], "the weekday printed in §11 matches the date"


@pytest.mark.parametrize(
    ("year", "kind", "count"),
    [(2025, N, 17), (2025, CB, 11), (2026, N, 17), (2026, CB, 8)],
)
def test_table_sizes(year, kind, count) -> None:
    assert len(national_calendar().in_year(year, kind)) == count


def test_tables_hold_exactly_section_11() -> None:
    assert {(h.day, h.kind) for y in (2025, 2026) for h in national_holidays(y)} == {
        (day, kind) for day, _, kind, _ in SECTION_11
    }
    assert {2025, 2026} == COVERED_YEARS


def test_national_holidays_are_in_date_order() -> None:
    days = [h.day for h in national_holidays(2025)]
    assert days == sorted(days)


def test_18_august_2025_comes_from_the_amendment() -> None:
    (holiday,) = national_calendar().on(date(2025, 8, 18))
    assert holiday.source == SKB_2025_AMENDMENT


@pytest.mark.parametrize(
    ("day", "cuti_bersama_counts", "off"),
    [
        (date(2026, 3, 19), True, True),  # Nyepi, national holiday
        (date(2026, 3, 19), False, True),  # a national holiday is off either way
        (date(2026, 3, 18), True, True),  # cuti bersama Nyepi
        (date(2026, 3, 18), False, False),  # ... works when cuti bersama does not count
        (date(2026, 3, 17), True, False),  # an ordinary Tuesday
        (date(2026, 3, 21), True, True),  # Idul Fitri on a Saturday is still a holiday
    ],
)
def test_is_day_off(day, cuti_bersama_counts, off) -> None:
    assert national_calendar().is_day_off(day, cuti_bersama_counts_as_holiday=cuti_bersama_counts) is off


def test_an_ordinary_day_has_no_holiday() -> None:
    assert national_calendar().on(date(2026, 7, 1)) == ()


def test_local_holidays_join_the_calendar() -> None:
    hari_jadi = Holiday(date(2026, 7, 1), "Hari Jadi Kabupaten", L, "Keputusan Bupati")
    calendar = national_calendar(local=[hari_jadi])
    assert calendar.on(date(2026, 7, 1)) == (hari_jadi,)
    assert national_calendar().with_holidays([hari_jadi]) == calendar
    assert calendar.in_year(2026, L) == (hari_jadi,)


def test_two_holidays_on_one_day_are_both_kept() -> None:
    extra = Holiday(date(2026, 8, 17), "Upacara daerah", L)
    assert len(national_calendar(local=[extra]).on(date(2026, 8, 17))) == 2


def test_calendar_for_one_year_only() -> None:
    calendar = national_calendar([2026])
    assert calendar.years == {2026}
    assert all(h.day.year == 2026 for h in calendar.holidays)


@pytest.mark.parametrize(
    ("call", "year"),
    [
        (lambda: national_holidays(2027), 2027),
        (lambda: national_calendar().on(date(2024, 12, 31)), 2024),
        (lambda: national_calendar([2026]).on(date(2025, 1, 1)), 2025),
        (lambda: national_calendar().in_year(2030), 2030),
        (lambda: national_calendar([2023]), 2023),
    ],
)
def test_a_year_outside_the_tables_is_refused_by_name(call, year) -> None:
    with pytest.raises(CalendarError) as info:
        call()
    error = info.value
    assert error.code == "year_not_covered"
    assert error.field == "year"
    assert f"tahun {year} belum tersedia" in error.message_id
    assert f"for {year} are not available" in error.message_en
    assert str(error) == error.message_id


def test_a_holiday_outside_the_calendars_years_is_refused() -> None:
    with pytest.raises(CalendarError) as info:
        HolidayCalendar.of([2026], [Holiday(date(2027, 1, 1), "Tahun Baru Masehi", N)])
    assert info.value.code == "holiday_outside_years"
    assert "1 Januari 2027" in info.value.message_id
    assert "1 January 2027" in info.value.message_en


def test_a_holiday_needs_a_name() -> None:
    with pytest.raises(CalendarError) as info:
        Holiday(date(2026, 7, 1), "  ", L)
    assert (info.value.code, info.value.field) == ("holiday_name_missing", "name")


def test_errors_survive_pickling() -> None:
    with pytest.raises(CalendarError) as info:
        national_holidays(2027)
    again = pickle.loads(pickle.dumps(info.value))
    assert (again.code, again.message_id, again.message_en, again.field) == (
        info.value.code,
        info.value.message_id,
        info.value.message_en,
        info.value.field,
    )


@pytest.mark.parametrize(
    ("kind", "label_id", "label_en"),
    [
        (N, "Libur nasional", "National holiday"),
        (CB, "Cuti bersama", "Cuti bersama (collective leave)"),
        (L, "Libur daerah", "Local holiday"),
    ],
)
def test_kind_labels(kind, label_id, label_en) -> None:
    assert (kind.label_id, kind.label_en) == (label_id, label_en)
