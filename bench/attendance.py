"""Attendance at regency scale: bulk ingest, days and monthly recap against the GROUP BY floor, HTTP check-ins.

Run: ``make bench-attendance`` (starts a throwaway PostgreSQL unless ``PAMONG_DATABASE_URL`` is set) or
``.venv/bin/python -m bench.attendance --employees 20000``. Writes ``bench/results/attendance.json``.

1. ``bench.attendance_data`` builds a tenant of N ASN (default 20,000) in WITA with the default 5-day schedule,
   the national holidays, a geofence per unit, and API users; then a month of punches (two per working day,
   ~10 % late, ~3 % absent days, ~2 % of staff on leave).
2. **ingest**: ``punches_ingest`` (the bulk path every source uses) as a file import, in chunks of
   ``--chunk`` punches: ``ingest_punches_per_s``; then the first chunk again (all duplicates).
3. **floor**: ``SELECT employee_id, local_date, min(punched_at), max(punched_at) ... GROUP BY 1, 2`` over the
   month, fetched to the client: ``floor_s`` (median of 3).
4. **days**: ``derive.days.derive_days`` over the month into an empty day table (every employee-day written,
   as the nightly job and a backfill do): ``derive_days_s``; then three runs over unchanged data (median
   ``rederive_unchanged_median_seconds``: every row compared, none rewritten); **recap**: ``derive.recap.recap_month``:
   ``monthly_recap_s``; ``recap_to_floor_ratio`` = (derive_days_s + monthly_recap_s) / floor_s.
5. **HTTP**: gunicorn (``--workers``) serves the app on loopback; ``bench.attendance_http`` in another process
   sends check-ins (``POST /api/attendance/checkins/`` with a token) from ``--concurrency`` threads for
   ``--duration`` seconds: ``http_checkins_per_s``, ``http_p99_ms``; every answered check-in is then looked up
   in the punch table (``lost`` must be 0).
6. **10 M**: the punch table is filled with earlier months (server-side ``generate_series``) until it holds
   ``--big`` punches; then single check-ins through the service: ``single_checkin_ms`` (median and p99).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import harness

YEAR, MONTH = 2026, 10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--employees", type=int, default=20_000)
    parser.add_argument("--units", type=int, default=60)
    parser.add_argument("--chunk", type=int, default=20_000, help="punches per punches_ingest call")
    parser.add_argument("--http-users", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (one per core measured best)")
    parser.add_argument("--concurrency", type=int, default=16, help="load generator threads")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of HTTP load")
    parser.add_argument("--big", type=int, default=10_000_000, help="punches stored before the single check-in")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--quick", action="store_true", help="ingest, floor, days and recap only; no result file")
    args = parser.parse_args()
    database = harness.setup("attendance", fresh=True)
    if database != "postgresql":
        sys.exit("bench.attendance measures PostgreSQL: run `make bench-attendance` or set PAMONG_DATABASE_URL")

    from bench.attendance_data import build_tenant, leave_excuses, month_punches

    with harness.Stopwatch() as setup_time:
        tenancy = build_tenant(
            employees=args.employees,
            units=args.units,
            year=YEAR,
            month=MONTH,
            http_users=args.http_users,
            seed=args.seed,
        )
        punches = month_punches(tenancy, seed=args.seed)
        excuses = leave_excuses(tenancy)
    print(f"setup: {args.employees} ASN, {len(punches)} punches planned, {setup_time.seconds:.1f} s", flush=True)

    ingest = measure_ingest(tenancy, punches, args.chunk)
    floor = measure_floor(tenancy)
    days = measure_days(tenancy)
    recap = measure_recap(tenancy)
    ratio = (days["seconds"] + recap["seconds"]) / floor["seconds"]
    print(f"days + recap {days['seconds'] + recap['seconds']:.2f} s, ratio to the floor {ratio:.2f}", flush=True)
    if args.quick:
        return
    http = measure_http(tenancy, args)
    single = measure_single(tenancy, args.big)

    harness.write_result(
        "attendance",
        file_name="attendance.json",  # PostgreSQL only: the name the issue gives
        database=database,
        params={
            "employees": args.employees,
            "units": args.units,
            "month": f"{YEAR}-{MONTH:02d}",
            "working_days": len(tenancy.working_days),
            "chunk": args.chunk,
            "workers": args.workers,
            "concurrency": args.concurrency,
            "duration_s": args.duration,
            "seed": args.seed,
        },
        seconds=round(days["seconds"] + recap["seconds"], 4),
        rate=round(days["employee_days"] / days["seconds"], 1),
        employees=args.employees,
        punches=ingest["punches"],
        leave_excuses=excuses,
        ingest_punches_per_s=ingest["rate"],
        http_checkins_per_s=http["rate"],
        http_p99_ms=http["p99_ms"],
        derive_days_s=days["seconds"],
        monthly_recap_s=recap["seconds"],
        floor_s=floor["seconds"],
        recap_to_floor_ratio=round(ratio, 3),
        single_checkin_ms=single,
        details={"ingest": ingest, "floor": floor, "days": days, "recap": recap, "http": http},
    )


def _now_after(tenancy: Any) -> dt.datetime:
    """10:00 local on the day after the month: every punch of the month is in the past."""
    last = tenancy.working_days[-1]
    end = dt.date(YEAR + (MONTH == 12), MONTH % 12 + 1, 1)
    assert last < end
    return dt.datetime(end.year, end.month, end.day, 10, 0, tzinfo=tenancy.tenant.zone)


def measure_ingest(tenancy: Any, punches: list[Any], chunk: int) -> dict[str, Any]:
    from pamong.attendance.models import DirtyDay
    from pamong.attendance.services.punches import punches_ingest
    from pamong.core.scope import SystemActor

    actor = SystemActor(tenant_id=tenancy.tenant.pk, label="bench")
    now = _now_after(tenancy)
    accepted = 0
    with harness.Stopwatch() as watch:
        for start in range(0, len(punches), chunk):
            result = punches_ingest(
                actor=actor,
                tenant_id=tenancy.tenant.pk,
                source="file",
                punches=punches[start : start + chunk],
                file_name=f"bench-{start}.dat",
                now=now,
            )
            accepted += result.accepted
    assert accepted == len(punches), (accepted, len(punches))
    with harness.Stopwatch() as resend:
        again = punches_ingest(
            actor=actor, tenant_id=tenancy.tenant.pk, source="file", punches=punches[:chunk], now=now
        )
    assert again.accepted == 0 and again.duplicates == min(chunk, len(punches))
    dirty = DirtyDay.objects.filter(tenant_id=tenancy.tenant.pk).count()
    DirtyDay.objects.filter(tenant_id=tenancy.tenant.pk).delete()  # the benchmark derives the whole month itself
    _analyze()
    rate = len(punches) / watch.seconds
    print(f"ingest: {len(punches)} punches in {watch.seconds:.2f} s = {rate:,.0f}/s", flush=True)
    return {
        "punches": len(punches),
        "seconds": round(watch.seconds, 3),
        "cpu_seconds": round(watch.cpu_seconds, 3),
        "rate": round(rate, 1),
        "resend_seconds": round(resend.seconds, 3),
        "resend_rate": round(min(chunk, len(punches)) / resend.seconds, 1),
        "days_queued": dirty,
    }


def _analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE attendance_punch")
        cursor.execute("ANALYZE attendance_attendanceday")


def _bounds() -> tuple[dt.date, dt.date]:
    start = dt.date(YEAR, MONTH, 1)
    return start, dt.date(YEAR + (MONTH == 12), MONTH % 12 + 1, 1) - dt.timedelta(days=1)


def measure_floor(tenancy: Any) -> dict[str, Any]:
    from django.db import connection

    start, end = _bounds()
    sql = (
        "SELECT employee_id, local_date, min(punched_at), max(punched_at) FROM attendance_punch "
        "WHERE tenant_id = %s AND local_date BETWEEN %s AND %s GROUP BY employee_id, local_date"
    )
    rows = 0

    def run() -> None:
        nonlocal rows
        with connection.cursor() as cursor:
            cursor.execute(sql, [tenancy.tenant.pk, start, end])
            rows = len(cursor.fetchall())

    timing = harness.repeat(run, 3)
    print(f"floor: {rows} employee-days in {timing['median']:.3f} s", flush=True)
    return {"seconds": round(timing["median"], 4), "employee_days": rows, "timing": timing}


def measure_days(tenancy: Any) -> dict[str, Any]:
    from django.db.models import Count

    from pamong.attendance.derive.days import derive_days
    from pamong.attendance.models import AttendanceDay

    start, end = _bounds()

    def run() -> int:
        # As the ``attendance_derive`` command and the nightly job call it: outside a transaction, so a month
        # without rows yet may be derived in shards on two connections (``derive.days._shards``).
        return derive_days(tenant_id=tenancy.tenant.pk, start=start, end=end)

    with harness.Stopwatch() as first:
        written = run()
    _analyze()
    samples = []
    for _ in range(3):
        t0 = time.perf_counter()
        run()
        samples.append(time.perf_counter() - t0)
    median = statistics.median(samples)
    counts = dict(
        AttendanceDay.objects.filter(tenant_id=tenancy.tenant.pk, date__gte=start, date__lte=end)
        .values_list("status")
        .annotate(n=Count("id"))
    )
    total = sum(counts.values())
    print(f"days: {total} employee-days, first {first.seconds:.2f} s, again (no change) {median:.2f} s; {counts}")
    return {
        # The headline: deriving the month into an empty day table (what the nightly job and a backfill do).
        "seconds": round(first.seconds, 4),
        "rederive_unchanged_median_seconds": round(median, 4),
        "rederive_samples": [round(x, 4) for x in samples],
        "employee_days": total,
        "written": written,
        "by_status": counts,
    }


def measure_recap(tenancy: Any) -> dict[str, Any]:
    from django.db import transaction

    from pamong.attendance.derive.recap import recap_month
    from pamong.attendance.models import MonthRecap

    def run() -> int:
        with transaction.atomic():
            return recap_month(tenant_id=tenancy.tenant.pk, year=YEAR, month=MONTH)

    timing = harness.repeat(run, 3)
    rows = MonthRecap.objects.filter(tenant_id=tenancy.tenant.pk, year=YEAR, month=MONTH).count()
    print(f"recap: {rows} employee recaps in {timing['median']:.3f} s", flush=True)
    return {"seconds": round(timing["median"], 4), "recaps": rows, "timing": timing}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(port: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not listen on {port}")


def measure_http(tenancy: Any, args: argparse.Namespace) -> dict[str, Any]:
    from pamong.attendance.models import Punch

    port = _free_port()
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="bench.settings", PAMONG_DEBUG="0")
    server = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=harness.ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        _wait_for(port)
        with tempfile.TemporaryDirectory() as tmp:
            tokens = Path(tmp) / "tokens.json"
            out = Path(tmp) / "result.json"
            tokens.write_text(json.dumps(tenancy.tokens))
            subprocess.run(  # noqa: S603
                [
                    sys.executable,
                    "-m",
                    "bench.attendance_http",
                    "--port",
                    str(port),
                    "--tokens",
                    str(tokens),
                    "--concurrency",
                    str(args.concurrency),
                    "--duration",
                    str(args.duration),
                    "--out",
                    str(out),
                ],
                cwd=harness.ROOT,
                check=True,
            )
            result = json.loads(out.read_text())
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    sent_ok = set(result.pop("ok_ids"))
    stored = set(
        Punch.objects.filter(tenant_id=tenancy.tenant.pk, source="mobile").values_list("natural_key", flat=True)
    )
    found = {key.rsplit("|", 1)[-1] for key in stored}
    result["lost"] = len(sent_ok - found)
    result["stored_mobile_punches"] = len(stored)
    print(
        f"http: {result['rate']:.0f} check-ins/s, p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms, "
        f"errors {result['errors']}, lost {result['lost']}",
        flush=True,
    )
    return result


def measure_single(tenancy: Any, big: int) -> dict[str, Any]:
    """Fill the punch table to ``big`` rows with earlier months, then time single check-ins via the service."""
    from django.db import connection

    from bench.attendance_http import checkin_body
    from pamong.access.models import User
    from pamong.attendance.partitions import ensure_month_partitions
    from pamong.attendance.services.checkin import checkin_record

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM attendance_punch")
        have = int(cursor.fetchone()[0])
    employees = tenancy.employee_ids
    first, last = min(employees), max(employees)
    month = dt.date(YEAR, MONTH, 1)
    with harness.Stopwatch() as fill:
        while have < big:
            month = (month - dt.timedelta(days=1)).replace(day=1)
            ensure_month_partitions("attendance_punch", [month])
            days = 22
            rows = min(big - have, len(employees) * days * 2)
            with connection.cursor() as cursor:
                cursor.execute(
                    """
                    INSERT INTO attendance_punch (tenant_id, employee_id, punched_at, local_date, local_minute, source,
                        pin, status, natural_key, received_at, client_device, is_mock, raw)
                    SELECT %(tenant)s, %(first)s + (g %% %(n)s), d + make_interval(mins => 450 + (g %% 97)),
                        d::date, 450 + (g %% 97), 'file', '', 0, 'fill|' || g, now(), '', false, ''
                    FROM generate_series(0, %(rows)s - 1) AS g,
                         LATERAL (SELECT (%(month)s::date + ((g / %(n)s) %% 28))::timestamptz AS d) AS day
                    """,
                    {"tenant": tenancy.tenant.pk, "first": first, "n": last - first + 1, "rows": rows, "month": month},
                )
            have += rows
        _analyze()
    user = User.objects.get(employee_id=employees[0])
    samples = []
    from django.utils import timezone

    for i in range(200):
        body = checkin_body(i, now=timezone.now())
        t0 = time.perf_counter()
        checkin_record(actor=user, **body)
        samples.append((time.perf_counter() - t0) * 1000)
        user = User.objects.get(pk=user.pk)  # a fresh user each time, as each request has
    samples.sort()
    result = {
        "stored_punches": have,
        "fill_seconds": round(fill.seconds, 1),
        "median_ms": round(statistics.median(samples), 2),
        "p99_ms": round(samples[int(0.99 * (len(samples) - 1))], 2),
    }
    print(f"single check-in with {have:,} punches stored: {result}", flush=True)
    return result


if __name__ == "__main__":
    main()
