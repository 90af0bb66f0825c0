"""Which period of an indicator a month closes, which months of a year have ended, which month is "due".

Sources (``domain/rules.md`` §5.2; issue 3) and this product's choices:

- The budget year is the calendar year (UU 17/2003) [H]; reporting periods are months or quarters
  (``periods.PeriodKind``) [M].
- **Scores on a monthly grid** (this module's rule, [M]; see ADR 0019): a unit may hold monthly and
  quarterly indicators side by side (the demo regency does), so its index is computed *as of the end of
  each month*. A monthly indicator contributes its month; a quarterly one the last quarter that has ended
  by that month (months 1–2: none yet, so it is left out of the index, not counted as 0).
  ``last_complete_period``.
- A month has **ended** when the day after its last day has begun in the tenant's time zone
  (``months_ended``): on 1 April, January to March have ended. Scores are computed for ended months only;
  a month in progress has nothing to report yet.
- The **reporting month** shown by default (``reporting_month``) is the latest month whose report deadline
  (``consequences.report_deadline`` for a monthly period, default 10 days after the month) has passed, so
  the cockpit does not open on a month whose reports are still legitimately coming in [UNCONFIRMED]; before
  the first deadline of the year it is the first ended month, or ``None`` if none has ended.

Pure module: no Django, no clock (``today`` is passed in), no I/O.
"""

from datetime import date

from pamong.performance.rules.consequences import DEFAULT_REPORT_DUE_DAYS, report_deadline
from pamong.performance.rules.periods import PeriodKind, check_period


def last_complete_period(kind: PeriodKind, month: int) -> int | None:
    """The period of ``kind`` that ends at or before the end of ``month`` (1–12); ``None`` if none has ended.

    Monthly: the month itself. Quarterly: March closes quarter 1, so months 3–5 give 1 and months 1–2 give
    ``None``.
    """
    check_period(PeriodKind.MONTHLY, month, field="month")
    kind = PeriodKind(kind)
    number = month // kind.months_per_period
    return number or None


def period_end_month(kind: PeriodKind, number: int) -> int:
    """The calendar month in which period ``number`` of ``kind`` ends (quarter 2 → June)."""
    kind = PeriodKind(kind)
    check_period(kind, number)
    return number * kind.months_per_period


def months_ended(year: int, today: date) -> int:
    """How many months of ``year`` have ended on ``today`` (0–12)."""
    if today.year > year:
        return 12
    if today.year < year:
        return 0
    return today.month - 1


def reporting_month(year: int, today: date, due_days: int = DEFAULT_REPORT_DUE_DAYS) -> int | None:
    """The latest month of ``year`` whose monthly report deadline has passed on ``today``.

    If no deadline has passed yet, the first ended month (so January shows once February begins); ``None``
    when no month of ``year`` has ended.
    """
    ended = months_ended(year, today)
    if ended == 0:
        return None
    for month in range(ended, 0, -1):
        if report_deadline(PeriodKind.MONTHLY, year, month, due_days) < today:
            return month
    return 1
