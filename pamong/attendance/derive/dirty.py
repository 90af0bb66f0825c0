"""The recompute queue: mark employee-days dirty (set-based), and derive exactly the queued days.

A punch, excuse, roster or schedule change queues the employee-days it affects in ``DirtyDay``; only days
before the tenant's today (today is derived by the nightly job and the board reads punches live) and
outside closed months are queued. ``services.punches.mark_dirty`` queues explicit pairs; the two functions
here queue employees × dates and a whole unit subtree × dates with one ``INSERT ... SELECT`` each.

``recompute_dirty`` takes the queue with ``DELETE ... RETURNING`` inside its transaction, so two runs at once
never derive a day twice (the second waits for the first's row locks, then finds those rows gone) and a
failed run puts the rows back by rolling back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction

from pamong.core.models import Tenant
from pamong.org.models import OrgUnit

from .days import derive_pairs, month_chunks
from .recap import recap_month
from .relations import relation


def _open_past_days(tenant_id: int, start: dt.date, end: dt.date) -> list[dt.date]:
    """Dates from ``start`` to ``end`` before the tenant's today and outside closed months."""
    tenant = Tenant.objects.get(pk=tenant_id)
    today = tenant.today()
    end = min(end, today - dt.timedelta(days=1))
    if end < start:
        return []
    days: list[dt.date] = []
    for first, last in month_chunks(tenant_id, start, end):
        days += [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    return days


def _insert(select_sql: str, params: dict[str, Any]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO attendance_dirtyday (tenant_id, employee_id, date) {select_sql} ON CONFLICT DO NOTHING",
            params,
        )
        return max(int(cursor.rowcount), 0)


def mark_employees_dirty(*, tenant_id: int, employee_ids: Iterable[int], start: dt.date, end: dt.date) -> int:
    """Queue ``employee_ids`` × the open past dates from ``start`` to ``end``; return how many rows are new."""
    ids = sorted(set(employee_ids))
    days = _open_past_days(tenant_id, start, end)
    if not ids or not days:
        return 0
    ids_sql, params = relation("ids", (("id", "bigint"),), [(i,) for i in ids])
    days_sql, day_params = relation("days", (("day", "date"),), [(d,) for d in days])
    return _insert(
        f"SELECT %(tenant)s, ids.id, days.day FROM ({ids_sql}) AS ids CROSS JOIN ({days_sql}) AS days WHERE true",  # noqa: S608
        params | day_params | {"tenant": tenant_id},
    )


def mark_units_dirty(*, tenant_id: int, unit_path: str | None, start: dt.date, end: dt.date) -> int:
    """Queue every active employee under ``unit_path`` (None: the whole tenant) × the open past dates."""
    days = _open_past_days(tenant_id, start, end)
    if not days:
        return 0
    days_sql, params = relation("days", (("day", "date"),), [(d,) for d in days])
    params |= {"tenant": tenant_id, "path": f"{unit_path or ''}%"}
    unit_table = OrgUnit._meta.db_table
    return _insert(
        f"SELECT %(tenant)s, e.id, days.day FROM people_employee e "  # noqa: S608
        f"JOIN {unit_table} u ON u.id = e.org_unit_id CROSS JOIN ({days_sql}) AS days "
        "WHERE e.tenant_id = %(tenant)s AND e.is_active AND u.path LIKE %(path)s",
        params,
    )


def recompute_dirty(*, tenant_id: int) -> str:
    """Derive exactly the queued employee-days of ``tenant_id``, rebuild the touched open months' recaps of
    those employees, and empty the queue rows handled; return a one-line summary."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM attendance_dirtyday WHERE tenant_id = %s RETURNING employee_id, date", [tenant_id]
            )
            pairs = [
                (employee_id, day if isinstance(day, dt.date) else dt.date.fromisoformat(day))
                for employee_id, day in cursor.fetchall()
            ]
        if not pairs:
            return "0 days, 0 recaps"
        written = derive_pairs(tenant_id=tenant_id, pairs=pairs)
        months: dict[tuple[int, int], set[int]] = {}
        for employee_id, day in pairs:
            months.setdefault((day.year, day.month), set()).add(employee_id)
        recaps = sum(
            recap_month(tenant_id=tenant_id, year=year, month=month, employee_ids=ids)
            for (year, month), ids in sorted(months.items())
        )
    return f"{len(pairs)} queued, {written} days, {recaps} recaps"
