"""Working days: which weekdays a unit works, and whether (and how many) days are working days.

Sources (``domain/rules.md`` §3.1, §3.2, §3.5, §11.3):

- **Perpres 21/2023** (Hari Kerja dan Jam Kerja Instansi Pemerintah dan Pegawai ASN), signed and promulgated
  12 Apr 2023: working days are **5 days, Monday–Friday** [H]. Agencies still on a 6-day week had to move
  within 1 year (Pasal 13) [H], but units giving operational support or direct public services (puskesmas,
  RSUD, schools, Satpol PP, damkar, kecamatan counters) may keep other days set by the PPK (Pasal 7) [H].
  So the week is a value per unit: ``FIVE_DAY_WEEK`` (default) or ``SIX_DAY_WEEK`` (Mon–Sat, the classic
  Keppres 68/1995 pattern still used by schools and some services [M/L]), or any other set of weekdays.
  24-hour shift rosters are not a work week; they come later.
- National holidays and cuti bersama are **not working days** (§3.5) [H]. Whether cuti bersama removes a
  working day is the parameter ``cuti_bersama_counts_as_holiday`` (default ``True``, as §3.5 and the §11.3
  test vector count it); a unit that must work on cuti bersama passes ``False``. Local holidays always
  remove the day (the caller includes only those that apply to the unit).
- A day in a year whose holiday list is not in the calendar raises ``CalendarError("year_not_covered")``.

Ranges are **inclusive** of both ends. Dates are the tenant's local dates (the caller converts instants
with the tenant's zone, WIB/WITA/WIT). Pure module: no Django, no clock, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum

from pamong.attendance.rules.errors import CalendarError
from pamong.attendance.rules.holidays import HolidayCalendar
from pamong.people.rules.dates import MONTHS_EN, MONTHS_ID, date_en, date_id


class Weekday(IntEnum):
    """Days of the week numbered like ``date.weekday()``: Monday is 0."""

    MON = 0
    TUE = 1
    WED = 2
    THU = 3
    FRI = 4
    SAT = 5
    SUN = 6

    @property
    def label_id(self) -> str:
        return WEEKDAYS_ID[self]

    @property
    def label_en(self) -> str:
        return WEEKDAYS_EN[self]


WEEKDAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _weekday(value: int) -> Weekday:
    try:
        return Weekday(value)
    except ValueError:
        raise CalendarError(
            "weekday_invalid",
            f"Hari dalam pola hari kerja harus bernomor 0 (Senin) sampai 6 (Minggu), bukan {value}.",
            f"Weekdays in a work week are numbered 0 (Monday) to 6 (Sunday), not {value}.",
            field="days",
        ) from None


@dataclass(frozen=True, slots=True)
class WorkWeek:
    """The weekdays on which a unit works (before holidays)."""

    days: frozenset[Weekday]

    def __post_init__(self) -> None:
        if not self.days:
            raise CalendarError(
                "work_week_empty",
                "Pola hari kerja harus memuat setidaknya satu hari.",
                "A work week needs at least one working day.",
                field="days",
            )
        days = frozenset(_weekday(d) for d in self.days)
        object.__setattr__(self, "days", days)

    @classmethod
    def of(cls, *days: int) -> WorkWeek:
        """``WorkWeek.of(Weekday.MON, Weekday.TUE, ...)``; plain numbers 0 (Monday) to 6 (Sunday) work too."""
        return cls(frozenset(_weekday(d) for d in days))

    def works_on(self, day: date) -> bool:
        """Whether ``day``'s weekday is a working weekday (holidays aside)."""
        return Weekday(day.weekday()) in self.days

    @property
    def label_id(self) -> str:
        return ", ".join(d.label_id for d in sorted(self.days))


FIVE_DAY_WEEK = WorkWeek(frozenset({Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI}))
"""Perpres 21/2023: Monday to Friday [H]. The default."""

SIX_DAY_WEEK = WorkWeek(frozenset({Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI, Weekday.SAT}))
"""Monday to Saturday, for units excepted under Perpres 21/2023 Pasal 7 (schools, some services) [M/L]."""


def is_working_day(
    day: date,
    week: WorkWeek,
    holidays: HolidayCalendar,
    *,
    cuti_bersama_counts_as_holiday: bool = True,
) -> bool:
    """Whether ``day`` is a working day: a working weekday of ``week`` that is not a holiday.

    Raises ``CalendarError("year_not_covered")`` if ``holidays`` lacks ``day``'s year, even on a weekend,
    so that a missing holiday list is noticed at once.
    """
    off = holidays.is_day_off(day, cuti_bersama_counts_as_holiday=cuti_bersama_counts_as_holiday)
    return week.works_on(day) and not off


def check_range(start: date, end: date) -> None:
    """Raise ``CalendarError("end_before_start")`` if ``end`` is before ``start`` (one day, start == end, is fine)."""
    if end < start:
        raise CalendarError(
            "end_before_start",
            f"Tanggal akhir ({date_id(end)}) tidak boleh sebelum tanggal awal ({date_id(start)}).",
            f"The end date ({date_en(end)}) cannot be before the start date ({date_en(start)}).",
            field="end",
        )


def dates_between(start: date, end: date) -> Iterator[date]:
    """Every date from ``start`` to ``end``, both included (none if ``end`` is before ``start``)."""
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def working_dates_between(
    start: date,
    end: date,
    week: WorkWeek,
    holidays: HolidayCalendar,
    *,
    cuti_bersama_counts_as_holiday: bool = True,
) -> tuple[date, ...]:
    """The working days from ``start`` to ``end``, both included, in order."""
    check_range(start, end)
    for year in range(start.year, end.year + 1):
        holidays.check_year(year)
    return tuple(
        day
        for day in dates_between(start, end)
        if is_working_day(day, week, holidays, cuti_bersama_counts_as_holiday=cuti_bersama_counts_as_holiday)
    )


def working_days_between(
    start: date,
    end: date,
    week: WorkWeek,
    holidays: HolidayCalendar,
    *,
    cuti_bersama_counts_as_holiday: bool = True,
) -> int:
    """How many working days from ``start`` to ``end``, both included."""
    return len(
        working_dates_between(start, end, week, holidays, cuti_bersama_counts_as_holiday=cuti_bersama_counts_as_holiday)
    )


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """The first and last day of ``month`` (1–12) of ``year``; another month raises ``CalendarError``."""
    if not 1 <= month <= 12:
        raise CalendarError(
            "month_out_of_range",
            f"Bulan harus 1 ({MONTHS_ID[0]}) sampai 12 ({MONTHS_ID[11]}), bukan {month}.",
            f"The month must be 1 ({MONTHS_EN[0]}) to 12 ({MONTHS_EN[11]}), not {month}.",
            field="month",
        )
    first = date(year, month, 1)
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return first, following - timedelta(days=1)


def working_days(
    year: int,
    month: int,
    week: WorkWeek,
    holidays: HolidayCalendar,
    *,
    cuti_bersama_counts_as_holiday: bool = True,
) -> int:
    """How many working days ``month`` of ``year`` has (§11.3: 19 in January 2025 on a 5-day week)."""
    first, last = month_bounds(year, month)
    return working_days_between(
        first, last, week, holidays, cuti_bersama_counts_as_holiday=cuti_bersama_counts_as_holiday
    )


def working_days_by_month(
    year: int,
    week: WorkWeek,
    holidays: HolidayCalendar,
    *,
    cuti_bersama_counts_as_holiday: bool = True,
    months: Iterable[int] = range(1, 13),
) -> dict[int, int]:
    """``{month: working days}`` for ``year`` (the rows of the §11.3 table)."""
    return {
        m: working_days(year, m, week, holidays, cuti_bersama_counts_as_holiday=cuti_bersama_counts_as_holiday)
        for m in months
    }
