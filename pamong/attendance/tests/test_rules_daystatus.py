"""rules.daystatus: one employee-day's status, TL/PSW minutes (rules.md §2.4) and bands, bad input."""

from datetime import UTC, date, datetime, time

import pytest

from pamong.attendance.rules.daystatus import (
    DayResult,
    DayStatus,
    Excuse,
    ExcuseKind,
    band_of,
    day_status,
)
from pamong.attendance.rules.errors import DayStatusError
from pamong.attendance.rules.hours import FIVE_DAY_HOURS, DayHours, expected_window
from pamong.attendance.rules.leave import LeaveKind

MON = date(2026, 3, 9)  # a Monday in March 2026 (rules.md §2.4)
FRI = date(2026, 3, 13)
SAT = date(2026, 3, 14)
MON_HOURS = expected_window(MON, FIVE_DAY_HOURS)  # 07:30-16:00, break 12:00-13:00
FRI_HOURS = expected_window(FRI, FIVE_DAY_HOURS)  # 07:30-16:30, break 11:30-13:00
OUTAGE = Excuse(ExcuseKind.SYSTEM_OUTAGE, start=time(7, 0), end=time(8, 0))


def at(day: date, *times: str) -> list[datetime]:
    return [datetime.combine(day, time.fromisoformat(t)) for t in times]


@pytest.mark.parametrize(
    ("day", "punches", "status", "late", "early", "tl", "psw"),
    [
        # rules.md §2.4, March 2026, each example on its own day
        (MON, ("07:52", "16:05"), DayStatus.LATE, 22, 0, "TL1", None),
        (MON, ("08:45", "16:00"), DayStatus.LATE, 75, 0, "TL3", None),
        (MON, ("07:20", "15:10"), DayStatus.EARLY_LEAVE, 0, 50, None, "PSW2"),
        (FRI, ("07:25", "14:00"), DayStatus.EARLY_LEAVE, 0, 150, None, "PSW4"),
        # edges
        (MON, ("07:30", "16:00"), DayStatus.PRESENT, 0, 0, None, None),  # exactly at start and end
        (MON, ("07:30:59", "16:00"), DayStatus.PRESENT, 0, 0, None, None),  # late_after 07:30:59
        (MON, ("07:31", "16:00"), DayStatus.LATE, 1, 0, "TL1", None),
        (MON, ("16:00", "07:40", "07:40", "12:10"), DayStatus.LATE, 10, 0, "TL1", None),  # any order, duplicates
        (MON, ("08:00", "15:30"), DayStatus.LATE_AND_EARLY_LEAVE, 30, 30, "TL1", "PSW1"),
        (MON, ("08:01", "15:29"), DayStatus.LATE_AND_EARLY_LEAVE, 31, 31, "TL2", "PSW2"),
        (MON, ("12:30", "16:00"), DayStatus.LATE, 270, 0, "TL4", None),  # break 12:00-13:00 not counted
        (MON, ("07:30", "12:30"), DayStatus.EARLY_LEAVE, 0, 180, None, "PSW4"),
        (MON, ("08:00",), DayStatus.MISSING_CHECK_OUT, 30, 0, "TL1", "PSW4"),  # one punch only
        (MON, ("07:25", "07:26", "08:10"), DayStatus.MISSING_CHECK_OUT, 0, 0, None, "PSW4"),  # gap < 60
        (MON, (), DayStatus.ABSENT, 0, 0, None, None),
    ],
)
def test_day_minutes(day, punches, status, late, early, tl, psw):
    window = MON_HOURS if day == MON else FRI_HOURS
    result = day_status(day, window, at(day, *punches))
    assert (result.status, result.late_minutes, result.early_leave_minutes) == (status, late, early)
    assert (result.tl_band, result.psw_band) == (tl, psw)


def test_month_total_of_the_worked_example():
    """§2.4: 22 + 75 + 50 + 150 = 297 minutes in March 2026 (the day-equivalent is the discipline rules')."""
    days = [
        day_status(date(2026, 3, 2), MON_HOURS, at(date(2026, 3, 2), "07:52", "16:00")),
        day_status(date(2026, 3, 3), MON_HOURS, at(date(2026, 3, 3), "08:45", "16:00")),
        day_status(date(2026, 3, 9), MON_HOURS, at(date(2026, 3, 9), "07:30", "15:10")),
        day_status(FRI, FRI_HOURS, at(FRI, "07:30", "14:00")),
    ]
    assert sum(d.late_minutes + d.early_leave_minutes for d in days) == 297
    labels = [d.tl_band or d.psw_band for d in days]
    assert labels == ["TL1", "TL3", "PSW2", "PSW4"]


def test_first_punch_is_check_in_last_is_check_out():
    result = day_status(MON, MON_HOURS, at(MON, "16:10", "07:29", "12:00"))
    assert result.check_in == datetime(2026, 3, 9, 7, 29)
    assert result.check_out == datetime(2026, 3, 9, 16, 10)


@pytest.mark.parametrize(
    ("window", "punches"),
    [
        (None, ("07:30", "16:00")),  # punches on a holiday (expected_window gave None)
        (None, ()),
        (expected_window(SAT, FIVE_DAY_HOURS), ("08:00",)),  # a Saturday in a 5-day week
    ],
)
def test_non_working_day_is_off(window, punches):
    assert day_status(SAT, window, at(SAT, *punches)).status is DayStatus.OFF


@pytest.mark.parametrize(
    ("excuse", "punches", "status", "late", "early"),
    [
        (Excuse(ExcuseKind.LEAVE, LeaveKind.TAHUNAN), (), DayStatus.EXCUSED, 0, 0),
        (Excuse(ExcuseKind.SICK), ("09:00",), DayStatus.EXCUSED, 0, 0),
        (Excuse(ExcuseKind.DUTY_TRAVEL), (), DayStatus.EXCUSED, 0, 0),
        (Excuse(ExcuseKind.WFH), (), DayStatus.EXCUSED, 0, 0),
        # the outage 07:00-08:00 excuses the lateness inside it, not after it
        (OUTAGE, ("07:55", "16:00"), DayStatus.PRESENT, 0, 0),
        (OUTAGE, ("08:10", "16:00"), DayStatus.LATE, 10, 0),
        # a part-day permit at the end of the day excuses the early leave and the missing check-out
        (Excuse(ExcuseKind.PERMIT, start=time(14, 0), end=time(16, 0)), ("07:30", "14:00"), DayStatus.PRESENT, 0, 0),
        (Excuse(ExcuseKind.PERMIT, start=time(14, 0), end=time(16, 0)), ("07:30",), DayStatus.PRESENT, 0, 0),
        (
            Excuse(ExcuseKind.PERMIT, start=time(14, 0), end=time(16, 0)),
            ("07:30", "13:30"),
            DayStatus.EARLY_LEAVE,
            0,
            30,
        ),
        # an outage covering the whole window with no punch is excused; a partial one is not
        (Excuse(ExcuseKind.SYSTEM_OUTAGE, start=time(7, 0), end=time(17, 0)), (), DayStatus.EXCUSED, 0, 0),
        (OUTAGE, (), DayStatus.ABSENT, 0, 0),
    ],
)
def test_excuses(excuse, punches, status, late, early):
    result = day_status(MON, MON_HOURS, at(MON, *punches), excuses=[excuse])
    assert (result.status, result.late_minutes, result.early_leave_minutes) == (status, late, early)
    if status is DayStatus.EXCUSED:
        assert result.excuse == excuse


@pytest.mark.parametrize(
    ("grace", "punch", "status", "late"),
    [(5, "07:35", DayStatus.PRESENT, 0), (5, "07:36", DayStatus.LATE, 6), (0, "07:31", DayStatus.LATE, 1)],
)
def test_late_grace(grace, punch, status, late):
    result = day_status(MON, MON_HOURS, at(MON, punch, "16:00"), late_grace_minutes=grace)
    assert (result.status, result.late_minutes) == (status, late)


def test_early_grace_and_min_gap_are_parameters():
    assert day_status(MON, MON_HOURS, at(MON, "07:30", "15:55"), early_grace_minutes=5).status is DayStatus.PRESENT
    result = day_status(MON, MON_HOURS, at(MON, "07:30", "07:50"), min_gap_minutes=15)
    assert (result.status, result.early_leave_minutes) == (DayStatus.EARLY_LEAVE, 430)  # 07:50-16:00 less the break


@pytest.mark.parametrize(
    ("minutes", "band"),
    [(0, None), (1, 1), (30, 1), (31, 2), (60, 2), (61, 3), (90, 3), (91, 4), (600, 4)],
)
def test_band_of(minutes, band):
    assert band_of(minutes) == band


@pytest.mark.parametrize(
    ("call", "code", "text"),
    [
        (lambda: band_of(-1), "minutes_invalid", "nol atau lebih"),
        (lambda: day_status(MON, MON_HOURS, [datetime(2026, 3, 9, 8, tzinfo=UTC)]), "punch_not_local", "zona"),
        (lambda: day_status(MON, MON_HOURS, at(FRI, "08:00")), "punch_other_day", "13 Maret 2026"),
        (lambda: day_status(MON, MON_HOURS, ["08:00"]), "punch_not_datetime", "tanggal dan jam"),
        (lambda: day_status(MON, MON_HOURS, [], late_grace_minutes=-1), "tolerance_invalid", "late_grace"),
        (lambda: day_status(MON, MON_HOURS, [], excuses=["sick"]), "excuse_invalid", "sick"),
        (lambda: Excuse(ExcuseKind.LEAVE), "leave_kind_mismatch", "Jenis cuti"),
        (lambda: Excuse(ExcuseKind.SICK, LeaveKind.SAKIT), "leave_kind_mismatch", "Jenis cuti"),
        (lambda: Excuse(ExcuseKind.SYSTEM_OUTAGE, start=time(8)), "excuse_window_incomplete", "awal dan akhir"),
        (lambda: Excuse(ExcuseKind.SYSTEM_OUTAGE, start=time(8), end=time(7)), "excuse_window_reversed", "08.00"),
    ],
)
def test_bad_input(call, code, text):
    with pytest.raises(DayStatusError) as caught:
        call()
    assert caught.value.code == code
    assert text in str(caught.value)
    assert caught.value.message_en


def test_result_defaults():
    assert DayResult(DayStatus.ABSENT).tl_band is None
    assert isinstance(MON_HOURS, DayHours)
