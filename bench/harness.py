"""What every benchmark shares: its own database, Django set-up, timing, the JSON result.

A benchmark gets a database of its own: an SQLite file under ``var/bench/`` (via
``PAMONG_SQLITE_PATH`` and ``config.settings.local``), or PostgreSQL when
``PAMONG_DATABASE_URL`` is set (``bench.settings``; the demo tenants in that
database are replaced). Debug is off (``PAMONG_DEBUG=0``) so Django does not keep
every SQL statement in memory while it is being measured.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DATABASES = ROOT / "var" / "bench"


def database_kind() -> str:
    return "postgresql" if os.environ.get("PAMONG_DATABASE_URL") else "sqlite"


def setup(db_name: str, *, fresh: bool) -> str:
    """Configure and start Django on the benchmark's database; migrate it. Returns the database kind."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ["PAMONG_DEBUG"] = "0"
    kind = database_kind()
    if kind == "postgresql":
        os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    else:
        DATABASES.mkdir(parents=True, exist_ok=True)
        path = DATABASES / f"{db_name}.sqlite3"
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.environ["PAMONG_SQLITE_PATH"] = str(path)
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    return kind


class Stopwatch:
    """Wall-clock and CPU seconds of a block (the machine may be shared: CPU time is the steadier figure)."""

    def __enter__(self) -> Stopwatch:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self._wall
        self.cpu_seconds = time.process_time() - self._cpu


def repeat(fn: Callable[[], Any], times: int) -> dict[str, float]:
    """Run ``fn`` once to warm up, then ``times`` times; median and 95th percentile in seconds."""
    fn()
    samples = []
    for _ in range(times):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    samples.sort()
    return {
        "median": statistics.median(samples),
        "p95": samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))],
        "min": samples[0],
    }


def machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def write_result(
    name: str,
    *,
    database: str,
    params: dict[str, Any],
    seconds: float,
    rate: float,
    file_name: str | None = None,
    **extra: Any,
) -> Path:
    """Write ``bench/results/<name>.json`` (``<name>.postgresql.json`` on PostgreSQL, or ``file_name``), print it."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    result = {
        "benchmark": name,
        "database": database,
        "params": params,
        "seconds": round(seconds, 4),
        "rate": round(rate, 2),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        **extra,
        "machine": machine(),
    }
    path = RESULTS / (file_name or (f"{name}.json" if database == "sqlite" else f"{name}.{database}.json"))
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return path
