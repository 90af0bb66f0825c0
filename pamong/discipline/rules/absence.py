"""The absence ladder: unexcused days plus lateness and early leave, counted per calendar year, to a sanction band.

Sources (``domain/rules.md`` §1.5, §1.10, §2.2, §2.4):

- **PP 94/2021 Pasal 9–11** (in force from 31 Aug 2021) [H]: working days of *tidak masuk kerja tanpa alasan
  yang sah* (the breach of Pasal 4 huruf f), cumulative from 1 January to 31 December, reset each year
  (Pasal 15(1)). Bands by inclusive lower bound: 3 R1, 4–6 R2, 7–10 R3, 11–13 S1, 14–16 S2, 17–20 S3, 21–24 B1,
  25–27 B2, ≥ 28 B3. Crossing a band is a *recommendation*: the PYBMH decides after an examination.
- **PerBKN 6/2022** (juknis of PP 94, ~March 2022) [M-H]: late arrival (TL) and early leave (PSW) minutes without
  a valid reason are added up; each complete **450 minutes** (7 h 30 min, the standard day of the 37.5-hour
  week) counts as one day. ``days = floor(minutes / 450)``; the remainder stays in the year's counter [M,
  interpretation].
- **PP 53/2010** (until 31 Aug 2021) [H]: 5 L1, 6–10 L2, 11–15 L3, 16–20 L4, 21–25 L5, 26–30 L6, 31–35 L7,
  36–40 L8, 41–45 L9, ≥ 46 L10. Chosen by the date of the violation; the two tables never mix.
- After a sanction for a band, reaching the next band opens a new case; days already used are not counted
  again [M]: the ladder reports each band crossed (``bands_crossed``).

Pure module: no Django, no clock, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .errors import DisciplineRuleError
from .sanctions import LegacySanction, Sanction

#: PerBKN 6/2022: 7.5 hours of TL/PSW minutes make one day of absence [M-H].
MINUTES_PER_DAY = 450

#: PP 94/2021 was signed and promulgated on 31 Aug 2021 and repealed PP 53/2010 [H].
PP94_FROM = date(2021, 8, 31)


@dataclass(frozen=True, slots=True)
class Band:
    """Cumulative days ``lower``..``upper`` (None: no upper bound) lead to ``sanction``."""

    lower: int
    upper: int | None
    sanction: Sanction | LegacySanction
    source: str

    def holds(self, days: int) -> bool:
        return days >= self.lower and (self.upper is None or days <= self.upper)

    @property
    def label(self) -> str:
        return (
            f"{self.lower}+"
            if self.upper is None
            else (str(self.lower) if self.upper == self.lower else f"{self.lower}–{self.upper}")
        )


_PP94 = "PP 94/2021 Pasal 9–11"
PP94_BANDS: tuple[Band, ...] = (
    Band(3, 3, Sanction.R1, _PP94),
    Band(4, 6, Sanction.R2, _PP94),
    Band(7, 10, Sanction.R3, _PP94),
    Band(11, 13, Sanction.S1, _PP94),
    Band(14, 16, Sanction.S2, _PP94),
    Band(17, 20, Sanction.S3, _PP94),
    Band(21, 24, Sanction.B1, _PP94),
    Band(25, 27, Sanction.B2, _PP94),
    Band(28, None, Sanction.B3, "PP 94/2021 Pasal 11 ayat (2) huruf d angka 3"),
)

_PP53 = "PP 53/2010 Pasal 8–10"
PP53_BANDS: tuple[Band, ...] = (
    Band(5, 5, LegacySanction.L1, _PP53),
    Band(6, 10, LegacySanction.L2, _PP53),
    Band(11, 15, LegacySanction.L3, _PP53),
    Band(16, 20, LegacySanction.L4, _PP53),
    Band(21, 25, LegacySanction.L5, _PP53),
    Band(26, 30, LegacySanction.L6, _PP53),
    Band(31, 35, LegacySanction.L7, _PP53),
    Band(36, 40, LegacySanction.L8, _PP53),
    Band(41, 45, LegacySanction.L9, _PP53),
    Band(46, None, LegacySanction.L10, _PP53),
)


def bands_for(violation_on: date) -> tuple[Band, ...]:
    """The table that governs a violation on ``violation_on``: PP 53/2010 before 31 Aug 2021, else PP 94/2021."""
    return PP53_BANDS if violation_on < PP94_FROM else PP94_BANDS


def day_equivalents(minutes: int) -> tuple[int, int]:
    """(whole days, remaining minutes) of TL/PSW ``minutes``: floor(minutes / 450) and the rest (PerBKN 6/2022)."""
    if minutes < 0:
        raise DisciplineRuleError(
            "negative_minutes",
            f"Jumlah menit terlambat/pulang cepat tidak boleh negatif ({minutes}).",
            f"Late/early minutes cannot be negative ({minutes}).",
            field="minutes",
        )
    return divmod(minutes, MINUTES_PER_DAY)


def band_of(days: int, bands: tuple[Band, ...] = PP94_BANDS) -> Band | None:
    """The band holding ``days`` cumulative days (None below the first band)."""
    return next((band for band in bands if band.holds(days)), None)


def bands_crossed(before: int, after: int, bands: tuple[Band, ...] = PP94_BANDS) -> tuple[Band, ...]:
    """The bands whose lower bound lies in (``before``, ``after``]: each one a new warning and, if pursued, a case."""
    return tuple(band for band in bands if before < band.lower <= after)


@dataclass(frozen=True, slots=True)
class YearTally:
    """One employee's year so far: unexcused working days and unexcused TL and PSW minutes."""

    year: int
    unexcused_days: int
    late_minutes: int
    early_minutes: int

    @property
    def minutes(self) -> int:
        return self.late_minutes + self.early_minutes


@dataclass(frozen=True, slots=True)
class LadderPosition:
    """Where a tally stands: total days (full + from minutes), the band reached and the next one."""

    year: int
    unexcused_days: int
    minutes: int
    minute_days: int
    remainder_minutes: int
    total_days: int
    band: Band | None
    next_band: Band | None

    @property
    def days_to_next(self) -> int | None:
        """Days left before the next band (None above the last)."""
        return None if self.next_band is None else self.next_band.lower - self.total_days


def ladder_position(tally: YearTally, bands: tuple[Band, ...] = PP94_BANDS) -> LadderPosition:
    """The ladder position of ``tally``: days = unexcused days + floor((TL + PSW minutes) / 450)."""
    if tally.unexcused_days < 0:
        raise DisciplineRuleError(
            "negative_days",
            f"Jumlah hari tanpa keterangan tidak boleh negatif ({tally.unexcused_days}).",
            f"Unexcused days cannot be negative ({tally.unexcused_days}).",
            field="unexcused_days",
        )
    minute_days, remainder = day_equivalents(tally.minutes)
    total = tally.unexcused_days + minute_days
    return LadderPosition(
        year=tally.year,
        unexcused_days=tally.unexcused_days,
        minutes=tally.minutes,
        minute_days=minute_days,
        remainder_minutes=remainder,
        total_days=total,
        band=band_of(total, bands),
        next_band=next((band for band in bands if band.lower > total), None),
    )
