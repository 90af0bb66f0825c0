"""Reporting periods of a directive: the month, quarter or half-year a day falls in (pure date arithmetic)."""

from __future__ import annotations

import datetime as dt

from ..choices import FrequencyChoice

_MONTHS_PER_PERIOD = {FrequencyChoice.MONTHLY: 1, FrequencyChoice.QUARTERLY: 3, FrequencyChoice.SEMIANNUAL: 6}


def months_per_period(reporting: str) -> int:
    return _MONTHS_PER_PERIOD.get(FrequencyChoice(reporting), 1)


def period_start(day: dt.date, reporting: str) -> dt.date:
    """The first day of the reporting period ``day`` falls in."""
    step = months_per_period(reporting)
    month = ((day.month - 1) // step) * step + 1
    return dt.date(day.year, month, 1)


def shift(start: dt.date, reporting: str, periods: int) -> dt.date:
    """The start of the period ``periods`` away from the one starting on ``start``."""
    index = start.year * 12 + start.month - 1 + periods * months_per_period(reporting)
    return dt.date(index // 12, index % 12 + 1, 1)


def periods_between(first: dt.date, last: dt.date, reporting: str) -> list[dt.date]:
    """Every period start from the one holding ``first`` to the one holding ``last``, oldest first."""
    current, end = period_start(first, reporting), period_start(last, reporting)
    result: list[dt.date] = []
    while current <= end:
        result.append(current)
        current = shift(current, reporting, 1)
    return result
