"""The error report of a rejected file: one entry per offending cell, and its spreadsheet form."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

#: Errors kept on the batch; the counts stay exact beyond it.
MAX_STORED_ERRORS = 5000


@dataclass(frozen=True, order=True)
class RowError:
    """One problem: the spreadsheet row (header = row 1), the column as headed in the file, the value, why."""

    row: int
    column: str
    value: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "value": self.value, "message": self.message}


class ImportRejected(Exception):
    """The file has errors; raised inside the apply transaction so that nothing is written."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        super().__init__(f"{len(errors)} errors")
        self.errors = list(errors)


def sorted_errors(errors: Iterable[RowError], column_order: Mapping[str, int] | None = None) -> list[RowError]:
    """Row order, then the file's column order (else as found), without exact duplicates."""
    order = column_order or {}
    unique = dict.fromkeys(errors)
    return sorted(unique, key=lambda e: (e.row, order.get(e.column, len(order))))


def error_rows(errors: Iterable[RowError]) -> int:
    return len({e.row for e in errors})


def errors_workbook(errors: Sequence[Mapping[str, Any]], *, title: str) -> bytes:
    """The stored errors as an .xlsx the administrator can filter and fix against."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Kesalahan"))
    sheet.append([title])
    header = []
    for text in (_("Baris"), _("Kolom"), _("Nilai"), _("Kesalahan")):
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for error in errors:
        sheet.append([error.get("row"), error.get("column", ""), error.get("value", ""), error.get("message", "")])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
