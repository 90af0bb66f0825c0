"""Holidays as values: national holidays, cuti bersama and local holidays, and a calendar of them.

Sources (``domain/rules.md`` §3.5, §11):

- National holidays (*hari libur nasional*) and cuti bersama are **not working days**; they count neither
  as absence nor towards the 10-working-day streak of PP 94/2021 [H; M for the streak].
- The lists come each year from an **SKB 3 Menteri** (Menag, Menaker, MenPANRB) and are sometimes amended
  mid-year (18 Aug 2025 was added as cuti bersama by SKB 933/1/3 Tahun 2025, signed 7 Aug 2025) [H]. So a
  holiday carries its ``source``, and the tables are data a tenant may edit (the app seeds them from
  ``rules.holidays_id``).
- **Cuti bersama** is set by Keppres; it does not reduce cuti tahunan, and a PNS who must work on it gets
  the day added to cuti tahunan (PP 11/2017 as amended by PP 17/2020; §3.4) [H]. Whether a cuti bersama
  day removes a working day is therefore a parameter of the working-day functions
  (``cuti_bersama_counts_as_holiday``, default ``True``: §3.5 and §11.3 remove it).
- **Local holidays** (e.g. hari jadi kabupaten) are set by a Bupati decision [H]; the caller picks the
  entries that apply to a unit before building the calendar.

A ``HolidayCalendar`` knows which **years** it covers: asking it about a day in another year raises
``CalendarError("year_not_covered")`` naming the year, rather than silently treating an unlisted year as
having no holidays (which would mark everyone absent on Idul Fitri).

Pure module: no Django, no clock, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from pamong.attendance.rules.errors import CalendarError
from pamong.people.rules.dates import date_en, date_id


class HolidayKind(StrEnum):
    """What kind of day off a holiday is."""

    NATIONAL = "national"  # hari libur nasional (SKB 3 Menteri)
    CUTI_BERSAMA = "cuti_bersama"  # cuti bersama (SKB 3 Menteri, Keppres for ASN)
    LOCAL = "local"  # libur daerah (keputusan Bupati)

    @property
    def label_id(self) -> str:
        return _KIND_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _KIND_LABELS[self][1]


_KIND_LABELS = {
    HolidayKind.NATIONAL: ("Libur nasional", "National holiday"),
    HolidayKind.CUTI_BERSAMA: ("Cuti bersama", "Cuti bersama (collective leave)"),
    HolidayKind.LOCAL: ("Libur daerah", "Local holiday"),
}


@dataclass(frozen=True, slots=True)
class Holiday:
    """One day off: its date, its name (Bahasa Indonesia, as in the SKB), its kind and where it comes from."""

    day: date
    name: str
    kind: HolidayKind
    source: str = ""

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise CalendarError(
                "holiday_name_missing",
                f"Nama hari libur {date_id(self.day)} wajib diisi.",
                f"The holiday on {date_en(self.day)} needs a name.",
                field="name",
            )


def check_year_covered(year: int, years: Iterable[int]) -> None:
    """Raise ``CalendarError("year_not_covered")`` unless ``year`` is one of ``years``."""
    covered = sorted(set(years))
    if year in covered:
        return
    listed = ", ".join(str(y) for y in covered) or "-"
    raise CalendarError(
        "year_not_covered",
        f"Daftar hari libur nasional dan cuti bersama tahun {year} belum tersedia (tersedia: {listed}).",
        f"The national holidays and cuti bersama for {year} are not available (available: {listed}).",
        field="year",
    )


@dataclass(frozen=True)
class HolidayCalendar:
    """The holidays that apply to one place, for the ``years`` whose lists are complete.

    Build it from the national tables (``rules.holidays_id.national_calendar``) or from a tenant's stored
    rows plus the unit's local holidays. Every holiday must fall in one of ``years``.
    """

    years: frozenset[int]
    holidays: tuple[Holiday, ...] = ()
    _by_day: Mapping[date, tuple[Holiday, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_day: dict[date, tuple[Holiday, ...]] = {}
        for holiday in self.holidays:
            if holiday.day.year not in self.years:
                listed = ", ".join(str(y) for y in sorted(self.years)) or "-"
                raise CalendarError(
                    "holiday_outside_years",
                    f"Hari libur {holiday.name} ({date_id(holiday.day)}) di luar tahun kalender ({listed}).",
                    f"The holiday {holiday.name} ({date_en(holiday.day)}) is outside the calendar's years ({listed}).",
                    field="day",
                )
            by_day[holiday.day] = (*by_day.get(holiday.day, ()), holiday)
        object.__setattr__(self, "_by_day", MappingProxyType(by_day))

    @classmethod
    def of(cls, years: Iterable[int], holidays: Iterable[Holiday] = ()) -> HolidayCalendar:
        """A calendar for ``years`` holding ``holidays``."""
        return cls(years=frozenset(years), holidays=tuple(sorted(holidays, key=lambda h: (h.day, h.kind, h.name))))

    def with_holidays(self, holidays: Iterable[Holiday]) -> HolidayCalendar:
        """This calendar plus ``holidays`` (e.g. a unit's local holidays), same years."""
        return HolidayCalendar.of(self.years, (*self.holidays, *holidays))

    def check_year(self, year: int) -> None:
        """Raise ``CalendarError("year_not_covered")`` unless this calendar holds ``year``'s list."""
        check_year_covered(year, self.years)

    def on(self, day: date) -> tuple[Holiday, ...]:
        """The holidays on ``day`` (usually none or one); an uncovered year raises ``CalendarError``."""
        self.check_year(day.year)
        return self._by_day.get(day, ())

    def is_day_off(self, day: date, *, cuti_bersama_counts_as_holiday: bool = True) -> bool:
        """Whether ``day`` is a holiday; cuti bersama counts unless ``cuti_bersama_counts_as_holiday`` is off."""
        return any(h.kind is not HolidayKind.CUTI_BERSAMA or cuti_bersama_counts_as_holiday for h in self.on(day))

    def in_year(self, year: int, kind: HolidayKind | None = None) -> tuple[Holiday, ...]:
        """The holidays of ``year`` in date order, optionally of one ``kind``."""
        self.check_year(year)
        return tuple(h for h in self.holidays if h.day.year == year and (kind is None or h.kind is kind))
