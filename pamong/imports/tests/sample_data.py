"""The rows of ``samples/employees.xlsx``; run this module to regenerate the file.

    .venv/bin/python -m pamong.imports.tests.sample_data

``test_samples`` checks that the committed file still holds exactly these rows.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from pamong.imports.columns import SAMPLE_DIR

EMPLOYEE_SAMPLE_HEADER = (
    "NIP_BARU",
    "NIP_LAMA",
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
D = dt.date
EMPLOYEE_SAMPLE_ROWS: tuple[tuple[Any, ...], ...] = (
    (
        "197503122000031002",
        "",
        "Bambang Sutrisno",
        "Ir.",
        "M.T.",
        "PNS",
        "IV/b",
        "DPUPR",
        "J-DPUPR-KADIS",
        "Definitif",
        D(2023, 1, 9),
        "bambang.sutrisno@example.go.id",
        "081234560001",
    ),
    (
        "198204152006042003",
        "",
        "Siti Rahmawati",
        "",
        "S.E.",
        "PNS",
        "III/d",
        "DPUPR-SUBUM",
        "J-DPUPR-KASUBAG-UM",
        "Definitif",
        D(2022, 7, 1),
        "siti.rahmawati@example.go.id",
        "081234560002",
    ),
    (
        "198811202011011001",
        "",
        "Andi Pratama",
        "",
        "S.T., M.T.",
        "PNS",
        "III/c",
        "DPUPR-BM",
        "J-DPUPR-KABID-BM",
        "Definitif",
        D(2024, 2, 5),
        "andi.pratama@example.go.id",
        "081234560003",
    ),
    (
        "199005052015031004",
        "",
        "Rudi Hartono",
        "",
        "S.T.",
        "PNS",
        "III/b",
        "DPUPR-BM",
        "J-DPUPR-TJJ-01",
        "Definitif",
        D(2021, 1, 4),
        "rudi.hartono@example.go.id",
        "081234560004",
    ),
    (
        "199507172019022005",
        "",
        "Nur Aisyah",
        "",
        "A.Md.",
        "PNS",
        "II/c",
        "DPUPR-SUBUM",
        "J-DPUPR-ADM-01",
        "Definitif",
        D(2020, 3, 2),
        "nur.aisyah@example.go.id",
        "081234560005",
    ),
    (
        "199203142024212001",
        "",
        "Dewi Lestari",
        "dr.",
        "",
        "PPPK",
        "XI",
        "RSUD-PAMONG",
        "J-RSUD-DOKTER-01",
        "Definitif",
        D(2024, 4, 1),
        "dewi.lestari@example.go.id",
        "081234560006",
    ),
    (
        "198001012005011006",
        "060012345",
        "Hendra Wijaya",
        "",
        "S.Sos., M.Si.",
        "PNS",
        "IV/a",
        "KEC-MAWAR",
        "J-CAMAT-MAWAR",
        "Definitif",
        D(2024, 10, 1),
        "hendra.wijaya@example.go.id",
        "081234560007",
    ),
    (
        "198506302010012007",
        "",
        "Maria Ulfa",
        "",
        "S.STP.",
        "PNS",
        "III/c",
        "KEC-MAWAR",
        "J-LURAH-MELATI",
        "Plt",
        D(2025, 6, 2),
        "maria.ulfa@example.go.id",
        "081234560008",
    ),
    (
        "199812122022031008",
        "",
        "Yusuf Maulana",
        "",
        "S.Kom.",
        "CPNS",
        "III/a",
        "BPBD",
        "",
        "",
        None,
        "",
        "085712340009",
    ),
)


def employees_workbook() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Pegawai"
    sheet.append(list(EMPLOYEE_SAMPLE_HEADER))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in EMPLOYEE_SAMPLE_ROWS:
        sheet.append(list(row))
    for cells in sheet.iter_rows(min_row=2):
        cells[0].number_format = "@"  # NIP as text: Excel would round an 18-digit number
        cells[1].number_format = "@"
        cells[10].number_format = "DD/MM/YYYY"
    for letter, width in zip("ABCDEFGHIJKLM", (21, 11, 20, 8, 14, 10, 8, 14, 21, 12, 12, 32, 15), strict=True):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


if __name__ == "__main__":
    (SAMPLE_DIR / "employees.xlsx").write_bytes(employees_workbook())
