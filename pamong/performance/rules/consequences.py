"""Triggers of the consequences register: red streaks, late and missing reports, the improvement period.

Sources:

- **Improvement period** (``improvement_period``): UU 5/2014 (ASN) Pasal 118 with PP 11/2017 (as amended
  by PP 17/2020): a JPT (a kepala OPD is JPT Pratama) who **does not meet the performance agreed in the PK
  for 1 year** in a post is given **6 months to improve**; if still failing, a renewed competency test
  (uji kompetensi kembali) follows, then retention, rotation or a lower post [M-H] (``domain/rules.md``
  §8.3; the general PNS rule, "first given 6 months to improve", is in §4.6 [M]). UU 5/2014 was in force
  from 15 January 2014 and was replaced by UU 20/2023 (31 October 2023) [H]; whether the new law's
  implementing rules keep the six months is [UNCONFIRMED], hence ``months`` is a parameter (default 6).
  The law gives no number for "does not meet": the **threshold** on the yearly index is a tenant setting,
  default **70** [UNCONFIRMED]. Why 70: under PP 30/2019 Pasal 41's numeric scale (§4.3, [M], legacy) a
  value below 70 is "Kurang", i.e. the first band that is not an acceptable performance; the Permendagri
  86/2017 capaian predicate below 66 is "Rendah" (``bands.CAPAIAN_PREDICATES``) [L]. The index must be
  strictly **below** the threshold. The period starts on the day it is decided and ends on the same day of
  the month ``months`` later, clamped to the end of a shorter month (31 August + 6 months → 28 or 29
  February) [L] (``periods.add_months``).
- **Red streak** (``red_streak``): issue 3 asks for a follow-up when an indicator stays red for N periods;
  the number is not in any regulation: default **2** consecutive periods [UNCONFIRMED]. Only the trailing
  run counts (the indicator is red *now* and has been for N periods); a period without a colour (nothing
  reported) breaks the run, because a missing report is its own trigger (``report_late``) and is not
  counted twice.
- **Late and missing reports** (``report_late``, ``report_deadline``): periodic reports are due a number of
  calendar days after the period ends, default **10** [UNCONFIRMED] (e-kinerja practice is the 5th–10th of
  the next month, so TPP can be computed). A report submitted on or before the deadline is on time (the
  deadline day is included); one submitted after it is late; none submitted when the deadline has passed
  is missing; before that it is not yet due. A report that was returned and resubmitted keeps the date of
  its **first** submission [L] (the caller passes that date). Reminders go out a number of days before the
  deadline, default **3 and 1** [UNCONFIRMED].

Pure module: no Django, no clock (``today`` is passed in), no I/O.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from pamong.people.rules.dates import date_en, date_id
from pamong.performance.rules.bands import Colour
from pamong.performance.rules.errors import ConsequenceError
from pamong.performance.rules.numbers import as_decimal, fmt_en, fmt_id
from pamong.performance.rules.periods import PeriodKind, add_months, period_bounds

DEFAULT_RED_STREAK_PERIODS = 2
DEFAULT_REPORT_DUE_DAYS = 10
MAX_REPORT_DUE_DAYS = 90
DEFAULT_REMINDER_DAYS_BEFORE: tuple[int, ...] = (3, 1)
DEFAULT_IMPROVEMENT_THRESHOLD = Decimal(70)
DEFAULT_IMPROVEMENT_MONTHS = 6
MAX_IMPROVEMENT_MONTHS = 24


class LateStatus(StrEnum):
    """Where a periodic report stands against its deadline."""

    ON_TIME = "on_time"  # submitted on or before the deadline
    LATE = "late"  # submitted after the deadline
    MISSING = "missing"  # not submitted and the deadline has passed
    NOT_DUE = "not_due"  # not submitted and the deadline has not passed


@dataclass(frozen=True)
class ImprovementPeriod:
    """A head's improvement period: ``starts_on`` and ``ends_on`` inclusive, with the figures that opened it."""

    starts_on: date
    ends_on: date
    yearly_index: Decimal
    threshold: Decimal
    months: int


def trailing_reds(colours: Sequence[Colour | None]) -> int:
    """How many of the latest periods in a row are RED (``colours`` oldest first; ``None`` = no data)."""
    count = 0
    for value in reversed(colours):
        if value is None or Colour(value) is not Colour.RED:
            break
        count += 1
    return count


def red_streak(colours: Sequence[Colour | None], n: int = DEFAULT_RED_STREAK_PERIODS) -> bool:
    """Whether the indicator has been RED for at least the last ``n`` periods in a row (``n`` ≥ 1)."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ConsequenceError(
            "streak_length",
            f"Jumlah periode merah berturut-turut harus bilangan bulat 1 atau lebih, bukan {n!r}.",
            f"The number of consecutive red periods must be a whole number of at least 1, not {n!r}.",
            "red_streak_periods",
        )
    return trailing_reds(colours) >= n


def report_deadline(kind: PeriodKind, year: int, number: int, days_after: int = DEFAULT_REPORT_DUE_DAYS) -> date:
    """The deadline of the report for period ``number`` of ``year``: the period's last day + ``days_after``."""
    _check_days(days_after, "report_due_days", MAX_REPORT_DUE_DAYS)
    return period_bounds(kind, year, number)[1] + timedelta(days=days_after)


def report_late(deadline: date, submitted_on: date | None, today: date) -> LateStatus:
    """On time, late, missing or not yet due (see the module docstring)."""
    if submitted_on is not None:
        if submitted_on > today:
            raise ConsequenceError(
                "submitted_in_future",
                f"Tanggal penyampaian laporan ({date_id(submitted_on)}) tidak boleh setelah hari ini "
                f"({date_id(today)}).",
                f"The report's submission date ({date_en(submitted_on)}) cannot be after today ({date_en(today)}).",
                "submitted_on",
            )
        return LateStatus.ON_TIME if submitted_on <= deadline else LateStatus.LATE
    return LateStatus.MISSING if today > deadline else LateStatus.NOT_DUE


def days_late(deadline: date, submitted_on: date | None, today: date) -> int:
    """Calendar days after the deadline: until submission, or until ``today`` if not submitted; 0 if in time."""
    until = submitted_on if submitted_on is not None else today
    return max(0, (until - deadline).days)


def reminder_dates(deadline: date, days_before: Sequence[int] = DEFAULT_REMINDER_DAYS_BEFORE) -> tuple[date, ...]:
    """The days on which to remind the reporter, earliest first (duplicates removed)."""
    for days in days_before:
        _check_days(days, "reminder_days_before", MAX_REPORT_DUE_DAYS)
    return tuple(sorted({deadline - timedelta(days=days) for days in days_before}))


def reminder_due(
    deadline: date,
    today: date,
    submitted_on: date | None = None,
    days_before: Sequence[int] = DEFAULT_REMINDER_DAYS_BEFORE,
) -> bool:
    """Whether a reminder goes out ``today``: a reminder day, and the report is not submitted yet."""
    return submitted_on is None and today in reminder_dates(deadline, days_before)


def improvement_period(
    yearly_index: Decimal, threshold: Decimal, decided_on: date, months: int = DEFAULT_IMPROVEMENT_MONTHS
) -> ImprovementPeriod | None:
    """The improvement period a head is given when ``yearly_index`` < ``threshold``, else ``None``.

    ``decided_on`` is its first day; the tenant's threshold defaults to ``DEFAULT_IMPROVEMENT_THRESHOLD``
    (``config.PerformanceRules.improvement_threshold``). ``ConsequenceError`` codes: ``index_negative``,
    ``threshold_out_of_range``, ``months_out_of_range`` (plus number errors).
    """
    index = as_decimal(
        yearly_index,
        field="yearly_index",
        label_id="Indeks tahunan",
        label_en="The yearly index",
        error=ConsequenceError,
    )
    limit = as_decimal(
        threshold,
        field="improvement_threshold",
        label_id="Ambang masa perbaikan",
        label_en="The improvement threshold",
        error=ConsequenceError,
    )
    if index < 0:
        raise ConsequenceError(
            "index_negative",
            f"Indeks tahunan tidak boleh negatif ({fmt_id(index)}).",
            f"The yearly index cannot be negative ({fmt_en(index)}).",
            "yearly_index",
        )
    if not 0 < limit <= 100:
        raise ConsequenceError(
            "threshold_out_of_range",
            f"Ambang masa perbaikan harus lebih dari 0 dan paling tinggi 100, bukan {fmt_id(limit)}.",
            f"The improvement threshold must be above 0 and at most 100, not {fmt_en(limit)}.",
            "improvement_threshold",
        )
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= MAX_IMPROVEMENT_MONTHS:
        raise ConsequenceError(
            "months_out_of_range",
            f"Lama masa perbaikan harus 1 sampai {MAX_IMPROVEMENT_MONTHS} bulan, bukan {months!r}.",
            f"The improvement period must be 1 to {MAX_IMPROVEMENT_MONTHS} months, not {months!r}.",
            "improvement_months",
        )
    if index >= limit:
        return None
    return ImprovementPeriod(decided_on, add_months(decided_on, months), index, limit, months)


def _check_days(days: int, field: str, maximum: int) -> None:
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= maximum:
        raise ConsequenceError(
            "days_out_of_range",
            f"Jumlah hari harus bilangan bulat 0 sampai {maximum}, bukan {days!r}.",
            f"The number of days must be a whole number from 0 to {maximum}, not {days!r}.",
            field,
        )
