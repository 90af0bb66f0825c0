"""How fast the demo regency loads: plan (generator) plus write (loader), in employees per second.

Run: ``.venv/bin/python -m bench.seed`` (3,000 and 100,000 employees) or
``--employees 3000 20000``. Each size starts from an empty, migrated database,
so the figure is what ``manage.py demo_seed --employees N`` costs on a fresh install.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

from bench import harness

RESULT_MARK = "@@result "


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--employees", type=int, nargs="+", default=[3000, 100_000])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--single", action="store_true", help="internal: measure one size in this process")
    args = parser.parse_args()
    if args.single:
        harness.setup(f"seed-{args.employees[0]}", fresh=True)
        print(RESULT_MARK + json.dumps(run_once(args.employees[0], args.seed)))
        return
    # Each size in its own process: Django binds one database per process, and each size starts fresh.
    runs = []
    for n in args.employees:
        command = [sys.executable, "-m", "bench.seed", "--single", "--employees", str(n), "--seed", str(args.seed)]
        output = subprocess.run(command, cwd=harness.ROOT, check=True, capture_output=True, text=True).stdout  # noqa: S603
        runs.append(json.loads(output.split(RESULT_MARK, 1)[1]))
        print(f"{n} pegawai: {runs[-1]['seconds']} s ({runs[-1]['rate']} pegawai/detik)", flush=True)
    headline = runs[-1]
    harness.write_result(
        "seed",
        database=harness.database_kind(),
        params={"employees": headline["employees"], "seed": args.seed},
        seconds=headline["seconds"],
        rate=headline["rate"],
        runs=runs,
    )


def run_once(employees: int, seed: int) -> dict[str, float | int]:
    from django.db import transaction
    from django.utils import timezone

    from pamong.demo import loader
    from pamong.demo.generator import plan_regency
    from pamong.people.models import Employee

    today = timezone.localdate()
    with transaction.atomic():
        loader.wipe_demo()  # PostgreSQL: the database may already hold a demo
    with harness.Stopwatch() as total:
        with harness.Stopwatch() as plan_time:
            plan = plan_regency(seed=seed, employees=employees, today=today)
        with harness.Stopwatch() as write_time:
            with transaction.atomic():
                loader.load_plan(plan)
            loader.analyze_tables()
    assert Employee.objects.filter(is_active=True).count() == employees
    rows = len(plan.units) + len(plan.positions) + len(plan.employees) + len(plan.assignments)
    return {
        "employees": employees,
        "rows": rows,
        "seconds": round(total.seconds, 3),
        "cpu_seconds": round(total.cpu_seconds, 3),
        "plan_seconds": round(plan_time.seconds, 3),
        "write_seconds": round(write_time.seconds, 3),
        "rate": round(employees / total.seconds, 1),
    }


if __name__ == "__main__":
    main()
