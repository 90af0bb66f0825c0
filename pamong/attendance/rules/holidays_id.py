"""Indonesia's national holidays and cuti bersama for 2025 and 2026, as data (``domain/rules.md`` §11).

Sources and confidence:

- **2025** [H]: SKB 3 Menteri No. 1017/2/2 Tahun 2024 (news copies) and Keppres 8/2024 for the cuti bersama
  of ASN; amended by **SKB No. 933/1/3 Tahun 2025** (signed 7 Aug 2025), which added 18 Aug 2025 as cuti
  bersama (effective from its signing). 17 national holidays, 10 + 1 cuti bersama.
- **2026** [H-M]: SKB 3 Menteri No. 1497/2/5 Tahun 2025 (brilio, a blogspot mirror and Disdik Kota Semarang
  agree; a differing Tribun Palu list was judged wrong). 17 national holidays, 8 cuti bersama. No Keppres on
  the ASN cuti bersama for 2026 was seen; the SKB list is used.
- Islamic dates depend on Kemenag's sidang isbat, and the government may move days or add cuti bersama
  during the year. These tables are therefore only the **seed**: the app copies them into a per-tenant
  table that BKPSDM can edit, and recomputes the affected months after an edit.

Weekday comments were computed (§11) and are checked by the tests. Names are in Bahasa Indonesia as in the
SKB. Pure module: no Django, no clock, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from types import MappingProxyType

from pamong.attendance.rules.holidays import Holiday, HolidayCalendar, HolidayKind, check_year_covered

N = HolidayKind.NATIONAL
CB = HolidayKind.CUTI_BERSAMA

SKB_2025 = "SKB 3 Menteri No. 1017/2/2 Tahun 2024"
SKB_2025_AMENDMENT = "SKB 3 Menteri No. 933/1/3 Tahun 2025"
SKB_2026 = "SKB 3 Menteri No. 1497/2/5 Tahun 2025"


def _h(y: int, m: int, d: int, name: str, kind: HolidayKind, source: str) -> Holiday:
    return Holiday(date(y, m, d), name, kind, source)


HOLIDAYS_2025: tuple[Holiday, ...] = (
    # Libur nasional (17)
    _h(2025, 1, 1, "Tahun Baru Masehi", N, SKB_2025),  # Wed
    _h(2025, 1, 27, "Isra Mikraj", N, SKB_2025),  # Mon
    _h(2025, 1, 29, "Tahun Baru Imlek", N, SKB_2025),  # Wed
    _h(2025, 3, 29, "Nyepi", N, SKB_2025),  # Sat
    _h(2025, 3, 31, "Idul Fitri 1446 H", N, SKB_2025),  # Mon
    _h(2025, 4, 1, "Idul Fitri 1446 H, hari kedua", N, SKB_2025),  # Tue
    _h(2025, 4, 18, "Wafat Yesus Kristus", N, SKB_2025),  # Fri
    _h(2025, 4, 20, "Paskah", N, SKB_2025),  # Sun
    _h(2025, 5, 1, "Hari Buruh", N, SKB_2025),  # Thu
    _h(2025, 5, 12, "Waisak", N, SKB_2025),  # Mon
    _h(2025, 5, 29, "Kenaikan Yesus Kristus", N, SKB_2025),  # Thu
    _h(2025, 6, 1, "Hari Lahir Pancasila", N, SKB_2025),  # Sun
    _h(2025, 6, 6, "Idul Adha 1446 H", N, SKB_2025),  # Fri
    _h(2025, 6, 27, "1 Muharam 1447 H", N, SKB_2025),  # Fri
    _h(2025, 8, 17, "Proklamasi", N, SKB_2025),  # Sun
    _h(2025, 9, 5, "Maulid Nabi", N, SKB_2025),  # Fri
    _h(2025, 12, 25, "Natal", N, SKB_2025),  # Thu
    # Cuti bersama (10 + 1 added)
    _h(2025, 1, 28, "Cuti bersama Imlek", CB, SKB_2025),  # Tue
    _h(2025, 3, 28, "Cuti bersama Nyepi", CB, SKB_2025),  # Fri
    _h(2025, 4, 2, "Cuti bersama Idul Fitri", CB, SKB_2025),  # Wed
    _h(2025, 4, 3, "Cuti bersama Idul Fitri", CB, SKB_2025),  # Thu
    _h(2025, 4, 4, "Cuti bersama Idul Fitri", CB, SKB_2025),  # Fri
    _h(2025, 4, 7, "Cuti bersama Idul Fitri", CB, SKB_2025),  # Mon
    _h(2025, 5, 13, "Cuti bersama Waisak", CB, SKB_2025),  # Tue
    _h(2025, 5, 30, "Cuti bersama Kenaikan", CB, SKB_2025),  # Fri
    _h(2025, 6, 9, "Cuti bersama Idul Adha", CB, SKB_2025),  # Mon
    _h(2025, 8, 18, "Cuti bersama HUT RI", CB, SKB_2025_AMENDMENT),  # Mon, added 7 Aug 2025
    _h(2025, 12, 26, "Cuti bersama Natal", CB, SKB_2025),  # Fri
)

HOLIDAYS_2026: tuple[Holiday, ...] = (
    # Libur nasional (17)
    _h(2026, 1, 1, "Tahun Baru Masehi", N, SKB_2026),  # Thu
    _h(2026, 1, 16, "Isra Mikraj", N, SKB_2026),  # Fri
    _h(2026, 2, 17, "Tahun Baru Imlek", N, SKB_2026),  # Tue
    _h(2026, 3, 19, "Nyepi", N, SKB_2026),  # Thu
    _h(2026, 3, 21, "Idul Fitri 1447 H", N, SKB_2026),  # Sat
    _h(2026, 3, 22, "Idul Fitri 1447 H, hari kedua", N, SKB_2026),  # Sun
    _h(2026, 4, 3, "Wafat Yesus Kristus", N, SKB_2026),  # Fri
    _h(2026, 4, 5, "Paskah", N, SKB_2026),  # Sun
    _h(2026, 5, 1, "Hari Buruh", N, SKB_2026),  # Fri
    _h(2026, 5, 14, "Kenaikan Yesus Kristus", N, SKB_2026),  # Thu
    _h(2026, 5, 27, "Idul Adha 1447 H", N, SKB_2026),  # Wed
    _h(2026, 5, 31, "Waisak", N, SKB_2026),  # Sun
    _h(2026, 6, 1, "Hari Lahir Pancasila", N, SKB_2026),  # Mon
    _h(2026, 6, 16, "1 Muharam 1448 H", N, SKB_2026),  # Tue
    _h(2026, 8, 17, "Proklamasi", N, SKB_2026),  # Mon
    _h(2026, 8, 25, "Maulid Nabi", N, SKB_2026),  # Tue
    _h(2026, 12, 25, "Natal", N, SKB_2026),  # Fri
    # Cuti bersama (8)
    _h(2026, 2, 16, "Cuti bersama Imlek", CB, SKB_2026),  # Mon
    _h(2026, 3, 18, "Cuti bersama Nyepi", CB, SKB_2026),  # Wed
    _h(2026, 3, 20, "Cuti bersama Idul Fitri", CB, SKB_2026),  # Fri
    _h(2026, 3, 23, "Cuti bersama Idul Fitri", CB, SKB_2026),  # Mon
    _h(2026, 3, 24, "Cuti bersama Idul Fitri", CB, SKB_2026),  # Tue
    _h(2026, 5, 15, "Cuti bersama Kenaikan", CB, SKB_2026),  # Fri
    _h(2026, 5, 28, "Cuti bersama Idul Adha", CB, SKB_2026),  # Thu
    _h(2026, 12, 24, "Cuti bersama Natal", CB, SKB_2026),  # Thu
)

NATIONAL_HOLIDAYS: Mapping[int, tuple[Holiday, ...]] = MappingProxyType({2025: HOLIDAYS_2025, 2026: HOLIDAYS_2026})
"""The seed tables by year: national holidays and cuti bersama together (filter on ``kind``)."""

COVERED_YEARS: frozenset[int] = frozenset(NATIONAL_HOLIDAYS)


def national_holidays(year: int) -> tuple[Holiday, ...]:
    """The national holidays and cuti bersama of ``year`` in date order; another year raises ``CalendarError``."""
    check_year_covered(year, COVERED_YEARS)
    return tuple(sorted(NATIONAL_HOLIDAYS[year], key=lambda h: h.day))


def national_calendar(years: Iterable[int] | None = None, local: Iterable[Holiday] = ()) -> HolidayCalendar:
    """A calendar of the national tables for ``years`` (default: all covered years) plus ``local`` holidays."""
    wanted = sorted(COVERED_YEARS if years is None else set(years))
    seeded = [h for y in wanted for h in national_holidays(y)]
    return HolidayCalendar.of(wanted, (*seeded, *local))
