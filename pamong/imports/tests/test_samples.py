"""The example files the upload page offers import cleanly, in order, and re-import as no-ops."""

import io

import pytest
from python_calamine import CalamineWorkbook

from pamong.imports.columns import SAMPLE_DIR, SAMPLES

from .builders import run
from .sample_data import EMPLOYEE_SAMPLE_HEADER, EMPLOYEE_SAMPLE_ROWS


def test_committed_employees_xlsx_holds_the_sample_rows():
    sheet = CalamineWorkbook.from_filelike(io.BytesIO((SAMPLE_DIR / "employees.xlsx").read_bytes())).get_sheet_by_index(
        0
    )
    rows = sheet.to_python()
    assert tuple(rows[0]) == EMPLOYEE_SAMPLE_HEADER
    expected = [tuple("" if v is None else v for v in row) for row in EMPLOYEE_SAMPLE_ROWS]
    assert [tuple(row) for row in rows[1:]] == expected


@pytest.mark.django_db
def test_samples_import_in_order_and_again_without_change(cast):
    admin = cast.users["hr_admin"]
    created = {}
    for kind, name in SAMPLES.items():
        batch = run(admin, kind, name, (SAMPLE_DIR / name).read_bytes())
        assert batch.status == "applied", (name, batch.errors)
        created[kind] = batch.created_count
    assert created == {"units": 8, "positions": 12, "employees": 9}
    for kind, name in SAMPLES.items():
        batch = run(admin, kind, name, (SAMPLE_DIR / name).read_bytes())
        assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (0, 0, created[kind])
