"""Building import files in tests (CSV and xlsx bytes), running them, and snapshotting the data."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from pamong.core.models import AuditEvent
from pamong.imports.models import ImportBatch
from pamong.imports.services import import_run, import_upload
from pamong.org.models import OrgUnit, Position
from pamong.people.models import Assignment, Employee

EMPLOYEE_HEADER = (
    "NIP_BARU",
    "NAMA",
    "GELAR_DEPAN",
    "GELAR_BELAKANG",
    "JENIS_PEGAWAI",
    "GOL_AKHIR",
    "KODE_UNOR",
    "KODE_JABATAN",
    "JENIS_PENUGASAN",
    "TMT_JABATAN",
    "EMAIL",
    "NOMOR_HP",
)
POSITION_HEADER = (
    "KODE_JABATAN",
    "NAMA_JABATAN",
    "KODE_UNOR",
    "JENIS_JABATAN",
    "ESELON",
    "KELAS_JABATAN",
    "TUPOKSI",
    "KEPALA_UNIT",
)
UNIT_HEADER = (
    "KODE_UNOR",
    "NAMA_UNOR",
    "KODE_UNOR_INDUK",
    "JENIS_UNOR",
    "NAMA_SINGKAT",
    "KODE_ASISTEN",
    "TANGGAL_TUTUP",
)


def csv_bytes(
    header: Sequence[str], rows: Iterable[Sequence[Any]], *, delimiter: str = ",", bom: bool = False
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return (b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode()


def xlsx_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]], *, title_rows: Sequence[str] = ()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for title in title_rows:
        sheet.append([title])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def nip(index: int, *, gender: int | None = None, pppk: bool = False) -> str:
    """A valid, unique NIP for ``index`` (births from 1960, so no clash with the cast's 1970s NIPs)."""
    birth = dt.date(1960, 1, 1) + dt.timedelta(days=index % 9000)
    month = "21" if pppk else f"{index % 12 + 1:02d}"
    sex = gender or (1 + index % 2)
    return f"{birth:%Y%m%d}{birth.year + 25}{month}{sex}{(index // 9000) % 999 + 1:03d}"


def employee_row(index: int, **overrides: Any) -> list[Any]:
    values = {
        "NIP_BARU": nip(index),
        "NAMA": f"Pegawai Uji {index}",
        "GELAR_DEPAN": "",
        "GELAR_BELAKANG": "S.Kom.",
        "JENIS_PEGAWAI": "PNS",
        "GOL_AKHIR": "III/a",
        "KODE_UNOR": "DISDIK-SD",
        "KODE_JABATAN": "",
        "JENIS_PENUGASAN": "",
        "TMT_JABATAN": "",
        "EMAIL": f"pegawai{index}@example.go.id",
        "NOMOR_HP": "081234567890",
    }
    values.update(overrides)
    return [values[h] for h in EMPLOYEE_HEADER]


def run(actor: Any, kind: str, name: str, content: bytes) -> ImportBatch:
    """Upload and run synchronously, as the command does."""
    batch = import_upload(actor=actor, kind=kind, file=SimpleUploadedFile(name, content), enqueue=False)
    return import_run(batch_id=batch.pk)


def snapshot(tenant_id: int) -> dict[str, Any]:
    """Every imported table of a tenant, as comparable tuples (to prove 'nothing was written')."""
    return {
        "units": sorted(OrgUnit.objects.filter(tenant_id=tenant_id).values_list("code", "name", "path", "updated_at")),
        "positions": sorted(
            Position.objects.filter(tenant_id=tenant_id).values_list("code", "name", "is_head", "updated_at")
        ),
        "employees": sorted(
            Employee.objects.filter(tenant_id=tenant_id).values_list(
                "nip", "name", "grade", "position_id", "updated_at"
            )
        ),
        "assignments": sorted(
            Assignment.objects.filter(tenant_id=tenant_id).values_list(
                "employee_id", "position_id", "starts_on", "ends_on"
            )
        ),
    }


def audit_actions(tenant_id: int, after_seq: int = 0) -> list[str]:
    return list(
        AuditEvent.objects.filter(tenant_id=tenant_id, seq__gt=after_seq)
        .order_by("seq")
        .values_list("action", flat=True)
    )


def last_seq(tenant_id: int) -> int:
    return AuditEvent.objects.filter(tenant_id=tenant_id).order_by("-seq").values_list("seq", flat=True).first() or 0
