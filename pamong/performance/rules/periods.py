"""Reporting periods of a budget year (months 1–12 or quarters 1–4), their dates, and adding months.

Sources (``domain/rules.md`` §4.2, §5.2):

- The budget year is the calendar year (UU 17/2003 on state finance: 1 January – 31 December) [H].
- Periodic monitoring is monthly, quarterly or per semester as the organisation chooses; many pemda use
  monthly because TPP is monthly [H] (§4.2). The PK's action plan (rencana aksi) breaks annual targets
  into **quarterly** (triwulan, TW I–IV) targets [M] (§5.2, PermenPANRB 53/2014 as summarised). Semesters
  are not encoded (no request for them); ``PeriodKind`` is where they would go.
- ``add_months`` clamps to the end of a shorter month (31 August + 6 months → 28 or 29 February). This is
  the usual reading of "n bulan" for terms in Indonesian administrative law [L]; see
  ``consequences.improvement_period``.

Pure module: no Django, no clock, no I/O.
"""

import calendar
from datetime import date
from enum import StrEnum

from pamong.people.rules.dates import MONTHS_EN, MONTHS_ID
from pamong.performance.rules.errors import PeriodError

_ROMAN = ("I", "II", "III", "IV")


class PeriodKind(StrEnum):
    """How a year is cut into reporting periods."""

    MONTHLY = "monthly"  # periods 1–12, one per calendar month
    QUARTERLY = "quarterly"  # periods 1–4 (triwulan I–IV), three months each

    @property
    def periods_per_year(self) -> int:
        """Number of periods in a year."""
        return 12 if self is PeriodKind.MONTHLY else 4

    @property
    def months_per_period(self) -> int:
        """Months per period."""
        return 1 if self is PeriodKind.MONTHLY else 3


def check_period(kind: PeriodKind, number: int, *, field: str = "period") -> int:
    """``number`` if it is a period of ``kind`` (1–12 or 1–4), else ``PeriodError`` ``period_out_of_range``."""
    kind = PeriodKind(kind)
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= kind.periods_per_year:
        unit_id, unit_en = ("bulan", "month") if kind is PeriodKind.MONTHLY else ("triwulan", "quarter")
        raise PeriodError(
            "period_out_of_range",
            f"Periode {unit_id} harus 1 sampai {kind.periods_per_year}, bukan {number!r}.",
            f"A {unit_en} period must be 1 to {kind.periods_per_year}, not {number!r}.",
            field,
        )
    return number


def period_label_id(kind: PeriodKind, number: int) -> str:
    """``Maret`` for month 3; ``Triwulan I`` for quarter 1."""
    check_period(kind, number)
    return MONTHS_ID[number - 1] if kind is PeriodKind.MONTHLY else f"Triwulan {_ROMAN[number - 1]}"


def period_label_en(kind: PeriodKind, number: int) -> str:
    """``March`` for month 3; ``Quarter I`` for quarter 1."""
    check_period(kind, number)
    return MONTHS_EN[number - 1] if kind is PeriodKind.MONTHLY else f"Quarter {_ROMAN[number - 1]}"


def period_of_month(kind: PeriodKind, month: int) -> int:
    """The period that calendar ``month`` (1–12) falls in: the month itself, or its quarter."""
    check_period(PeriodKind.MONTHLY, month, field="month")
    return month if PeriodKind(kind) is PeriodKind.MONTHLY else (month - 1) // 3 + 1


def period_bounds(kind: PeriodKind, year: int, number: int) -> tuple[date, date]:
    """First and last day (both inclusive) of period ``number`` of ``year``."""
    kind = PeriodKind(kind)
    check_period(kind, number)
    first_month = (number - 1) * kind.months_per_period + 1
    last_month = first_month + kind.months_per_period - 1
    return date(year, first_month, 1), date(year, last_month, calendar.monthrange(year, last_month)[1])


def add_months(day: date, months: int) -> date:
    """The same day of the month ``months`` later (or earlier), clamped to the last day of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def quarter_numeral(number: int) -> str:
    """``3`` → ``III``: how a quarter (triwulan) is numbered in Indonesian documents."""
    check_period(PeriodKind.QUARTERLY, number)
    return _ROMAN[number - 1]
