"""When recurring coordination meetings fall: monthly rakor, quarterly or semi-annual cross-sector meetings.

Sources (``domain/field-notes.md`` §1c, ``seeds/``): the regents hold a monthly rakor chaired by the Sekda and
cross-sector meetings every three or six months; CitiStat's routine is a meeting at least monthly with each
agency (Baltimore City Code §61-4) [M]. No regulation fixes the day: each secretariat picks a pattern, such as
"the second Tuesday of each month at 09.00" or "the 5th of the month". A meeting that would fall on a day that
is not a working day of the tenant (weekend, national holiday, cuti bersama) moves to the next working day.

Times are the tenant's naive local times; the caller attaches the zone. Pure module: no Django, no clock, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, time, timedelta
from enum import StrEnum


class Frequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"  # January, April, July, October by default (``first_month``)
    SEMIANNUAL = "semiannual"  # January and July by default

    @property
    def months(self) -> int:
        return {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.SEMIANNUAL: 6}[self]


class RecurrenceError(ValueError):
    """A recurrence pattern is unusable; ``str()`` is the Indonesian text, ``field`` the input at fault."""

    def __init__(self, code: str, message_id: str, message_en: str, field: str) -> None:
        self.code, self.message_id, self.message_en, self.field = code, message_id, message_en, field
        super().__init__(message_id)

    def __reduce__(self) -> tuple[type[RecurrenceError], tuple[str, str, str, str]]:
        return (type(self), (self.code, self.message_id, self.message_en, self.field))


@dataclass(frozen=True, slots=True)
class Recurrence:
    """Either the ``week_of_month``-th ``weekday`` (0 = Monday; week -1 = the last) or ``day_of_month``."""

    frequency: Frequency
    starts_at: time
    weekday: int | None = None
    week_of_month: int | None = None
    day_of_month: int | None = None
    first_month: int = 1  # the month a quarterly or semi-annual cycle starts from

    def __post_init__(self) -> None:
        by_weekday = self.weekday is not None and self.week_of_month is not None
        by_day = self.day_of_month is not None
        if by_weekday == by_day:
            raise RecurrenceError(
                "pattern",
                "Pilih salah satu pola: hari ke-n dalam bulan (mis. Selasa kedua) atau tanggal tetap.",
                "Choose one pattern: the n-th weekday of the month (e.g. the second Tuesday) or a fixed day.",
                "day_of_month",
            )
        if self.weekday is not None and not 0 <= self.weekday <= 6:
            raise RecurrenceError("weekday", "Hari harus Senin sampai Minggu.", "Weekday must be 0-6.", "weekday")
        if self.week_of_month is not None and self.week_of_month not in (1, 2, 3, 4, -1):
            raise RecurrenceError(
                "week_of_month",
                "Minggu ke- harus 1, 2, 3, 4 atau terakhir.",
                "The week of the month must be 1-4 or the last.",
                "week_of_month",
            )
        if self.day_of_month is not None and not 1 <= self.day_of_month <= 28:
            raise RecurrenceError(
                "day_of_month",
                "Tanggal tetap harus 1 sampai 28 (ada di setiap bulan).",
                "The fixed day must be 1-28 (present in every month).",
                "day_of_month",
            )
        if not 1 <= self.first_month <= 12:
            raise RecurrenceError(
                "first_month", "Bulan awal harus 1 sampai 12.", "First month must be 1-12.", "first_month"
            )


def _nominal(rule: Recurrence, year: int, month: int) -> date:
    if rule.day_of_month is not None:
        return date(year, month, rule.day_of_month)
    assert rule.weekday is not None and rule.week_of_month is not None
    if rule.week_of_month == -1:
        last = (date(year + (month == 12), month % 12 + 1, 1)) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - rule.weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(rule.weekday - first.weekday()) % 7 + 7 * (rule.week_of_month - 1))


def _in_cycle(rule: Recurrence, month: int) -> bool:
    return (month - rule.first_month) % rule.frequency.months == 0


def occurrences(rule: Recurrence, after: date, is_working_day: Callable[[date], bool]) -> Iterator[date]:
    """The meeting dates strictly after ``after``, in order, each moved to the next working day if needed."""
    year, month = after.year, after.month
    while True:
        if _in_cycle(rule, month):
            day = _nominal(rule, year, month)
            for _shift in range(31):  # a month without a working day would be a broken calendar
                if is_working_day(day):
                    break
                day += timedelta(days=1)
            if day > after:
                yield day
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def next_dates(rule: Recurrence, after: date, count: int, is_working_day: Callable[[date], bool]) -> list[date]:
    """The next ``count`` meeting dates after ``after``."""
    found: list[date] = []
    for day in occurrences(rule, after, is_working_day):
        found.append(day)
        if len(found) == count:
            break
    return found
