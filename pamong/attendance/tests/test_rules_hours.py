"""rules.hours: daily windows, the Perpres 21/2023 week, Ramadan overrides, bad schedules."""

from datetime import UTC, date, time

import pytest

from pamong.attendance.rules.errors import CalendarError, ScheduleError
from pamong.attendance.rules.holidays_id import national_calendar
from pamong.attendance.rules.hours import (
    FIVE_DAY_HOURS,
    RAMADAN_FIVE_DAY_HOURS,
    RAMADAN_SIX_DAY_HOURS,
    RAMADAN_WEEKLY_MINUTES,
    SIX_DAY_HOURS,
    WEEKLY_MINUTES,
    DayHours,
    ScheduleOverride,
    WeekSchedule,
    check_overrides,
    check_weekly_minimum,
    expected_window,
    ramadan_six_day_hours,
    schedule_on,
    weekly_shortfall_minutes,
)
from pamong.attendance.rules.workdays import FIVE_DAY_WEEK, SIX_DAY_WEEK, Weekday

CALENDAR = national_calendar()
# An example Ramadan window entered by a tenant (the dates come from the government each year).
RAMADAN = ScheduleOverride(date(2026, 2, 18), date(2026, 3, 19), RAMADAN_FIVE_DAY_HOURS, "Ramadan 1447 H")


def t(text: str) -> time:
    return time.fromisoformat(text)


@pytest.mark.parametrize(
    ("schedule", "weekday", "start", "end", "break_minutes", "net"),
    [
        (FIVE_DAY_HOURS, Weekday.MON, "07:30", "16:00", 60, 450),
        (FIVE_DAY_HOURS, Weekday.THU, "07:30", "16:00", 60, 450),
        (FIVE_DAY_HOURS, Weekday.FRI, "07:30", "16:30", 90, 450),
        (SIX_DAY_HOURS, Weekday.TUE, "07:00", "14:00", 0, 420),
        (SIX_DAY_HOURS, Weekday.FRI, "07:00", "11:00", 0, 240),
        (SIX_DAY_HOURS, Weekday.SAT, "07:00", "12:30", 0, 330),
        (RAMADAN_FIVE_DAY_HOURS, Weekday.WED, "08:00", "15:00", 30, 390),
        (RAMADAN_FIVE_DAY_HOURS, Weekday.FRI, "08:00", "15:30", 60, 390),
        (RAMADAN_SIX_DAY_HOURS, Weekday.SAT, "08:00", "14:00", 30, 330),
        (RAMADAN_SIX_DAY_HOURS, Weekday.FRI, "08:00", "14:30", 60, 330),
    ],
)
def test_default_day_hours(schedule, weekday, start, end, break_minutes, net) -> None:
    hours = schedule.hours_on(weekday)
    assert (hours.start, hours.end) == (t(start), t(end))
    assert hours.break_minutes == break_minutes
    assert hours.net_minutes == net


@pytest.mark.parametrize(
    ("schedule", "weekday"),
    [(FIVE_DAY_HOURS, Weekday.SAT), (FIVE_DAY_HOURS, Weekday.SUN), (SIX_DAY_HOURS, Weekday.SUN)],
)
def test_days_off_have_no_hours(schedule, weekday) -> None:
    assert schedule.hours_on(weekday) is None


@pytest.mark.parametrize(
    ("schedule", "minutes", "minimum", "shortfall"),
    [
        (FIVE_DAY_HOURS, 2250, WEEKLY_MINUTES, 0),  # 37.5 h, Perpres 21/2023
        (SIX_DAY_HOURS, 2250, WEEKLY_MINUTES, 0),
        (RAMADAN_FIVE_DAY_HOURS, 1950, RAMADAN_WEEKLY_MINUTES, 0),  # 32.5 h
        (RAMADAN_SIX_DAY_HOURS, 1980, RAMADAN_WEEKLY_MINUTES, 0),  # Friday to 14.30: 33 h
        (ramadan_six_day_hours(time(14, 0)), 1950, RAMADAN_WEEKLY_MINUTES, 0),  # SE 6/2023
        (RAMADAN_FIVE_DAY_HOURS, 1950, WEEKLY_MINUTES, 300),  # Ramadan hours outside Ramadan
    ],
)
def test_weekly_totals(schedule, minutes, minimum, shortfall) -> None:
    assert schedule.weekly_minutes == minutes
    assert weekly_shortfall_minutes(schedule, minimum_minutes=minimum) == shortfall


def test_work_week_follows_the_hours() -> None:
    assert FIVE_DAY_HOURS.work_week == FIVE_DAY_WEEK
    assert SIX_DAY_HOURS.work_week == SIX_DAY_WEEK
    assert RAMADAN_SIX_DAY_HOURS.work_week == SIX_DAY_WEEK


def test_a_short_week_is_refused_with_both_totals() -> None:
    short = WeekSchedule.of({d: DayHours(t("07:30"), t("15:00"), t("12:00"), t("13:00")) for d in Weekday if d < 5})
    assert weekly_shortfall_minutes(short) == 300
    with pytest.raises(ScheduleError) as info:
        check_weekly_minimum(short)
    error = info.value
    assert error.code == "below_weekly_minimum"
    assert (
        error.message_id == "Jam kerja seminggu 32 jam 30 menit, kurang dari minimum 37 jam 30 menit (Perpres 21/2023)."
    )
    assert error.message_en == "The week has 32 h 30 min of work, below the minimum of 37 h 30 min (Perpres 21/2023)."
    check_weekly_minimum(short, minimum_minutes=RAMADAN_WEEKLY_MINUTES)  # enough for Ramadan


@pytest.mark.parametrize(
    ("case", "day", "expected"),
    [
        ("Monday, normal hours", date(2026, 2, 9), ("07:30", "16:00")),
        ("Friday, normal hours", date(2026, 2, 13), ("07:30", "16:30")),
        ("Saturday, 5-day week", date(2026, 2, 14), None),
        ("first day of the Ramadan window", date(2026, 2, 18), ("08:00", "15:00")),
        ("Ramadan Friday", date(2026, 2, 20), ("08:00", "15:30")),
        ("Ramadan Saturday", date(2026, 2, 21), None),
        ("last day of the Ramadan window", date(2026, 3, 19), ("08:00", "15:00")),
        ("day after the window", date(2026, 3, 25), ("07:30", "16:00")),
    ],
)
def test_expected_window_with_a_ramadan_override(case, day, expected) -> None:
    window = expected_window(day, FIVE_DAY_HOURS, [RAMADAN])
    if expected is None:
        assert window is None, case
    else:
        assert window is not None, case
        assert (window.start, window.end) == (t(expected[0]), t(expected[1])), case


@pytest.mark.parametrize(
    ("day", "cuti_bersama_counts", "expected"),
    [
        (date(2026, 3, 19), True, None),  # Nyepi, inside the Ramadan window
        (date(2026, 3, 18), True, None),  # cuti bersama Nyepi
        (date(2026, 3, 18), False, ("08:00", "15:00")),  # worked: Ramadan hours
        (date(2026, 3, 23), False, ("07:30", "16:00")),  # worked cuti bersama after Ramadan
        (date(2026, 3, 17), True, ("08:00", "15:00")),
    ],
)
def test_expected_window_on_holidays(day, cuti_bersama_counts, expected) -> None:
    window = expected_window(
        day, FIVE_DAY_HOURS, [RAMADAN], holidays=CALENDAR, cuti_bersama_counts_as_holiday=cuti_bersama_counts
    )
    assert (None if window is None else (window.start, window.end)) == (
        None if expected is None else (t(expected[0]), t(expected[1]))
    )


def test_expected_window_on_a_six_day_schedule() -> None:
    six_day_ramadan = ScheduleOverride(RAMADAN.start, RAMADAN.end, RAMADAN_SIX_DAY_HOURS, "Ramadan 1447 H")
    window = expected_window(date(2026, 2, 21), SIX_DAY_HOURS, [six_day_ramadan])
    assert window is not None and (window.start, window.end) == (t("08:00"), t("14:00"))
    window = expected_window(date(2026, 2, 14), SIX_DAY_HOURS, [six_day_ramadan])
    assert window is not None and (window.start, window.end) == (t("07:00"), t("12:30"))


def test_expected_window_refuses_an_uncovered_year_when_given_holidays() -> None:
    with pytest.raises(CalendarError) as info:
        expected_window(date(2027, 1, 4), FIVE_DAY_HOURS, holidays=CALENDAR)
    assert info.value.code == "year_not_covered"
    assert expected_window(date(2027, 1, 4), FIVE_DAY_HOURS) is not None  # without holidays: the plain week


def test_schedule_on() -> None:
    assert schedule_on(date(2026, 3, 1), FIVE_DAY_HOURS, [RAMADAN]) is RAMADAN_FIVE_DAY_HOURS
    assert schedule_on(date(2026, 4, 1), FIVE_DAY_HOURS, [RAMADAN]) is FIVE_DAY_HOURS


@pytest.mark.parametrize(
    ("kwargs", "code", "field", "message_id", "message_en"),
    [
        (
            {"start": t("16:00"), "end": t("07:30")},
            "end_before_start",
            "end",
            "Jam pulang (07.30) harus setelah jam masuk (16.00).",
            "The end of work (07:30) must be after the start (16:00).",
        ),
        (
            {"start": t("07:30"), "end": t("07:30")},
            "end_before_start",
            "end",
            "Jam pulang (07.30) harus setelah jam masuk (07.30).",
            "The end of work (07:30) must be after the start (07:30).",
        ),
        (
            {"start": t("07:30"), "end": t("16:00"), "break_start": t("12:00")},
            "break_incomplete",
            "break_end",
            "Jam istirahat harus diisi awal dan akhirnya, atau dikosongkan keduanya.",
            "A break needs both a start and an end, or neither.",
        ),
        (
            {"start": t("07:30"), "end": t("16:00"), "break_start": t("13:00"), "break_end": t("12:00")},
            "break_end_before_start",
            "break_end",
            "Akhir istirahat (12.00) harus setelah awalnya (13.00).",
            "The end of the break (12:00) must be after its start (13:00).",
        ),
        (
            {"start": t("07:30"), "end": t("16:00"), "break_start": t("15:30"), "break_end": t("16:30")},
            "break_outside_hours",
            "break_start",
            "Istirahat 15.30–16.30 harus di dalam jam kerja 07.30–16.00.",
            "The break 15:30–16:30 must fall within the working hours 07:30–16:00.",
        ),
        (
            {"start": t("07:30:30"), "end": t("16:00")},
            "time_not_plain",
            "start",
            "Jam kerja ditulis dalam jam dan menit waktu setempat, tanpa detik dan zona waktu.",
            "Working hours are local hours and minutes, without seconds or a time zone.",
        ),
        (
            {"start": time(7, 30, tzinfo=UTC), "end": time(16, 0, tzinfo=UTC)},
            "time_not_plain",
            "start",
            "Jam kerja ditulis dalam jam dan menit waktu setempat, tanpa detik dan zona waktu.",
            "Working hours are local hours and minutes, without seconds or a time zone.",
        ),
    ],
)
def test_bad_day_hours(kwargs, code, field, message_id, message_en) -> None:
    with pytest.raises(ScheduleError) as info:
        DayHours(**kwargs)
    error = info.value
    assert (error.code, error.field, error.message_id, error.message_en) == (code, field, message_id, message_en)
    assert str(error) == message_id


@pytest.mark.parametrize(
    ("days", "code"),
    [((None,) * 7, "schedule_empty"), ((FIVE_DAY_HOURS.hours_on(0),) * 6, "schedule_not_seven_days")],
)
def test_bad_week_schedules(days, code) -> None:
    with pytest.raises(ScheduleError) as info:
        WeekSchedule(days)
    assert info.value.code == code


def test_override_ending_before_it_starts() -> None:
    with pytest.raises(ScheduleError) as info:
        ScheduleOverride(date(2026, 3, 19), date(2026, 2, 18), RAMADAN_FIVE_DAY_HOURS, "Ramadan 1447 H")
    assert info.value.code == "override_end_before_start"
    assert "19 Maret 2026" in info.value.message_id
    assert "18 Februari 2026" in info.value.message_id
    assert "18 February 2026" in info.value.message_en


def test_overlapping_overrides_are_refused() -> None:
    extra = ScheduleOverride(date(2026, 3, 19), date(2026, 3, 31), SIX_DAY_HOURS, "Jadwal lebaran")
    with pytest.raises(ScheduleError) as info:
        expected_window(date(2026, 3, 25), FIVE_DAY_HOURS, [extra, RAMADAN])
    assert info.value.code == "overrides_overlap"
    assert "Ramadan 1447 H" in info.value.message_id and "Jadwal lebaran" in info.value.message_id
    touching = ScheduleOverride(date(2026, 3, 20), date(2026, 3, 31), SIX_DAY_HOURS, "Jadwal lebaran")
    check_overrides([touching, RAMADAN])  # adjacent windows are fine
