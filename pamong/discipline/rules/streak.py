"""Ten consecutive working days of unexcused absence: PDH TAPS, whatever the year's total.

Sources (``domain/rules.md`` §1.6):

- **PP 94/2021 Pasal 11 ayat (2) huruf d angka 4** [H]: a PNS absent without a valid reason for **10 working
  days in a row** is honourably dismissed not at own request (B3), independently of the annual total; the
  salary stops from the following month (Pasal 15(2) per S-DiscSeed) [M-H].
- "In a row" counts working days of the employee's schedule [M]: weekends are not working days and neither
  count nor break the run; a working day attended or excused (cuti, izin, dinas luar) breaks it. Whether a
  national holiday or cuti bersama breaks the run is not settled in any source seen: tenant configuration
  ``holiday_breaks_streak``, default False (a holiday neither counts nor breaks).

The caller gives every date of the period in order (one status per employee-day, as attendance derives
them); a date not given is treated like a weekend.

Pure module: no Django, no clock, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

#: PP 94/2021 Pasal 11(2) d angka 4: ten working days in a row [H].
STREAK_DAYS = 10
SOURCE = "PP 94/2021 Pasal 11 ayat (2) huruf d angka 4"


class DayKind(StrEnum):
    """How one date counts for the run."""

    UNEXCUSED = "unexcused"  # a working day without attendance and without a valid reason: counts
    PRESENT = "present"  # a working day attended or excused: breaks the run
    OFF = "off"  # not a working day of the schedule (weekend, off-shift): neither counts nor breaks
    HOLIDAY = "holiday"  # a national/local holiday or cuti bersama: like OFF unless holidays break the run


@dataclass(frozen=True, slots=True)
class Streak:
    """The longest run of unexcused working days and, if it reached ``threshold``, the day it did."""

    longest: int
    longest_from: date | None
    longest_to: date | None
    reached_on: date | None  # the threshold-th unexcused working day of the first run that got there
    current: int  # the run still open at the last date given

    @property
    def reached(self) -> bool:
        return self.reached_on is not None


def unexcused_streak(
    days: Iterable[tuple[date, DayKind]],
    *,
    threshold: int = STREAK_DAYS,
    holiday_breaks_streak: bool = False,
) -> Streak:
    """Walk ``days`` (in date order) and measure runs of unexcused working days (see the module docstring)."""
    longest, longest_from, longest_to = 0, None, None
    run, run_from = 0, None
    reached_on: date | None = None
    previous: date | None = None
    for day, kind in days:
        if previous is not None and day <= previous:
            raise ValueError("days must be in strictly increasing date order")
        previous = day
        if kind is DayKind.UNEXCUSED:
            run += 1
            run_from = run_from or day
            if run > longest:
                longest, longest_from, longest_to = run, run_from, day
            if run == threshold and reached_on is None:
                reached_on = day
        elif kind is DayKind.PRESENT or (kind is DayKind.HOLIDAY and holiday_breaks_streak):
            run, run_from = 0, None
    return Streak(longest=longest, longest_from=longest_from, longest_to=longest_to, reached_on=reached_on, current=run)
