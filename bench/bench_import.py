"""Benchmark: validate + apply N employee rows (with one definitive assignment each) from one file.

    .venv/bin/python bench/bench_import.py --rows 10000 [--format xlsx|csv]   (or: python -m bench.bench_import)

Builds a throw-away test database (SQLite in memory, or PostgreSQL when
PAMONG_DATABASE_URL is set), a tenant with 121 units, imports N posts (positions
file), then times ``import_run`` on an N-row employees file: the whole path a
BKPSDM upload takes after the file is stored (read, per-row checks, cross-row
checks against the database, bulk writes, audit). It then re-imports the same
file, which must change nothing. Writes ``bench/results/import.json``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from pamong.core.models import Tenant, TimeZoneChoice  # noqa: E402
from pamong.core.scope import SystemActor  # noqa: E402
from pamong.imports.services import import_run, import_upload  # noqa: E402
from pamong.org.choices import OrgUnitKind  # noqa: E402
from pamong.org.services import unit_create  # noqa: E402

OPDS, BIDANG_PER_OPD = 20, 5


def nip(index: int) -> str:
    birth = dt.date(1965, 1, 1) + dt.timedelta(days=index % 9000)
    return f"{birth:%Y%m%d}{birth.year + 25}{index % 12 + 1:02d}{1 + index % 2}{(index // 9000) % 999 + 1:03d}"


def table_bytes(fmt: str, header: list[str], rows: list[list[object]]) -> bytes:
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(header)
        writer.writerows([v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else v for v in row] for row in rows)
        return buffer.getvalue().encode()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Data")
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def timed_run(actor: SystemActor, kind: str, name: str, content: bytes) -> tuple[float, object]:
    batch = import_upload(actor=actor, kind=kind, file=SimpleUploadedFile(name, content), enqueue=False)
    started = time.perf_counter()
    batch = import_run(batch_id=batch.pk)
    seconds = time.perf_counter() - started
    if batch.status != "applied":
        raise SystemExit(f"{kind} import {batch.status}: {batch.message} {batch.errors[:5]}")
    return seconds, batch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "import.json")
    args = parser.parse_args()
    n, fmt = args.rows, args.format

    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    tenant = Tenant.objects.create(name="Kabupaten Bench", region_code="99.01", time_zone=TimeZoneChoice.WITA)
    actor = SystemActor(tenant_id=tenant.pk, label="bench")
    root = unit_create(
        actor=actor, parent=None, code="ROOT", name="Pemerintah Kabupaten Bench", kind=OrgUnitKind.REGION
    )
    units = []
    for o in range(OPDS):
        opd = unit_create(actor=actor, parent=root, code=f"OPD{o:02d}", name=f"Dinas {o}", kind=OrgUnitKind.DINAS)
        units.append(opd.code)
        for b in range(BIDANG_PER_OPD):
            code = f"OPD{o:02d}-B{b}"
            unit_create(actor=actor, parent=opd, code=code, name=f"Bidang {b} Dinas {o}", kind=OrgUnitKind.BIDANG)
            units.append(code)

    position_rows: list[list[object]] = [
        [f"JAB{i:06d}", f"Pelaksana {i}", units[i % len(units)], "Pelaksana", "", 7, "", "N"] for i in range(n)
    ]
    position_header = [
        "KODE_JABATAN",
        "NAMA_JABATAN",
        "KODE_UNOR",
        "JENIS_JABATAN",
        "ESELON",
        "KELAS_JABATAN",
        "TUPOKSI",
        "KEPALA_UNIT",
    ]
    positions_seconds, _ = timed_run(
        actor, "positions", f"jabatan.{fmt}", table_bytes(fmt, position_header, position_rows)
    )

    header = [
        "NIP_BARU",
        "NAMA",
        "GELAR_BELAKANG",
        "JENIS_PEGAWAI",
        "GOL_AKHIR",
        "KODE_UNOR",
        "KODE_JABATAN",
        "JENIS_PENUGASAN",
        "TMT_JABATAN",
        "EMAIL",
        "NOMOR_HP",
    ]
    rows: list[list[object]] = [
        [
            nip(i),
            f"Pegawai {i}",
            "S.Kom.",
            "PNS",
            "III/a",
            units[i % len(units)],
            f"JAB{i:06d}",
            "Definitif",
            dt.date(2024, 1, 1) + dt.timedelta(days=i % 300),
            f"pegawai{i}@example.go.id",
            f"0812{i:08d}",
        ]
        for i in range(n)
    ]
    content = table_bytes(fmt, header, rows)
    seconds, batch = timed_run(actor, "employees", f"pegawai.{fmt}", content)
    reimport_seconds, again = timed_run(actor, "employees", f"pegawai.{fmt}", content)
    if again.created_count or again.updated_count:  # type: ignore[attr-defined]
        raise SystemExit("re-import changed data: the import is not idempotent")

    result = {
        "rows": n,
        "seconds": round(seconds, 3),
        "rows_per_second": round(n / seconds, 1),
        "database": connection.vendor,
        "format": fmt,
        "file_bytes": len(content),
        "created": batch.created_count,  # type: ignore[attr-defined]
        "assignments_started": batch.summary.get("assignments_started"),  # type: ignore[attr-defined]
        "reimport_seconds": round(reimport_seconds, 3),
        "positions_rows": n,
        "positions_seconds": round(positions_seconds, 3),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],  # the machine may be shared
        "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
