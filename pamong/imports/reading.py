"""From uploaded bytes to a table of rows keyed by column: file checks, CSV and xlsx reading.

``check_upload`` runs when the file arrives (extension, size, magic bytes,
encoding) so a wrong file is refused at once; ``read_table`` runs in the
background job and finds the header row (the first of the top ten rows that
names every required column, so a title row above the header is fine), then
yields the data rows with their spreadsheet row numbers.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePath

import python_calamine
from django.utils.translation import gettext as _

from pamong.core.errors import ValidationFailed

from .cells import Cell, is_blank
from .cells import text as cell_text
from .columns import HeaderMatch, Spec, match_header
from .report import RowError

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
HEADER_SEARCH_ROWS = 10

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 .xls, and password-protected .xlsx
DELIMITERS = (";", ",", "\t")


class FileFormat(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"


def _refuse(message: str) -> ValidationFailed:
    return ValidationFailed(message, field_errors={"file": [message]})


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def check_name(name: str) -> str:
    """The lower-case suffix of an acceptable file name, or ``ValidationFailed`` on ``file``."""
    suffix = PurePath(name).suffix.lower()
    if suffix == ".xls":
        raise _refuse(_("Format Excel 97-2003 (.xls) tidak didukung. Simpan ulang berkas sebagai .xlsx."))
    if suffix not in (".xlsx", ".csv"):
        raise _refuse(
            _("Berkas harus berformat .xlsx atau .csv (berkas ini: %(suffix)s).")
            % {"suffix": suffix or _("tanpa ekstensi")}
        )
    return suffix


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise _refuse(
            _("Ukuran berkas %(size)s MB melebihi batas %(limit)d MB.")
            % {"size": _megabytes(size), "limit": MAX_BYTES // 1024 // 1024}
        )


def check_upload(name: str, content: bytes) -> FileFormat:
    """The format of an uploaded file, or ``ValidationFailed`` (on ``file``) saying why it cannot be imported."""
    suffix = check_name(name)
    if not content:
        raise _refuse(_("Berkas kosong."))
    check_size(len(content))
    if suffix == ".xlsx":
        if content.startswith(OLE2_MAGIC):
            raise _refuse(
                _(
                    "Berkas ini berformat Excel 97-2003 atau dilindungi kata sandi. "
                    "Simpan ulang sebagai .xlsx tanpa kata sandi."
                )
            )
        if not content.startswith(ZIP_MAGIC) or not _is_workbook(content):
            raise _refuse(_("Isi berkas bukan buku kerja Excel .xlsx yang sah, walaupun ekstensinya .xlsx."))
        return FileFormat.XLSX
    if content.startswith(ZIP_MAGIC) or content.startswith(OLE2_MAGIC):
        raise _refuse(_("Berkas ini adalah berkas Excel, bukan CSV. Unggah dengan ekstensi .xlsx."))
    decode_csv(content)
    return FileFormat.CSV


def _is_workbook(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return False
    return "xl/workbook.xml" in names


def decode_csv(content: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), else Windows-1252 / Latin-1."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _refuse(_("Berkas CSV UTF-16 ini rusak dan tidak dapat dibaca.")) from exc
    if b"\x00" in content:
        raise _refuse(_("Berkas CSV berisi data biner; pastikan berkas ini benar-benar teks CSV."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1")


def detect_delimiter(text: str) -> str:
    """``;`` (Excel with Indonesian regional settings), ``,`` or tab, by counting them in the first line."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    if first.lower().startswith("sep=") and len(first) >= 5:
        return first[4]
    counts = {d: first.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


@dataclass(frozen=True)
class Table:
    """The data rows of a file, each cell under its column key, with spreadsheet row numbers."""

    sheet: str
    header_row: int
    match: HeaderMatch
    rows: list[tuple[int, dict[str, Cell]]]


def _csv_rows(content: bytes) -> Iterator[tuple[int, Sequence[Cell]]]:
    text = decode_csv(content)
    delimiter = detect_delimiter(text)
    lines = io.StringIO(text, newline="")
    if text[:4].lower() == "sep=":
        lines.readline()  # Excel's delimiter hint; Excel does not show it as a row
    for index, record in enumerate(csv.reader(lines, delimiter=delimiter), start=1):
        yield index, list(record)


def _xlsx_sheets(content: bytes) -> list[tuple[str, python_calamine.CalamineSheet]]:
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    except Exception as exc:  # calamine raises several unrelated types for a broken file
        raise _FileError(_("Berkas Excel tidak dapat dibaca: rusak atau dilindungi kata sandi.")) from exc
    sheets = []
    for meta in workbook.sheets_metadata:
        if (
            meta.typ == python_calamine.SheetTypeEnum.WorkSheet
            and meta.visible == python_calamine.SheetVisibleEnum.Visible
        ):
            sheets.append((meta.name, workbook.get_sheet_by_name(meta.name)))
    return sheets


class _FileError(Exception):
    def __init__(self, message: str, row: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.row = row


def _find_header(rows: Sequence[Sequence[Cell]], spec: Spec) -> tuple[int, HeaderMatch]:
    """(0-based index, match) of the header among the first rows: the first complete one, else the best."""
    best: tuple[int, HeaderMatch] | None = None
    for index, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if all(is_blank(c) for c in cells):
            continue
        match = match_header([cell_text(c) for c in cells], spec)
        if not match.missing:
            return index, match
        if best is None or len(match.indexes) > len(best[1].indexes):
            best = (index, match)
    if best is None:
        raise _FileError(_("Berkas tidak berisi data: tidak ada baris judul kolom."))
    return best


def _header_errors(match: HeaderMatch, spec: Spec, row: int) -> list[RowError]:
    errors = []
    for column in match.missing:
        errors.append(
            RowError(
                row,
                column.header,
                "",
                _("Kolom wajib %(column)s tidak ditemukan pada baris judul. Nama kolom yang diterima: %(names)s.")
                % {"column": column.header, "names": ", ".join(column.names)},
            )
        )
    for column, texts in match.duplicates:
        errors.append(
            RowError(
                row,
                texts[1],
                "",
                _("Kolom %(column)s muncul lebih dari sekali (%(texts)s); hapus salah satunya.")
                % {"column": column.header, "texts": ", ".join(texts)},
            )
        )
    return errors


def read_table(fmt: FileFormat, content: bytes, spec: Spec) -> Table | list[RowError]:
    """The rows of the file under ``spec``'s columns, or the file-level errors (bad header, no rows)."""
    try:
        return _read(fmt, content, spec)
    except _FileError as exc:
        return [RowError(exc.row, "", "", exc.message)]
    except ValidationFailed as exc:
        return [RowError(1, "", "", exc.message)]


def _read(fmt: FileFormat, content: bytes, spec: Spec) -> Table | list[RowError]:
    if fmt is FileFormat.CSV:
        numbered = list(_csv_rows(content))
        sheet_name = ""
    else:
        sheets = _xlsx_sheets(content)
        if not sheets:
            raise _FileError(_("Buku kerja Excel ini tidak memiliki lembar kerja yang terlihat."))
        sheet_name, sheet = sheets[0]
        for name, candidate in sheets:
            head: Sequence[Sequence[Cell]] = candidate.to_python(skip_empty_area=False, nrows=HEADER_SEARCH_ROWS)
            if head and not _find_header(head, spec)[1].missing:
                sheet_name, sheet = name, candidate
                break
        grid: Sequence[Sequence[Cell]] = sheet.to_python(skip_empty_area=False)
        numbered = list(enumerate(grid, start=1))
    header_index, match = _find_header([cells for _row, cells in numbered], spec)
    header_row = numbered[header_index][0]
    errors = _header_errors(match, spec, header_row)
    if errors:
        return errors
    rows: list[tuple[int, dict[str, Cell]]] = []
    indexes = match.indexes
    for row_number, cells in numbered[header_index + 1 :]:
        width = len(cells)
        values = {key: (cells[i] if i < width else None) for key, i in indexes.items()}
        if all(is_blank(v) for v in values.values()):
            continue  # Excel's formatted-but-empty rows
        rows.append((row_number, values))
    if not rows:
        raise _FileError(_("Berkas tidak berisi baris data di bawah baris judul."), header_row)
    if len(rows) > MAX_ROWS:
        raise _FileError(
            _("Berkas berisi %(n)d baris data; batasnya %(max)d baris per impor. Pecah berkas menjadi beberapa bagian.")
            % {"n": len(rows), "max": MAX_ROWS}
        )
    return Table(sheet=sheet_name, header_row=header_row, match=match, rows=rows)
