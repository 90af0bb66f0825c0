"""Meetings rules without a database: recurrence, the 48-hour pre-read and 2-day memo, follow-through."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from pamong.attendance.rules.holidays_id import national_calendar
from pamong.attendance.rules.workdays import FIVE_DAY_WEEK, is_working_day
from pamong.meetings.rules.follow_through import (
    FollowThrough,
    ItemFact,
    ItemStatus,
    carries_over,
    follow_through,
    is_overdue,
    may_move,
)
from pamong.meetings.rules.recurrence import Frequency, Recurrence, RecurrenceError, next_dates
from pamong.meetings.rules.timing import (
    MeetingTiming,
    is_upcoming_valid,
    memo_due_on,
    pre_read_at,
    reminder_dates,
)

CAL = national_calendar()


def working(day: dt.date) -> bool:
    return is_working_day(day, FIVE_DAY_WEEK, CAL)


NINE = dt.time(9, 0)


@pytest.mark.parametrize(
    ("rule", "after", "expected"),
    [
        # the second Tuesday of each month
        (
            Recurrence(Frequency.MONTHLY, NINE, weekday=1, week_of_month=2),
            dt.date(2026, 1, 1),
            [dt.date(2026, 1, 13), dt.date(2026, 2, 10), dt.date(2026, 3, 10)],
        ),
        # the last Friday of the month
        (
            Recurrence(Frequency.MONTHLY, NINE, weekday=4, week_of_month=-1),
            dt.date(2026, 3, 1),
            [dt.date(2026, 3, 27), dt.date(2026, 4, 24)],
        ),
        # the 19th of the month: 19 March 2026 is Nyepi, the following days are holidays too → 25 March
        (Recurrence(Frequency.MONTHLY, NINE, day_of_month=19), dt.date(2026, 3, 1), [dt.date(2026, 3, 25)]),
        # quarterly from January on the 5th: 5 Jan 2026 (Mon), 6 Apr (the 5th is a Sunday), 6 Jul, 5 Oct
        (
            Recurrence(Frequency.QUARTERLY, NINE, day_of_month=5),
            dt.date(2025, 12, 31),
            [dt.date(2026, 1, 5), dt.date(2026, 4, 6), dt.date(2026, 7, 6), dt.date(2026, 10, 5)],
        ),
        # semi-annual from February: Feb and Aug; 17 Aug 2026 is Independence Day → 18 Aug
        (
            Recurrence(Frequency.SEMIANNUAL, NINE, day_of_month=17, first_month=2),
            dt.date(2026, 1, 1),
            [dt.date(2026, 2, 18), dt.date(2026, 8, 18)],
        ),
    ],
)
def test_recurrence(rule, after, expected):
    assert next_dates(rule, after, len(expected), working) == expected


def test_a_meeting_on_the_after_date_is_not_repeated():
    rule = Recurrence(Frequency.MONTHLY, NINE, weekday=1, week_of_month=2)
    assert next_dates(rule, dt.date(2026, 1, 13), 1, working) == [dt.date(2026, 2, 10)]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"weekday": 1}, "day_of_month"),  # half a weekday pattern
        ({"weekday": 1, "week_of_month": 2, "day_of_month": 5}, "day_of_month"),  # two patterns
        ({"day_of_month": 31}, "day_of_month"),
        ({"weekday": 7, "week_of_month": 1}, "weekday"),
        ({"weekday": 1, "week_of_month": 5}, "week_of_month"),
        ({"day_of_month": 5, "first_month": 13}, "first_month"),
    ],
)
def test_bad_patterns_name_their_field(kwargs, field):
    with pytest.raises(RecurrenceError) as caught:
        Recurrence(Frequency.MONTHLY, NINE, **kwargs)
    assert caught.value.field == field and str(caught.value)


WITA = ZoneInfo("Asia/Makassar")
WIB = ZoneInfo("Asia/Jakarta")


@pytest.mark.parametrize(
    ("starts_at", "expected_utc"),
    [
        (dt.datetime(2026, 3, 10, 9, 0, tzinfo=WITA), dt.datetime(2026, 3, 8, 1, 0, tzinfo=dt.UTC)),
        (dt.datetime(2026, 3, 10, 9, 0, tzinfo=WIB), dt.datetime(2026, 3, 8, 2, 0, tzinfo=dt.UTC)),
    ],
)
def test_pre_read_goes_out_48_hours_before_in_the_tenants_zone(starts_at, expected_utc):
    assert pre_read_at(starts_at) == expected_utc


def test_pre_read_needs_an_aware_start():
    with pytest.raises(ValueError, match="aware"):
        pre_read_at(dt.datetime(2026, 3, 10, 9, 0))


@pytest.mark.parametrize(
    ("held_on", "timing", "expected"),
    [
        (dt.date(2026, 3, 10), MeetingTiming(), dt.date(2026, 3, 12)),  # Tue → Thu
        (dt.date(2026, 3, 13), MeetingTiming(), dt.date(2026, 3, 17)),  # Fri → Tue (working days)
        (dt.date(2026, 3, 13), MeetingTiming(memo_in_working_days=False), dt.date(2026, 3, 15)),
        (dt.date(2026, 3, 17), MeetingTiming(), dt.date(2026, 3, 26)),  # Nyepi and Idul Fitri skipped
    ],
)
def test_commitments_memo_within_two_days(held_on, timing, expected):
    assert memo_due_on(held_on, working, timing) == expected


def test_reminders_and_upcoming():
    assert reminder_dates(dt.date(2026, 3, 20)) == [dt.date(2026, 3, 17), dt.date(2026, 3, 19)]
    now = dt.datetime(2026, 3, 10, 8, 0, tzinfo=WITA)
    assert is_upcoming_valid(dt.datetime(2026, 3, 10, 9, 0, tzinfo=WITA), now)
    assert not is_upcoming_valid(dt.datetime(2026, 3, 9, 9, 0, tzinfo=WITA), now)


@pytest.mark.parametrize(
    ("current", "target", "ok"),
    [
        (ItemStatus.OPEN, ItemStatus.DONE, True),
        (ItemStatus.DONE, ItemStatus.VERIFIED, True),
        (ItemStatus.DONE, ItemStatus.IN_PROGRESS, True),
        (ItemStatus.OPEN, ItemStatus.VERIFIED, False),
        (ItemStatus.VERIFIED, ItemStatus.OPEN, False),
        (ItemStatus.DROPPED, ItemStatus.OPEN, False),
    ],
)
def test_item_transitions(current, target, ok):
    assert may_move(current, target) is ok


def test_overdue_and_carry_over():
    due = dt.date(2026, 3, 20)
    assert is_overdue(ItemStatus.OPEN, due, dt.date(2026, 3, 21))
    assert not is_overdue(ItemStatus.OPEN, due, due)
    assert not is_overdue(ItemStatus.DONE, due, dt.date(2026, 3, 30))
    assert carries_over(ItemStatus.DONE) and not carries_over(ItemStatus.VERIFIED)
    assert not carries_over(ItemStatus.DROPPED)


MARCH = {"start": dt.date(2026, 3, 1), "end": dt.date(2026, 3, 31)}


def test_follow_through_arithmetic():
    items = [
        ItemFact(dt.date(2026, 3, 10), ItemStatus.VERIFIED, done_on=dt.date(2026, 3, 9)),  # on time
        ItemFact(dt.date(2026, 3, 10), ItemStatus.VERIFIED, done_on=dt.date(2026, 3, 12)),  # late
        ItemFact(dt.date(2026, 3, 15), ItemStatus.DONE, done_on=dt.date(2026, 3, 14)),  # not verified yet
        ItemFact(dt.date(2026, 3, 20), ItemStatus.OPEN),  # overdue
        ItemFact(dt.date(2026, 3, 20), ItemStatus.DROPPED),  # out of the count
        ItemFact(dt.date(2026, 3, 28), ItemStatus.OPEN),  # not due yet on the 25th
        ItemFact(dt.date(2026, 4, 2), ItemStatus.VERIFIED, done_on=dt.date(2026, 3, 30)),  # another period
    ]
    result = follow_through(items, as_of=dt.date(2026, 3, 25), **MARCH)
    assert result == FollowThrough(due=4, verified_on_time=1)
    assert result.rate == Decimal("25.0")
    assert follow_through(items[:1], as_of=dt.date(2026, 3, 25), **MARCH).rate == Decimal("100.0")


def test_nothing_due_is_no_rate_and_thirds_round_half_up():
    assert follow_through([], as_of=dt.date(2026, 3, 31), **MARCH).rate is None
    assert FollowThrough(due=3, verified_on_time=2).rate == Decimal("66.7")
    assert FollowThrough(due=3, verified_on_time=1).rate == Decimal("33.3")
