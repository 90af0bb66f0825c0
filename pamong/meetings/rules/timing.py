"""The clock of a coordination meeting: the pre-read 48 hours before, the commitments memo 2 days after.

Sources (``domain/field-notes.md`` §1c): CitiStat's routine as codified in Baltimore City Code §61-4 — an agency
memo **48 hours before** the meeting with all relevant data, and a memo **within 2 days after** it listing every
request and commitment and the data due at the next meeting [H for Baltimore; M as a model for a pemda]. Whether
"2 days" are calendar or working days is a local choice [UNCONFIRMED]: working days by default (a Friday rakor's
memo is due on Tuesday, not on Sunday), a tenant setting. Reminders before an action item's due date are local
practice [UNCONFIRMED]: 3 days and 1 day before by default.

Instants are timezone-aware; dates are the tenant's local dates. Pure module: no Django, no clock, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

PRE_READ_HOURS = 48
MEMO_DAYS = 2


@dataclass(frozen=True, slots=True)
class MeetingTiming:
    pre_read_hours: int = PRE_READ_HOURS
    memo_within_days: int = MEMO_DAYS
    memo_in_working_days: bool = True
    reminder_days_before: tuple[int, ...] = (3, 1)


DEFAULT_TIMING = MeetingTiming()


def pre_read_at(starts_at: datetime, timing: MeetingTiming = DEFAULT_TIMING) -> datetime:
    """When the brief goes out: ``pre_read_hours`` before the start (an aware instant in, an aware instant out)."""
    if starts_at.tzinfo is None:
        raise ValueError("starts_at must be timezone-aware")
    return starts_at - timedelta(hours=timing.pre_read_hours)


def memo_due_on(held_on: date, is_working_day: Callable[[date], bool], timing: MeetingTiming = DEFAULT_TIMING) -> date:
    """The last day for the commitments memo of a meeting held on ``held_on``."""
    if not timing.memo_in_working_days:
        return held_on + timedelta(days=timing.memo_within_days)
    day, left = held_on, timing.memo_within_days
    while left:
        day += timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


def reminder_dates(due_on: date, timing: MeetingTiming = DEFAULT_TIMING) -> Sequence[date]:
    """The days an owner is reminded of an item due on ``due_on``, earliest first."""
    return sorted(due_on - timedelta(days=n) for n in set(timing.reminder_days_before) if n > 0)


def is_upcoming_valid(starts_at: datetime, now: datetime) -> bool:
    """A meeting scheduled as upcoming must start after ``now`` (a past meeting is recorded as held instead)."""
    return starts_at > now
