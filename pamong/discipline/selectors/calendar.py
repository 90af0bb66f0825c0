"""The tenant's working-day calendar for procedural dates (``rules.procedure.WorkCalendar``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from pamong.attendance.derive.calendar import holiday_calendar
from pamong.attendance.rules.workdays import FIVE_DAY_WEEK, WorkWeek
from pamong.attendance.tenant_settings import attendance_settings
from pamong.core.models import Tenant

from ..rules.procedure import WorkCalendar


def work_calendar(tenant: Tenant, years: Iterable[int], *, week: WorkWeek = FIVE_DAY_WEEK) -> WorkCalendar:
    """The tenant's holidays (national, cuti bersama, local; one query) for ``years`` and the year after (a
    deadline late in December runs into January), on the default 5-day week of Perpres 21/2023."""
    wanted = sorted({y for year in years for y in (year, year + 1)})
    return WorkCalendar(
        holidays=holiday_calendar(tenant_id=tenant.pk, years=wanted),
        week=week,
        cuti_bersama_counts_as_holiday=attendance_settings(tenant).cuti_bersama_counts_as_holiday,
    )


def calendar_around(tenant: Tenant, *days: dt.date) -> WorkCalendar:
    """The calendar covering the years of ``days`` (and the next)."""
    return work_calendar(tenant, {d.year for d in days})
