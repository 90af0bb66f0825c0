"""Monthly recaps: one set-based ``INSERT ... SELECT ... GROUP BY employee`` upsert from the day rows.

Figures (``MonthRecap``): ``working_days`` every day with expected hours (status not ``off``);
``present_days`` days with a punch counted (present, late, early leave, both, missing check-out);
``late_days``/``late_minutes`` days with TL minutes and their sum; ``early_leave_days``/``early_minutes``
likewise for PSW; ``missing_check_out_days``; ``absent_days`` (TK); ``excused_days`` and
``excused_by_kind``, a JSON object of excused days per kind: the excuse kind (``sick``, ``duty_travel``,
``permit``, ``dispensation``, ``wfh``, ``system_outage``) or ``leave:<leave kind>`` for cuti
(``leave:tahunan``), built in SQL (``jsonb_object_agg`` / ``json_group_object``).

The recap's unit is the employee's current unit (what a head sees as "my team's month"); each day row
keeps the unit at derivation for history. A closed month is never rebuilt (its corrections are
``RecapAdjustment`` rows, ``services.months``); recaps of employees without day rows in the month are
deleted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from ..models import MonthClose
from ..partitions import next_month
from .relations import dialect, relation

_PRESENT = "('present', 'late', 'early_leave', 'late_and_early_leave', 'missing_check_out')"

RECAP_FIGURES = (
    "working_days",
    "present_days",
    "late_days",
    "late_minutes",
    "early_leave_days",
    "early_minutes",
    "missing_check_out_days",
    "absent_days",
    "excused_days",
)
"""The recap's numeric figures (the ones a ``RecapAdjustment`` may change)."""


def month_is_closed(tenant_id: int, year: int, month: int) -> bool:
    return MonthClose.objects.filter(tenant_id=tenant_id, year=year, month=month).exists()


def recap_month(*, tenant_id: int, year: int, month: int, employee_ids: Iterable[int] | None = None) -> int:
    """Rebuild the open month's recaps (only ``employee_ids`` if given); return how many rows were written.

    A closed month is skipped entirely (0).
    """
    if month_is_closed(tenant_id, year, month):
        return 0
    ids = None if employee_ids is None else sorted(set(employee_ids))
    if ids == []:
        return 0
    first = dt.date(year, month, 1)
    last = next_month(first) - dt.timedelta(days=1)
    d = dialect()
    params: dict[str, Any] = {
        "tenant": tenant_id,
        "start": first,
        "end": last,
        "year": year,
        "month": month,
        "now": connection.ops.adapt_datetimefield_value(timezone.now()),
    }
    only = ""
    if ids is not None:
        ids_sql, id_params = relation("ids", (("id", "bigint"),), [(i,) for i in ids])
        params |= id_params
        only = f"AND employee_id IN (SELECT id FROM ({ids_sql}) AS ids)"  # noqa: S608 - fixed fragments
    figures = ", ".join(RECAP_FIGURES)
    updates = ", ".join(f"{f} = excluded.{f}" for f in (*RECAP_FIGURES, "org_unit_id", "excused_by_kind", "updated_at"))
    sql = f"""
INSERT INTO attendance_monthrecap (tenant_id, employee_id, org_unit_id, year, month, {figures},
  excused_by_kind, is_adjusted, created_at, updated_at)
WITH days AS (
  SELECT employee_id, status, late_minutes, early_minutes, excuse_kind, leave_kind
  FROM attendance_attendanceday
  WHERE tenant_id = %(tenant)s AND date >= %(start)s AND date <= %(end)s {only}
),
kinds AS (
  SELECT employee_id, CASE WHEN leave_kind <> '' THEN 'leave:' || leave_kind ELSE excuse_kind END AS kind,
         count(*) AS n
  FROM days WHERE status = 'excused' GROUP BY 1, 2
),
kj AS (SELECT employee_id, {d.json_object_agg}(kind, n) AS by_kind FROM kinds GROUP BY employee_id),
agg AS (
  SELECT employee_id,
    sum(CASE WHEN status <> 'off' THEN 1 ELSE 0 END) AS working_days,
    sum(CASE WHEN status IN {_PRESENT} THEN 1 ELSE 0 END) AS present_days,
    sum(CASE WHEN late_minutes > 0 THEN 1 ELSE 0 END) AS late_days,
    sum(late_minutes) AS late_minutes,
    sum(CASE WHEN early_minutes > 0 THEN 1 ELSE 0 END) AS early_leave_days,
    sum(early_minutes) AS early_minutes,
    sum(CASE WHEN status = 'missing_check_out' THEN 1 ELSE 0 END) AS missing_check_out_days,
    sum(CASE WHEN status = 'absent' THEN 1 ELSE 0 END) AS absent_days,
    sum(CASE WHEN status = 'excused' THEN 1 ELSE 0 END) AS excused_days
  FROM days GROUP BY employee_id
)
SELECT %(tenant)s, agg.employee_id, e.org_unit_id, %(year)s, %(month)s,
  {", ".join("agg." + f for f in RECAP_FIGURES)},
  COALESCE(kj.by_kind, {d.empty_json}), false, %(now)s, %(now)s
FROM agg JOIN people_employee e ON e.id = agg.employee_id
LEFT JOIN kj ON kj.employee_id = agg.employee_id
WHERE true
ON CONFLICT (employee_id, year, month) DO UPDATE SET {updates}
"""  # noqa: S608 - fixed fragments, values bound
    stale = f"""
DELETE FROM attendance_monthrecap
WHERE tenant_id = %(tenant)s AND year = %(year)s AND month = %(month)s {only}
  AND NOT EXISTS (
    SELECT 1 FROM attendance_attendanceday a
    WHERE a.tenant_id = %(tenant)s AND a.date >= %(start)s AND a.date <= %(end)s
      AND a.employee_id = attendance_monthrecap.employee_id
  )
"""  # noqa: S608 - fixed fragments, values bound
    with transaction.atomic(), connection.cursor() as cursor:
        if d.postgresql:
            cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute(sql, params)
        written = int(cursor.rowcount)
        cursor.execute(stale, params)
    return written
