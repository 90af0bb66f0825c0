"""The employee-days: one set-based upsert per month, checked against the pure rule (ADR 0024).

``derive_days`` writes ``AttendanceDay`` for every active employee and every date from ``start`` to ``end``
that has a schedule: ONE ``INSERT ... SELECT ... ON CONFLICT DO UPDATE`` per month whose CTEs build the
employee-day grid (active employees × their unit's schedule spans × ``ScheduleDay``, or × their roster
entries), aggregate the punches (``min``/``max(local_minute)``, ``count`` per employee and local date), pick
the first approved whole-day excuse, and decide status and TL/PSW minutes in ``CASE`` expressions that
mirror ``rules.daystatus.day_status`` (break minutes subtracted, grace, minimum gap for a check-out).

What the SQL cannot decide exactly goes through the pure rule in Python (``derive.exact``), a small set:
employee-days with an approved part-day excuse window or an active outage, and roster shifts crossing
midnight (excluded from the SQL). Their rows are upserted in bulk after the statement.

A row is only rewritten when one of its figures changed (``DO UPDATE ... WHERE ... IS DISTINCT FROM``), so
a re-run over unchanged data writes nothing and ``computed_at`` says when the row last changed. An
employee-day that no longer has a schedule (inactive employee, no span, no ``ScheduleDay`` built, no roster
entry) loses its row: a second statement deletes the range's rows (within the employee filter) that are not
in the grid. Closed months are never touched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from pamong.core.models import Tenant

from ..choices import ExcuseStatus, ScheduleKind
from ..models import MonthClose, Shift
from ..partitions import ensure_month_partitions, month_start, next_month
from ..rules.hours import minute_of_day
from ..rules.workdays import dates_between
from ..tenant_settings import attendance_settings
from .calendar import unit_schedule_spans
from .relations import dialect, relation

DAY_COLUMNS = (
    "tenant_id",
    "employee_id",
    "date",
    "org_unit_id",
    "status",
    "late_minutes",
    "early_minutes",
    "expected_start_min",
    "expected_end_min",
    "check_in_min",
    "check_out_min",
    "punch_count",
    "excuse_kind",
    "leave_kind",
    "holiday",
    "computed_at",
)

_UPSERT_TAIL = "ON CONFLICT (tenant_id, employee_id, date) DO UPDATE SET " + ", ".join(
    f"{c} = excluded.{c}" for c in DAY_COLUMNS[3:]
)

WORK_MEM = "256MB"
"""``SET LOCAL work_mem`` for the derivation on PostgreSQL: the punch aggregate and the grid hash fit in memory."""


def month_chunks(tenant_id: int, start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """(first, last) date of each month part of ``start``..``end`` whose month is not closed."""
    closed = set(
        MonthClose.objects.filter(tenant_id=tenant_id, year__gte=start.year, year__lte=end.year).values_list(
            "year", "month"
        )
    )
    chunks = []
    first = start
    while first <= end:
        last = min(end, next_month(first) - dt.timedelta(days=1))
        if (first.year, first.month) not in closed:
            chunks.append((first, last))
        first = last + dt.timedelta(days=1)
    return chunks


def derive_days(*, tenant_id: int, start: dt.date, end: dt.date, employee_ids: Iterable[int] | None = None) -> int:
    """Derive every employee-day of ``tenant_id`` from ``start`` to ``end`` (only ``employee_ids`` if given),
    skipping closed months; return how many day rows were written."""
    ids = None if employee_ids is None else sorted(set(employee_ids))
    if ids == []:
        return 0
    written = 0
    for first, last in month_chunks(tenant_id, start, end):
        shards = _shards(tenant_id=tenant_id, start=first, end=last) if ids is None else None
        if shards:
            written += _derive_month_sharded(tenant_id=tenant_id, start=first, end=last, shards=shards)
        else:
            written += _derive_month(tenant_id=tenant_id, start=first, end=last, employee_ids=ids)
    return written


#: Employee-days from which a month without rows yet is derived on ``PARALLEL_SHARDS`` connections at once.
PARALLEL_MIN_EMPLOYEE_DAYS = 100_000
#: Connections that derive one month at once (one per core of the usual regency server).
PARALLEL_SHARDS = 2


def _shards(*, tenant_id: int, start: dt.date, end: dt.date) -> list[list[int]] | None:
    """The active employees split in ``PARALLEL_SHARDS`` if this month may be derived in parallel, else None.

    Only on PostgreSQL, outside any transaction (each shard commits on its own connection, so a caller's
    uncommitted rows would be invisible to it), and only for a large month that has no rows yet: a first
    derivation or backfill, where no stale row can exist and shards never touch each other's rows. A
    re-derivation stays one statement in the caller's transaction.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block or PARALLEL_SHARDS < 2:
        return None
    from pamong.people.models import Employee

    ids = list(Employee.objects.filter(tenant_id=tenant_id, is_active=True).order_by("pk").values_list("pk", flat=True))
    if len(ids) * ((end - start).days + 1) < PARALLEL_MIN_EMPLOYEE_DAYS:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM attendance_attendanceday WHERE tenant_id = %s AND date >= %s AND date <= %s LIMIT 1",
            [tenant_id, start, end],
        )
        if cursor.fetchone() is not None:
            return None
    return [ids[k::PARALLEL_SHARDS] for k in range(PARALLEL_SHARDS)]


def _derive_month_sharded(*, tenant_id: int, start: dt.date, end: dt.date, shards: list[list[int]]) -> int:
    """Derive one month's shards on their own connections at once (both cores of the database at work)."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    ensure_month_partitions("attendance_attendanceday", [start])

    def one(ids: list[int]) -> int:
        try:
            return _derive_month(tenant_id=tenant_id, start=start, end=end, employee_ids=ids)
        finally:
            connections.close_all()  # this thread's connection

    with ThreadPoolExecutor(max_workers=len(shards)) as pool:
        return sum(pool.map(one, shards))


def derive_pairs(*, tenant_id: int, pairs: Iterable[tuple[int, dt.date]]) -> int:
    """Derive exactly the employee-days ``pairs`` (the recompute queue), skipping closed months."""
    by_month: dict[dt.date, list[tuple[int, dt.date]]] = {}
    for employee_id, day in pairs:
        by_month.setdefault(month_start(day), []).append((employee_id, day))
    if not by_month:
        return 0
    written = 0
    for first, last in month_chunks(tenant_id, min(by_month), next_month(max(by_month)) - dt.timedelta(days=1)):
        chosen = sorted(set(by_month.get(month_start(first), ())))
        if chosen:
            written += _derive_month(tenant_id=tenant_id, start=first, end=last, pairs=chosen)
    return written


def shift_rows(tenant_id: int) -> list[tuple[int, int, int, int | None, int | None, int]]:
    """(id, start, end, break start, break end, crosses midnight) in minutes of the tenant's shifts."""
    rows = []
    for pk, start, end, b_start, b_end in Shift.objects.filter(tenant_id=tenant_id).values_list(
        "pk", "start", "end", "break_start", "break_end"
    ):
        rows.append(
            (
                pk,
                minute_of_day(start),
                minute_of_day(end),
                minute_of_day(b_start),
                minute_of_day(b_end),
                int(end <= start),
            )
        )
    return rows


def _grid_sql(*, in_ids: str, pair_filter: str, crossing: bool) -> str:
    """The CTEs up to ``grid`` (employee, day, expected window); ``crossing`` keeps midnight shifts in."""
    return f"""
WITH spans AS (%(spans_sql)s),
shifts AS (%(shifts_sql)s),
days AS (%(days_sql)s),
emp AS (
  SELECT e.id, e.org_unit_id FROM people_employee e
  WHERE e.tenant_id = %(tenant)s AND e.is_active {"AND e.id " + in_ids if in_ids else ""}
),
grid AS (
  SELECT emp.id AS employee_id, emp.org_unit_id, sd.date AS day, sd.start_min, sd.end_min,
         sd.break_start_min AS bs, sd.break_end_min AS be, sd.holiday
  FROM emp
  JOIN spans s ON s.unit_id = emp.org_unit_id AND s.kind = '{ScheduleKind.FIXED_WEEK}'
  JOIN attendance_scheduleday sd
    ON sd.schedule_id = s.schedule_id AND sd.date >= s.starts_on AND sd.date <= s.ends_on
  WHERE sd.tenant_id = %(tenant)s AND sd.date >= %(start)s AND sd.date <= %(end)s {pair_filter.format(day="sd.date")}
  UNION ALL
  SELECT emp.id, emp.org_unit_id, r.date, sh.start_min, sh.end_min, sh.bs, sh.be, ''
  FROM emp
  JOIN spans s ON s.unit_id = emp.org_unit_id AND s.kind = '{ScheduleKind.ROSTER}'
  JOIN attendance_rosterentry r ON r.employee_id = emp.id AND r.date >= s.starts_on AND r.date <= s.ends_on
  LEFT JOIN shifts sh ON sh.shift_id = r.shift_id
  WHERE r.tenant_id = %(tenant)s AND r.date >= %(start)s AND r.date <= %(end)s
    {"" if crossing else "AND (r.shift_id IS NULL OR sh.crosses = 0)"} {pair_filter.format(day="r.date")}
)"""  # noqa: S608 - fixed fragments, values bound


def _day_sql(*, in_ids: str, pair_filter: str, upsert: bool = True) -> str:
    d = dialect()
    gt, lt = d.greatest, d.least
    changed = " OR ".join(f"attendance_attendanceday.{c} IS DISTINCT FROM excluded.{c}" for c in DAY_COLUMNS[3:-1])
    return f"""
INSERT INTO attendance_attendanceday ({", ".join(DAY_COLUMNS)})
{_grid_sql(in_ids=in_ids, pair_filter=pair_filter, crossing=False)},
p AS (
  SELECT employee_id, local_date, min(local_minute) AS first_min, max(local_minute) AS last_min, count(*) AS n
  FROM attendance_punch
  WHERE tenant_id = %(tenant)s AND local_date >= %(start)s AND local_date <= %(end)s
    AND employee_id IS NOT NULL {"AND employee_id " + in_ids if in_ids else ""}
  GROUP BY employee_id, local_date
),
xd AS (
  SELECT x.employee_id, d.day, min(x.id) AS excuse_id
  FROM attendance_excuse x JOIN days d ON d.day >= x.starts_on AND d.day <= x.ends_on
  WHERE x.tenant_id = %(tenant)s AND x.status = '{ExcuseStatus.APPROVED}' AND x.start_time IS NULL
    AND x.starts_on <= %(end)s AND x.ends_on >= %(start)s
  GROUP BY x.employee_id, d.day
),
xk AS (
  SELECT xd.employee_id, xd.day, x.kind AS xkind, x.leave_kind AS xleave
  FROM xd JOIN attendance_excuse x ON x.id = xd.excuse_id
),
j AS (
  SELECT g.employee_id, g.org_unit_id, g.day, g.start_min, g.end_min, g.bs, g.be, g.holiday,
         p.first_min, p.last_min, COALESCE(p.n, 0) AS n, xk.xkind, xk.xleave,
         {lt}(p.first_min, g.end_min) AS in_end,
         {gt}(p.last_min, g.start_min) AS out_start,
         CASE WHEN p.last_min - p.first_min >= %(gap)s THEN 1 ELSE 0 END AS has_out
  FROM grid g
  LEFT JOIN p ON p.employee_id = g.employee_id AND p.local_date = g.day
  LEFT JOIN xk ON xk.employee_id = g.employee_id AND xk.day = g.day
),
k AS (
  SELECT j.*,
    {gt}(0, in_end - start_min)
      - CASE WHEN bs IS NULL THEN 0 ELSE {gt}(0, {lt}(in_end, be) - {gt}(start_min, bs)) END AS late_raw,
    {gt}(0, end_min - out_start)
      - CASE WHEN bs IS NULL THEN 0 ELSE {gt}(0, {lt}(end_min, be) - {gt}(out_start, bs)) END AS early_raw,
    CASE WHEN start_min IS NOT NULL AND xkind IS NULL AND n > 0 THEN 1 ELSE 0 END AS counted
  FROM j
),
f AS (
  SELECT k.*,
    CASE WHEN counted = 0 OR late_raw <= %(late_grace)s THEN 0 ELSE late_raw END AS late,
    CASE WHEN counted = 0 OR has_out = 0 OR early_raw <= %(early_grace)s THEN 0 ELSE early_raw END AS early
  FROM k
)
SELECT %(tenant)s, employee_id, day, org_unit_id,
  CASE WHEN start_min IS NULL THEN 'off'
       WHEN xkind IS NOT NULL THEN 'excused'
       WHEN n = 0 THEN 'absent'
       WHEN has_out = 0 THEN 'missing_check_out'
       WHEN late > 0 AND early > 0 THEN 'late_and_early_leave'
       WHEN late > 0 THEN 'late'
       WHEN early > 0 THEN 'early_leave'
       ELSE 'present' END,
  late, early, start_min, end_min,
  CASE WHEN counted = 1 THEN first_min END,
  CASE WHEN counted = 1 AND has_out = 1 THEN last_min END,
  n,
  CASE WHEN start_min IS NOT NULL AND xkind IS NOT NULL THEN xkind ELSE '' END,
  CASE WHEN start_min IS NOT NULL AND xkind IS NOT NULL THEN xleave ELSE '' END,
  COALESCE(holiday, ''), %(stamp)s
FROM f WHERE true
{f"{_UPSERT_TAIL} WHERE {changed}" if upsert else ""}
"""  # noqa: S608 - fixed fragments, values bound


def upsert_rows(rows: Sequence[Sequence[Any]], *, tenant_id: int, stamp: Any) -> int:
    """Upsert computed day rows (``DAY_COLUMNS`` minus tenant and stamp) in one statement."""
    if not rows:
        return 0
    types = (
        ("employee_id", "bigint"),
        ("day", "date"),
        ("org_unit_id", "bigint"),
        ("status", "varchar"),
        ("late", "integer"),
        ("early", "integer"),
        ("start_min", "integer"),
        ("end_min", "integer"),
        ("in_min", "integer"),
        ("out_min", "integer"),
        ("n", "integer"),
        ("xkind", "varchar"),
        ("xleave", "varchar"),
        ("holiday", "varchar"),
    )
    rel_sql, params = relation("rows", types, rows)
    names = ", ".join(name for name, _type in types)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO attendance_attendanceday ({', '.join(DAY_COLUMNS)}) "  # noqa: S608
            f"SELECT %(tenant)s, {names}, %(stamp)s FROM ({rel_sql}) AS r WHERE true {_UPSERT_TAIL}",
            params | {"tenant": tenant_id, "stamp": stamp},
        )
    return len(rows)


def _derive_month(
    *,
    tenant_id: int,
    start: dt.date,
    end: dt.date,
    employee_ids: Sequence[int] | None = None,
    pairs: Sequence[tuple[int, dt.date]] | None = None,
) -> int:
    from .exact import derive_exact_days

    tenant = Tenant.objects.get(pk=tenant_id)
    settings = attendance_settings(tenant)
    spans = unit_schedule_spans(tenant_id=tenant_id, start=start, end=end)
    shifts = shift_rows(tenant_id)
    stamp = connection.ops.adapt_datetimefield_value(timezone.now())
    spans_sql, params = relation(
        "spans",
        (
            ("unit_id", "bigint"),
            ("schedule_id", "bigint"),
            ("kind", "varchar"),
            ("starts_on", "date"),
            ("ends_on", "date"),
        ),
        [(s.unit_id, s.schedule_id, s.kind, s.starts_on, s.ends_on) for s in spans],
    )
    shifts_sql, shift_params = relation(
        "shifts",
        (
            ("shift_id", "bigint"),
            ("start_min", "integer"),
            ("end_min", "integer"),
            ("bs", "integer"),
            ("be", "integer"),
            ("crosses", "integer"),
        ),
        shifts,
    )
    days_sql, day_params = relation("days", (("day", "date"),), [(d,) for d in dates_between(start, end)])
    params |= shift_params | day_params
    in_ids = pair_filter = pairs_sql = ""
    scope_ids: Sequence[int] | None = employee_ids
    if pairs is not None:
        scope_ids = sorted({e for e, _d in pairs})
        pairs_sql, pair_params = relation("pairs", (("employee_id", "bigint"), ("day", "date")), pairs)
        params |= pair_params
        pair_filter = f"AND (emp.id, {{day}}) IN (SELECT employee_id, day FROM ({pairs_sql}) AS pr)"  # noqa: S608 - fixed fragments, values bound
    if scope_ids is not None:
        ids_sql, id_params = relation("ids", (("id", "bigint"),), [(i,) for i in scope_ids])
        params |= id_params
        in_ids = f"IN (SELECT id FROM ({ids_sql}) AS ids)"  # noqa: S608 - fixed fragments, values bound
    params |= {
        "tenant": tenant_id,
        "start": start,
        "end": end,
        "stamp": stamp,
        "gap": max(settings.min_gap_minutes, 1),
        "late_grace": settings.late_grace_minutes,
        "early_grace": settings.early_grace_minutes,
    }

    ensure_month_partitions("attendance_attendanceday", [start])
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
        # Rows that may have lost their schedule exist only if the range had rows before this run.
        cursor.execute(
            "SELECT 1 FROM attendance_attendanceday WHERE tenant_id = %s AND date >= %s AND date <= %s LIMIT 1",
            [tenant_id, start, end],
        )
        had_rows = cursor.fetchone() is not None
        # A month without rows yet (the usual first derivation) takes a plain INSERT: no conflict arbiter.
        sql = _day_sql(in_ids=in_ids, pair_filter=pair_filter, upsert=had_rows)
        for name, text in (("spans_sql", spans_sql), ("shifts_sql", shifts_sql), ("days_sql", days_sql)):
            sql = sql.replace(f"%({name})s", text)
        cursor.execute(sql, params)
        written = int(cursor.rowcount)
        written += derive_exact_days(
            tenant_id=tenant_id,
            start=start,
            end=end,
            spans=spans,
            settings=settings,
            stamp=stamp,
            employee_ids=scope_ids,
            pairs=pairs,
        )
        if not had_rows:
            return written
        # A non-correlated NOT IN: evaluated once (a hashed subplan on PostgreSQL, an ephemeral index on
        # SQLite), never once per row as a correlated NOT EXISTS over the grid CTE would be on SQLite.
        stale = f"""
{_grid_sql(in_ids=in_ids, pair_filter=pair_filter, crossing=True)}
DELETE FROM attendance_attendanceday
WHERE tenant_id = %(tenant)s AND date >= %(start)s AND date <= %(end)s
  {"AND employee_id " + in_ids if in_ids else ""}
  {f"AND (employee_id, date) IN (SELECT employee_id, day FROM ({pairs_sql}) AS pr)" if pairs_sql else ""}
  AND (employee_id, date) NOT IN (SELECT g.employee_id, g.day FROM grid g)"""  # noqa: S608 - fixed fragments, values bound
        for name, text in (("spans_sql", spans_sql), ("shifts_sql", shifts_sql), ("days_sql", days_sql)):
            stale = stale.replace(f"%({name})s", text)
        cursor.execute(stale, params)  # employee-days without a schedule any more
    return written
