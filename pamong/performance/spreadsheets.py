"""Excel workbooks of the cockpit's and the OPD page's tables (openpyxl), one sheet per table."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .tables import Table

HEADER_FILL = PatternFill("solid", fgColor="0B4F6C")
HEADER_FONT = Font(bold=True, color="FFFFFF")
MAX_WIDTH = 60
#: Characters Excel refuses in a sheet name.
_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")


def workbook(tables: Sequence[Table], *, heading: str) -> bytes:
    """An .xlsx file: each table on its own sheet, with ``heading`` (tenant, period) above the columns."""
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(_BAD_SHEET.sub(" ", table.title)[:31] or table.slug[:31])
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([heading])
        sheet.append([])
        sheet.append(list(table.columns))
        for cell in sheet[4]:
            cell.fill, cell.font = HEADER_FILL, HEADER_FONT
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        widths = [len(str(c)) for c in table.columns]
        for row in table.rows:
            sheet.append([_cell(value) for value in row])
            for i, value in enumerate(row):
                widths[i] = max(widths[i], len(str(value if value is not None else "")))
        for index in range(len(table.columns)):
            letter = get_column_letter(index + 1)
            sheet.column_dimensions[letter].width = min(MAX_WIDTH, widths[index] + 2)
            fmt = "0.00" if index in table.percent else None
            for (cell,) in sheet.iter_rows(min_row=5, min_col=index + 1, max_col=index + 1):
                if isinstance(cell.value, dt.date):
                    cell.number_format = "DD/MM/YYYY"
                elif fmt and isinstance(cell.value, float | int):
                    cell.number_format = fmt
        sheet.freeze_panes = "A5"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(value: object) -> object:
    # Excel has no decimal type: a Decimal is written as a number (float) so sums and charts work there.
    if isinstance(value, Decimal):
        return float(value)
    return value
