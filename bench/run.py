"""Run every benchmark in turn (``make bench``); each writes its own ``bench/results/<name>.json``.

Each benchmark runs in its own process (Django is configured once per process,
on that benchmark's database). Extra arguments are passed to every benchmark.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ("seed", "employee_list", "bench_import", "scores")


def main() -> int:
    status = 0
    for name in BENCHMARKS:
        print(f">> bench.{name}", flush=True)
        status |= subprocess.call([sys.executable, "-m", f"bench.{name}", *sys.argv[1:]], cwd=ROOT)  # noqa: S603
    return status


if __name__ == "__main__":
    sys.exit(main())
