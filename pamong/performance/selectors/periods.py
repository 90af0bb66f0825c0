"""Which year and month a page shows: the one asked for, else the tenant's reporting month (one query)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pamong.core.models import Tenant
from pamong.performance.models import ScoreRefresh
from pamong.performance.tenant_rules import rules_for_display
from pamong.planning.choices import MONTH_NAMES


@dataclass(frozen=True)
class ShownPeriod:
    """The month a page shows (scores "as of the end of" it) and what else may be chosen."""

    year: int
    month: int | None
    years: tuple[int, ...]
    months: int  # months of ``year`` that have scores (0 when none)
    computed_at: dt.datetime | None

    @property
    def label(self) -> str:
        if self.month is None:
            return str(self.year)
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"

    @property
    def month_choices(self) -> list[tuple[int, str]]:
        return [(m, str(MONTH_NAMES[m - 1])) for m in range(1, self.months + 1)]

    @property
    def previous_month(self) -> int | None:
        return self.month - 1 if self.month and self.month > 1 else None


def _int(value: object) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) <= 4 else None


def shown_period(*, tenant: Tenant, today: dt.date, year: object = None, month: object = None) -> ShownPeriod:
    """The year (asked, else this year, else the latest with scores) and month (asked if computed, else the
    reporting month, else the latest computed)."""
    runs = {r.year: r for r in ScoreRefresh.objects.filter(tenant_id=tenant.pk, months__gt=0)}
    years = tuple(sorted(runs, reverse=True))
    asked_year = _int(year)
    if asked_year is not None and 2000 <= asked_year <= 2100:
        chosen = asked_year
    elif today.year in runs or not years:
        chosen = today.year
    else:
        chosen = years[0]
    run = runs.get(chosen)
    computed = run.months if run else 0
    asked_month = _int(month)
    if asked_month is not None and 1 <= asked_month <= computed:
        shown: int | None = asked_month
    elif computed:
        reporting = rules_for_display(tenant).reporting_month(chosen, today)
        shown = min(reporting, computed) if reporting else computed
    else:
        shown = None
    return ShownPeriod(chosen, shown, years, computed, run.computed_at if run else None)
