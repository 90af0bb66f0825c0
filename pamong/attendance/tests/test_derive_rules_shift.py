"""Shifts that cross midnight (rosters of 24-hour units): the day rules on a clock past 24:00 (pure)."""

from datetime import date, datetime, time

import pytest

from pamong.attendance.rules.daystatus import (
    DayStatus,
    Excuse,
    ExcuseKind,
    ShiftHours,
    day_status,
    shift_day_status,
)
from pamong.attendance.rules.errors import DayStatusError
from pamong.attendance.rules.hours import DayHours

D = date(2026, 11, 10)
NIGHT = ShiftHours(time(21, 0), time(7, 0))
NIGHT_BREAK = ShiftHours(time(21, 0), time(7, 0), time(1, 0), time(2, 0))
DUTY_24H = ShiftHours(time(8, 0), time(8, 0))


def at(day_offset: int, hh: int, mm: int, ss: int = 0) -> datetime:
    return datetime(2026, 11, 10 + day_offset, hh, mm, ss)


@pytest.mark.parametrize(
    ("shift", "punches", "status", "late", "early"),
    [
        (NIGHT, [at(0, 20, 55), at(1, 7, 2)], DayStatus.PRESENT, 0, 0),
        (NIGHT, [at(0, 21, 0, 59), at(1, 7, 0)], DayStatus.PRESENT, 0, 0),  # 21:00:59 is on time
        (NIGHT, [at(0, 21, 20), at(1, 7, 0)], DayStatus.LATE, 20, 0),
        (NIGHT, [at(0, 20, 50), at(1, 6, 15)], DayStatus.EARLY_LEAVE, 0, 45),
        (NIGHT, [at(1, 0, 30), at(1, 6, 0)], DayStatus.LATE_AND_EARLY_LEAVE, 210, 60),  # in after midnight
        (NIGHT_BREAK, [at(1, 1, 30), at(1, 7, 0)], DayStatus.LATE, 240, 0),  # 21:00-01:30 minus 30 break min
        (NIGHT, [at(0, 20, 58)], DayStatus.MISSING_CHECK_OUT, 0, 0),
        (NIGHT, [], DayStatus.ABSENT, 0, 0),
        # The morning punch of the same date closes yesterday's shift: outside this shift's reach.
        (NIGHT, [at(0, 7, 1), at(0, 20, 59), at(1, 7, 0)], DayStatus.PRESENT, 0, 0),
        (NIGHT, [at(0, 7, 1)], DayStatus.ABSENT, 0, 0),
        # Punches after the end plus the margin belong to the next day.
        (NIGHT, [at(0, 21, 0), at(1, 11, 1)], DayStatus.MISSING_CHECK_OUT, 0, 0),
        (DUTY_24H, [at(0, 7, 50), at(1, 8, 5)], DayStatus.PRESENT, 0, 0),
        (DUTY_24H, [at(0, 7, 50), at(1, 7, 0)], DayStatus.EARLY_LEAVE, 0, 60),
        (None, [at(0, 21, 0), at(1, 7, 0)], DayStatus.OFF, 0, 0),
    ],
)
def test_night_shift_table(shift, punches, status, late, early):
    result = shift_day_status(D, shift, punches)
    assert (result.status, result.late_minutes, result.early_leave_minutes) == (status, late, early)


def test_check_in_and_out_are_the_punches_used():
    result = shift_day_status(D, NIGHT, [at(1, 7, 5), at(0, 7, 0), at(0, 20, 50)])
    assert (result.check_in, result.check_out) == (at(0, 20, 50), at(1, 7, 5))


def test_excuses_whole_day_and_windows_on_either_date():
    sick = Excuse(ExcuseKind.SICK)
    assert shift_day_status(D, NIGHT, [], excuses=[sick]).status is DayStatus.EXCUSED
    outage = Excuse(ExcuseKind.SYSTEM_OUTAGE, start=time(6, 0), end=time(8, 0))
    # Left 06:10 the next morning, inside an outage of the next date: no early leave; missing out excused too.
    left = shift_day_status(D, NIGHT, [at(0, 21, 0), at(1, 6, 10)], next_day_excuses=[outage])
    assert (left.status, left.early_leave_minutes) == (DayStatus.PRESENT, 0)
    only_in = shift_day_status(D, NIGHT, [at(0, 21, 0)], next_day_excuses=[outage])
    assert only_in.status is DayStatus.PRESENT
    # The same outage on the shift's first date is 06:00-08:00 that morning: irrelevant to the night.
    assert shift_day_status(D, NIGHT, [at(0, 21, 0)], excuses=[outage]).status is DayStatus.MISSING_CHECK_OUT


def test_a_day_shift_gives_what_day_status_gives():
    shift = ShiftHours(time(7, 0), time(14, 0), time(10, 0), time(10, 30))
    window = DayHours(time(7, 0), time(14, 0), time(10, 0), time(10, 30))
    for punches in ([], [at(0, 7, 40)], [at(0, 10, 15), at(0, 13, 0)], [at(0, 6, 50), at(0, 14, 1)]):
        assert shift_day_status(D, shift, punches) == day_status(D, window, punches)


@pytest.mark.parametrize(
    ("punches", "code"),
    [
        ([at(2, 1, 0)], "punch_other_day"),
        ([at(-1, 23, 0)], "punch_other_day"),
        (["21:00"], "punch_not_datetime"),
    ],
)
def test_refuses_punches_not_of_the_two_dates(punches, code):
    with pytest.raises(DayStatusError) as caught:
        shift_day_status(D, NIGHT, punches)
    assert caught.value.code == code


def test_break_after_midnight_and_across_it():
    assert NIGHT_BREAK.minutes() == (1260, 1860, (1500, 1560))
    assert ShiftHours(time(21, 0), time(7, 0), time(23, 30), time(0, 30)).minutes() == (1260, 1860, (1410, 1470))
    with pytest.raises(DayStatusError):
        ShiftHours(time(21, 0), time(7, 0), time(1, 0))
