"""Working hours: the expected start and end of each weekday, Ramadan overrides, the weekly total.

Sources (``domain/rules.md`` §3.1–§3.3, §12 ``working_time``):

- **Perpres 21/2023** (signed and promulgated 12 Apr 2023): **37.5 hours per week** not counting breaks,
  start **07.30 local time**, breaks **60 minutes Monday–Thursday and 90 minutes on Friday** [H]. In
  **Ramadan** at least **32.5 hours per week**, start 08.00, Friday break 60 minutes [H]. Exceptions for
  units with operational or direct public service (Pasal 7) are set by the PPK [H], so the weekly total is
  *checked* (``weekly_shortfall_minutes``, ``check_weekly_minimum``), never forced.
- **Default 5-day schedule** (PermenPANRB 6/2018, Peraturan ANRI 18/2016 and many Perbup) [H]:
  Mon–Thu 07.30–16.00 with a break 12.00–13.00; Fri 07.30–16.30 with a break 11.30–13.00; 7 h 30 min net
  each day, 37.5 h a week. ``FIVE_DAY_HOURS``.
- **Classic 6-day schedule** (Keppres 68/1995 style, schools and some services) [M/L]: Mon–Thu 07.00–14.00,
  Fri 07.00–11.00, Sat 07.00–12.30, no break given, 37.5 h. ``SIX_DAY_HOURS``; check it against the local
  Perbup before use.
- **Ramadan** (SE MenPANRB 20/2017, 394/2019, 6/2023, one each year) [H]: 5-day Mon–Thu 08.00–15.00 with a
  break 12.00–12.30, Fri 08.00–15.30 with a break 11.30–12.30 (32.5 h; ``RAMADAN_FIVE_DAY_HOURS``); 6-day
  Mon–Thu and Sat 08.00–14.00 with a break 12.00–12.30, Fri 08.00–14.30 with a break 11.30–12.30 (the 2023
  SE says Fri 14.00, so the Friday end is a parameter of ``ramadan_six_day_hours``). Ramadan dates come from
  the government each year: they are a dated ``ScheduleOverride`` the tenant enters, not a constant.
- Start times vary by region (Kota Pekalongan starts at 07.15, Perwal 8/2018 [M]): every value here is a
  default that a tenant or unit may replace.

All times are **naive local times** of the tenant's zone (WIB/WITA/WIT); callers apply the zone. A
schedule never crosses midnight (night shifts are rosters, a later module). Pure module: no Django, no
clock, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, time
from typing import overload

from pamong.attendance.rules.errors import ScheduleError
from pamong.attendance.rules.holidays import HolidayCalendar
from pamong.attendance.rules.workdays import Weekday, WorkWeek
from pamong.people.rules.dates import date_en, date_id

WEEKLY_MINUTES = 2250
"""Perpres 21/2023: 37.5 hours a week, breaks excluded [H]."""

RAMADAN_WEEKLY_MINUTES = 1950
"""Perpres 21/2023: at least 32.5 hours a week in Ramadan [H]."""


def _hhmm_id(t: time) -> str:
    return f"{t.hour:02d}.{t.minute:02d}"


def _hhmm_en(t: time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


@overload
def minute_of_day(t: time) -> int: ...
@overload
def minute_of_day(t: None) -> None: ...
def minute_of_day(t: time | None) -> int | None:
    """Minutes after local midnight of a wall time (seconds dropped: minutes are whole minutes); None stays None."""
    return None if t is None else t.hour * 60 + t.minute


@dataclass(frozen=True, slots=True)
class DayHours:
    """One day's expected window, ``start`` to ``end``, with an optional break (both ends or neither)."""

    start: time
    end: time
    break_start: time | None = None
    break_end: time | None = None

    def __post_init__(self) -> None:
        for name in ("start", "end", "break_start", "break_end"):
            value = getattr(self, name)
            if value is not None and (value.tzinfo is not None or value.second or value.microsecond):
                raise ScheduleError(
                    "time_not_plain",
                    "Jam kerja ditulis dalam jam dan menit waktu setempat, tanpa detik dan zona waktu.",
                    "Working hours are local hours and minutes, without seconds or a time zone.",
                    field=name,
                )
        if self.end <= self.start:
            raise ScheduleError(
                "end_before_start",
                f"Jam pulang ({_hhmm_id(self.end)}) harus setelah jam masuk ({_hhmm_id(self.start)}).",
                f"The end of work ({_hhmm_en(self.end)}) must be after the start ({_hhmm_en(self.start)}).",
                field="end",
            )
        if (self.break_start is None) != (self.break_end is None):
            raise ScheduleError(
                "break_incomplete",
                "Jam istirahat harus diisi awal dan akhirnya, atau dikosongkan keduanya.",
                "A break needs both a start and an end, or neither.",
                field="break_end" if self.break_end is None else "break_start",
            )
        if self.break_start is not None and self.break_end is not None:
            if self.break_end <= self.break_start:
                raise ScheduleError(
                    "break_end_before_start",
                    f"Akhir istirahat ({_hhmm_id(self.break_end)}) harus setelah awalnya "
                    f"({_hhmm_id(self.break_start)}).",
                    f"The end of the break ({_hhmm_en(self.break_end)}) must be after its start "
                    f"({_hhmm_en(self.break_start)}).",
                    field="break_end",
                )
            if self.break_start <= self.start or self.break_end >= self.end:
                raise ScheduleError(
                    "break_outside_hours",
                    f"Istirahat {_hhmm_id(self.break_start)}–{_hhmm_id(self.break_end)} harus di dalam jam kerja "
                    f"{_hhmm_id(self.start)}–{_hhmm_id(self.end)}.",
                    f"The break {_hhmm_en(self.break_start)}–{_hhmm_en(self.break_end)} must fall within the "
                    f"working hours {_hhmm_en(self.start)}–{_hhmm_en(self.end)}.",
                    field="break_start",
                )

    @property
    def break_minutes(self) -> int:
        if self.break_start is None or self.break_end is None:
            return 0
        return minute_of_day(self.break_end) - minute_of_day(self.break_start)

    @property
    def net_minutes(self) -> int:
        """Working minutes of the day, the break excluded (Perpres 21/2023 counts time without breaks)."""
        return minute_of_day(self.end) - minute_of_day(self.start) - self.break_minutes


def _day(start: tuple[int, int], end: tuple[int, int], brk: tuple[int, int, int, int] | None = None) -> DayHours:
    if brk is None:
        return DayHours(time(*start), time(*end))
    return DayHours(time(*start), time(*end), time(brk[0], brk[1]), time(brk[2], brk[3]))


@dataclass(frozen=True, slots=True)
class WeekSchedule:
    """The hours of each weekday; a weekday without hours is not a working day.

    ``days`` holds seven entries, Monday first (``Weekday``); build one with ``WeekSchedule.of({...})``.
    """

    days: tuple[DayHours | None, ...]

    def __post_init__(self) -> None:
        if len(self.days) != 7:
            raise ScheduleError(
                "schedule_not_seven_days",
                "Jadwal kerja mingguan harus memuat tujuh hari.",
                "A week schedule must hold seven days.",
                field="days",
            )
        if all(d is None for d in self.days):
            raise ScheduleError(
                "schedule_empty",
                "Jadwal kerja harus memuat jam kerja setidaknya untuk satu hari.",
                "A week schedule needs working hours on at least one day.",
                field="days",
            )

    @classmethod
    def of(cls, hours: Mapping[Weekday, DayHours]) -> WeekSchedule:
        """A schedule from ``{Weekday.MON: DayHours(...), ...}``; missing weekdays are days off."""
        return cls(tuple(hours.get(d) for d in Weekday))

    def hours_on(self, weekday: Weekday | int) -> DayHours | None:
        return self.days[int(weekday)]

    @property
    def work_week(self) -> WorkWeek:
        """The weekdays that have hours, for ``rules.workdays``."""
        return WorkWeek(frozenset(d for d in Weekday if self.days[d] is not None))

    @property
    def weekly_minutes(self) -> int:
        """Net working minutes in a full week (no holidays)."""
        return sum(h.net_minutes for h in self.days if h is not None)


_MON_THU = (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU)

FIVE_DAY_HOURS = WeekSchedule.of(
    {
        **dict.fromkeys(_MON_THU, _day((7, 30), (16, 0), (12, 0, 13, 0))),
        Weekday.FRI: _day((7, 30), (16, 30), (11, 30, 13, 0)),
    }
)
"""The default: Mon–Thu 07.30–16.00 (break 12.00–13.00), Fri 07.30–16.30 (break 11.30–13.00); 37.5 h [H]."""

SIX_DAY_HOURS = WeekSchedule.of(
    {
        **dict.fromkeys(_MON_THU, _day((7, 0), (14, 0))),
        Weekday.FRI: _day((7, 0), (11, 0)),
        Weekday.SAT: _day((7, 0), (12, 30)),
    }
)
"""Classic 6-day: Mon–Thu 07.00–14.00, Fri 07.00–11.00, Sat 07.00–12.30, no break; 37.5 h [M/L]."""

RAMADAN_FIVE_DAY_HOURS = WeekSchedule.of(
    {
        **dict.fromkeys(_MON_THU, _day((8, 0), (15, 0), (12, 0, 12, 30))),
        Weekday.FRI: _day((8, 0), (15, 30), (11, 30, 12, 30)),
    }
)
"""Ramadan, 5-day: Mon–Thu 08.00–15.00 (break 12.00–12.30), Fri 08.00–15.30 (break 11.30–12.30); 32.5 h [H]."""


def ramadan_six_day_hours(friday_end: time = time(14, 30)) -> WeekSchedule:
    """Ramadan, 6-day: Mon–Thu and Sat 08.00–14.00 (break 12.00–12.30), Fri 08.00–``friday_end`` (break
    11.30–12.30). The SEs give Friday 14.30 (default, 33 h a week); SE 6/2023 gives 14.00 (32.5 h) [H]."""
    plain = _day((8, 0), (14, 0), (12, 0, 12, 30))
    return WeekSchedule.of(
        {
            **dict.fromkeys((*_MON_THU, Weekday.SAT), plain),
            Weekday.FRI: DayHours(time(8, 0), friday_end, time(11, 30), time(12, 30)),
        }
    )


RAMADAN_SIX_DAY_HOURS = ramadan_six_day_hours()


def weekly_shortfall_minutes(schedule: WeekSchedule, *, minimum_minutes: int = WEEKLY_MINUTES) -> int:
    """How many minutes ``schedule`` falls short of ``minimum_minutes`` a week (0 when it meets it).

    Pass ``RAMADAN_WEEKLY_MINUTES`` for a Ramadan schedule.
    """
    return max(0, minimum_minutes - schedule.weekly_minutes)


def check_weekly_minimum(schedule: WeekSchedule, *, minimum_minutes: int = WEEKLY_MINUTES) -> None:
    """Raise ``ScheduleError("below_weekly_minimum")`` if ``schedule`` is short of the Perpres 21/2023 week.

    Units excepted under Pasal 7 may legitimately differ: a service decides whether to call this or only
    to warn with ``weekly_shortfall_minutes``.
    """
    total = schedule.weekly_minutes
    if total < minimum_minutes:
        raise ScheduleError(
            "below_weekly_minimum",
            f"Jam kerja seminggu {_hours_id(total)}, kurang dari minimum {_hours_id(minimum_minutes)} "
            "(Perpres 21/2023).",
            f"The week has {_hours_en(total)} of work, below the minimum of {_hours_en(minimum_minutes)} "
            "(Perpres 21/2023).",
            field="days",
        )


def _hours_id(minutes: int) -> str:
    whole, rest = divmod(minutes, 60)
    return f"{whole} jam {rest} menit" if rest else f"{whole} jam"


def _hours_en(minutes: int) -> str:
    whole, rest = divmod(minutes, 60)
    return f"{whole} h {rest} min" if rest else f"{whole} h"


@dataclass(frozen=True, slots=True)
class ScheduleOverride:
    """A dated window (``start`` to ``end``, both included) with other hours, e.g. Ramadan 1447 H."""

    start: date
    end: date
    schedule: WeekSchedule
    name: str = ""

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ScheduleError(
                "override_end_before_start",
                f"Tanggal akhir jadwal khusus ({date_id(self.end)}) tidak boleh sebelum tanggal awalnya "
                f"({date_id(self.start)}).",
                f"The special schedule's end date ({date_en(self.end)}) cannot be before its start date "
                f"({date_en(self.start)}).",
                field="end",
            )

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


def check_overrides(overrides: Iterable[ScheduleOverride]) -> None:
    """Raise ``ScheduleError("overrides_overlap")`` if two override windows share a day."""
    ordered = sorted(overrides, key=lambda o: (o.start, o.end))
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        if later.start <= earlier.end:
            raise ScheduleError(
                "overrides_overlap",
                f"Jadwal khusus {earlier.name or '-'} ({date_id(earlier.start)}–{date_id(earlier.end)}) "
                f"bertumpang tindih dengan {later.name or '-'} ({date_id(later.start)}–{date_id(later.end)}).",
                f"The special schedule {earlier.name or '-'} ({date_en(earlier.start)}–{date_en(earlier.end)}) "
                f"overlaps {later.name or '-'} ({date_en(later.start)}–{date_en(later.end)}).",
                field="start",
            )


def schedule_on(day: date, schedule: WeekSchedule, overrides: Iterable[ScheduleOverride] = ()) -> WeekSchedule:
    """The week schedule in force on ``day``: the override covering it, else ``schedule``."""
    overrides = tuple(overrides)
    check_overrides(overrides)
    for override in overrides:
        if override.covers(day):
            return override.schedule
    return schedule


def expected_window(
    day: date,
    schedule: WeekSchedule,
    overrides: Iterable[ScheduleOverride] = (),
    *,
    holidays: HolidayCalendar | None = None,
    cuti_bersama_counts_as_holiday: bool = True,
) -> DayHours | None:
    """The hours expected on ``day`` (naive local times), or ``None`` if it is not a working day.

    An override covering ``day`` replaces ``schedule`` for the whole day. With ``holidays``, a holiday
    (cuti bersama unless ``cuti_bersama_counts_as_holiday`` is off) gives ``None``; a year the calendar
    lacks raises ``CalendarError("year_not_covered")``.
    """
    in_force = schedule_on(day, schedule, overrides)
    if holidays is not None and holidays.is_day_off(day, cuti_bersama_counts_as_holiday=cuti_bersama_counts_as_holiday):
        return None
    return in_force.hours_on(day.weekday())
