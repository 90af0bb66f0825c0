"""The demo regency's absence ladder: standings for everyone, and a few warnings a superior must answer.

The attendance story leaves about 3 % of working days absent, so a handful of employees reach 3 days on
their own. To show every state on first login, four chosen employees (staff of OPDs whose head has an account,
never heads themselves) get some of their derived working days this year marked ``absent`` — the demo's own
business, as the attendance story's bulk rows are — so that they stand at 3 (R1), 7 (R3), 4 and 5 days (R2).
Then the real services run as the nightly job would: ``ladder_evaluate`` through yesterday, the 4-day
warning dated ten days back so that it is past due and ``warnings_escalate`` moves it up a level, and the
5-day one declined by its superior with a reason (``warning_decline``).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction

from pamong.access.models import User
from pamong.attendance.choices import DayStatusChoice
from pamong.attendance.models import AttendanceDay
from pamong.attendance.selectors.excuse_superiors import SuperiorQuery, direct_superiors
from pamong.core.models import Tenant
from pamong.core.scope import SystemActor
from pamong.discipline.choices import WarningStatus
from pamong.discipline.models import Warning
from pamong.discipline.rules.supervision import response_due_on
from pamong.discipline.selectors.calendar import calendar_around
from pamong.discipline.selectors.ladder import MINUTE_STATUSES, year_tallies
from pamong.discipline.services.ladder import ladder_evaluate_year
from pamong.discipline.services.ladder_warnings import warning_decline, warnings_escalate
from pamong.discipline.tenant_settings import discipline_settings
from pamong.people.models import Employee

#: Days to mark absent for the chosen employees, in order: R1, R3, R2 (to escalate), R2 (to decline).
TARGETS = (3, 7, 4, 5)
DECLINE_REASON = (
    "Sudah dipanggil dan dibina secara lisan. Tiga dari lima hari ternyata dinas luar ke kecamatan tanpa SPT "
    "yang sempat diinput; SPT telah diserahkan ke operator presensi untuk dikoreksi."
)
WORKED = (DayStatusChoice.PRESENT, *MINUTE_STATUSES)


def _chosen(tenant: Tenant, year: int, yesterday: dt.date, rng: random.Random) -> list[tuple[int, list[dt.date]]]:
    """Four employees with no unexcused day and under 450 minutes so far, each with enough worked days to mark."""
    counted = {
        t.employee_id
        for t in year_tallies(tenant_id=tenant.pk, year=year, through=yesterday)
        if t.unexcused_days or t.late_minutes + t.early_minutes >= 450
    }
    worked: dict[int, list[dt.date]] = {}
    for employee_id, day in (
        AttendanceDay.objects.filter(
            tenant_id=tenant.pk, date__gte=dt.date(year, 1, 1), date__lte=yesterday, status__in=WORKED
        )
        .order_by("employee_id", "date")
        .values_list("employee_id", "date")
    ):
        worked.setdefault(employee_id, []).append(day)
    staff = list(
        Employee.objects.filter(tenant=tenant, is_active=True, pk__in=list(worked))
        .exclude(pk__in=counted)
        .exclude(position__is_head=True)
        .order_by("pk")
        .values_list("pk", "org_unit__path")
    )
    queries = {pk: SuperiorQuery(pk, path, yesterday) for pk, path in staff}
    superiors = direct_superiors(tenant_id=tenant.pk, queries=queries.values())
    eligible = [pk for pk, _path in staff if superiors.get(queries[pk]) is not None]
    picked: list[tuple[int, list[dt.date]]] = []
    for pk in rng.sample(eligible, k=min(len(eligible), 40)):
        target = TARGETS[len(picked)]
        days = worked[pk]
        if len(days) < target + 2:
            continue
        picked.append((pk, rng.sample(days[:-1], k=target)))  # not yesterday: the board shows it as attended
        if len(picked) == len(TARGETS):
            break
    return picked


def story(tenant: Tenant, *, today: dt.date, seed: int) -> dict[str, int]:
    """Write the ladder story of ``tenant`` as on ``today``; return the counts the seed command prints."""
    rng = random.Random(seed * 11 + 5)
    system = SystemActor(tenant_id=tenant.pk, label="demo_seed")
    yesterday = today - dt.timedelta(days=1)
    year = yesterday.year
    counts: dict[str, int] = {}
    with transaction.atomic():
        picked = _chosen(tenant, year, yesterday, rng)
        for employee_id, days in picked:
            AttendanceDay.objects.filter(tenant_id=tenant.pk, employee_id=employee_id, date__in=days).update(
                status=DayStatusChoice.ABSENT,
                late_minutes=0,
                early_minutes=0,
                check_in_min=None,
                check_out_min=None,
                punch_count=0,
            )
        run = ladder_evaluate_year(actor=system, tenant=tenant, year=year, today=today)
        counts |= {"ladder_standings": run.standings, "ladder_warnings": run.warnings, "ladder_marked": len(picked)}
        warnings = {w.employee_id: w for w in Warning.objects.filter(tenant=tenant, year=year, status="open")}
        if len(picked) >= 3 and picked[2][0] in warnings:
            late = warnings[picked[2][0]]
            raised = today - dt.timedelta(days=10)
            settings = discipline_settings(tenant).supervision
            Warning.objects.filter(pk=late.pk).update(
                raised_on=raised, due_on=response_due_on(raised, calendar_around(tenant, raised), settings)
            )
        counts["ladder_escalated"] = warnings_escalate(tenant=tenant, today=today, actor=system).escalated
        if len(picked) >= 4 and picked[3][0] in warnings:
            declined = warnings[picked[3][0]]
            superior: Any = User.objects.filter(employee_id=declined.superior_id, is_active=True).first()
            warning_decline(actor=superior or system, warning=declined, reason=DECLINE_REASON, today=today)
        counts["ladder_declined"] = Warning.objects.filter(tenant=tenant, status=WarningStatus.DECLINED).count()
    return counts
