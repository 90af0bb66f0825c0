"""Office days and times for the demo's story: people sign, submit and verify on weekdays, in office hours."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo


def is_weekday(day: dt.date) -> bool:
    return day.weekday() < 5


def weekday_on_or_after(day: dt.date) -> dt.date:
    while not is_weekday(day):
        day += dt.timedelta(days=1)
    return day


def weekdays_after(day: dt.date, n: int) -> dt.date:
    """The ``n``-th weekday after ``day`` (``n`` >= 1)."""
    count = 0
    while count < n:
        day += dt.timedelta(days=1)
        if is_weekday(day):
            count += 1
    return day


def weekday_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    """A weekday in ``first``..``last`` (inclusive), uniformly; ``last`` itself when the range has none."""
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    weekdays = [d for d in days if is_weekday(d)]
    return rng.choice(weekdays) if weekdays else last


class Clock:
    """Aware datetimes in the tenant's time zone at office hours."""

    def __init__(self, time_zone: str) -> None:
        self.zone = ZoneInfo(time_zone)

    def at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=self.zone)

    def office(self, rng: random.Random, day: dt.date, first_hour: int = 8, last_hour: int = 15) -> dt.datetime:
        return self.at(day, rng.randint(first_hour, last_hour), rng.randrange(0, 60))
