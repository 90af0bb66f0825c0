"""The nightly run of a tenant: calendar ahead, yesterday derived, the queue processed, the month recapped.

1. ``ScheduleDay`` from yesterday to 31 days ahead is built where missing (a schedule, or the horizon, that
   has no rows yet); rebuilding after an edit is the calendar service's job.
2. Yesterday is derived for everyone (the board read today live; the day closes at midnight).
3. The recompute queue is processed (``recompute_dirty``).
4. The current month's recaps are rebuilt (yesterday's month too on the first of a month).

Idempotent: running it twice gives the same rows. Each step's count and seconds are returned for the log.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

from pamong.core.models import Tenant

from ..choices import ScheduleKind
from ..models import ScheduleDay, WorkSchedule
from .calendar import schedule_days_rebuild
from .days import derive_days
from .dirty import recompute_dirty
from .recap import recap_month

HORIZON_DAYS = 31


@dataclass
class NightlyReport:
    tenant_id: int
    day: dt.date
    steps: list[tuple[str, str, float]] = field(default_factory=list)

    def summary(self) -> str:
        parts = ", ".join(f"{name} {result} ({seconds:.2f} s)" for name, result, seconds in self.steps)
        return f"tenant {self.tenant_id} {self.day.isoformat()}: {parts}"


def _schedule_days_missing(tenant_id: int, start: dt.date, end: dt.date) -> bool:
    schedules = WorkSchedule.objects.filter(tenant_id=tenant_id, is_active=True, kind=ScheduleKind.FIXED_WEEK).count()
    have = ScheduleDay.objects.filter(tenant_id=tenant_id, date__gte=start, date__lte=end).count()
    return have < schedules * ((end - start).days + 1)


def nightly_run(*, tenant_id: int, today: dt.date | None = None) -> NightlyReport:
    """Run the four nightly steps for ``tenant_id`` as of ``today`` (default: the tenant's today)."""
    tenant = Tenant.objects.get(pk=tenant_id)
    today = today or tenant.today()
    yesterday = today - dt.timedelta(days=1)
    report = NightlyReport(tenant_id, today)

    def step(name: str, run: object) -> None:
        started = time.perf_counter()
        result = run()  # type: ignore[operator]
        report.steps.append((name, str(result), time.perf_counter() - started))

    horizon = today + dt.timedelta(days=HORIZON_DAYS)
    step(
        "schedule_days",
        lambda: (
            schedule_days_rebuild(tenant_id=tenant_id, start=yesterday, end=horizon)
            if _schedule_days_missing(tenant_id, yesterday, horizon)
            else 0
        ),
    )
    step("days", lambda: derive_days(tenant_id=tenant_id, start=yesterday, end=yesterday))
    step("queue", lambda: recompute_dirty(tenant_id=tenant_id))
    months = sorted({(yesterday.year, yesterday.month), (today.year, today.month)})
    step("recaps", lambda: sum(recap_month(tenant_id=tenant_id, year=y, month=m) for y, m in months))
    return report
