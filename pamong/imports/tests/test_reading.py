"""File checks at upload and reading a file into rows: formats, encodings, delimiters, headers."""

import codecs
import datetime as dt
import io
import zipfile

import pytest
from openpyxl import Workbook

from pamong.core.errors import ValidationFailed
from pamong.imports import cells, reading
from pamong.imports.columns import EMPLOYEE_SPEC, UNIT_SPEC, Spec, match_header, normalize_header
from pamong.imports.reading import FileFormat, check_upload, decode_csv, detect_delimiter, read_table
from pamong.imports.report import RowError

from .builders import UNIT_HEADER, csv_bytes, xlsx_bytes

UNIT_ROWS = [
    ("DPUPR", "Dinas PUPR", "", "Dinas", "", "", ""),
    ("DPUPR-BM", "Bidang Bina Marga", "DPUPR", "Bidang", "", "", ""),
]


def refusal(name: str, content: bytes) -> str:
    with pytest.raises(ValidationFailed) as caught:
        check_upload(name, content)
    return caught.value.field_errors["file"][0]


def test_wrong_extension_is_refused():
    assert ".xlsx atau .csv" in refusal("pegawai.txt", b"NIP;NAMA\n")


def test_old_excel_format_gets_its_own_message():
    assert ".xls" in refusal("pegawai.xls", b"\xd0\xcf\x11\xe0rest")


def test_a_text_file_named_xlsx_is_refused_by_its_magic_bytes():
    assert "bukan buku kerja Excel" in refusal("pegawai.xlsx", b"NIP_BARU,NAMA\n1,2\n")


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    assert "bukan buku kerja Excel" in refusal("pegawai.xlsx", buffer.getvalue())


def test_password_protected_xlsx_is_explained():
    assert "kata sandi" in refusal("pegawai.xlsx", b"\xd0\xcf\x11\xe0" + b"\0" * 100)


def test_an_excel_file_named_csv_is_refused():
    assert "berkas Excel" in refusal("pegawai.csv", xlsx_bytes(["A"], [[1]]))


def test_empty_and_oversized_files_are_refused(monkeypatch):
    assert "kosong" in refusal("a.csv", b"")
    monkeypatch.setattr(reading, "MAX_BYTES", 10)
    assert "melebihi batas" in refusal("a.csv", b"x" * 11)


def test_binary_csv_is_refused():
    assert "biner" in refusal("a.csv", b"NIP\x00\x01\x02")


def test_good_files_are_recognised():
    assert check_upload("A.XLSX", xlsx_bytes(["A"], [[1]])) is FileFormat.XLSX
    assert check_upload("a.csv", b"A;B\n1;2\n") is FileFormat.CSV


def test_csv_encodings():
    assert decode_csv(codecs.BOM_UTF8 + "Bidang Perhubungan;é".encode()) == "Bidang Perhubungan;é"
    assert decode_csv("Sekretariat;Andi Ré".encode("cp1252")) == "Sekretariat;Andi Ré"
    assert decode_csv("NAMA\tNIP".encode("utf-16")) == "NAMA\tNIP"


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("KODE_UNOR;NAMA_UNOR;JENIS_UNOR\nA;Dinas A, B dan C;Dinas\n", ";"),
        ('KODE_UNOR,NAMA_UNOR,JENIS_UNOR\nA,"Dinas A; B",Dinas\n', ","),
        ("KODE_UNOR\tNAMA_UNOR\tJENIS_UNOR\n", "\t"),
        ("sep=|\nKODE_UNOR|NAMA_UNOR\n", "|"),
        ("KODE_UNOR\n", ","),
    ],
)
def test_delimiter_detection(text, delimiter):
    assert detect_delimiter(text) == delimiter


@pytest.mark.parametrize("delimiter", [";", ","])
def test_semicolon_and_comma_csv_read_the_same(delimiter):
    table = read_table(FileFormat.CSV, csv_bytes(UNIT_HEADER, UNIT_ROWS, delimiter=delimiter, bom=True), UNIT_SPEC)
    assert not isinstance(table, list)
    assert [(row, values["code"], values["parent_code"]) for row, values in table.rows] == [
        (2, "DPUPR", ""),
        (3, "DPUPR-BM", "DPUPR"),
    ]


def test_headers_match_case_and_space_insensitively_and_by_alias():
    assert normalize_header(" Nip  Baru ") == "NIP_BARU"
    match = match_header(["nip", "Nama Pegawai", "kode-unor", "Agama"], EMPLOYEE_SPEC)
    assert match.ok
    assert match.indexes == {"nip": 0, "name": 1, "unit_code": 2}
    assert match.labels["name"] == "Nama Pegawai"
    assert match.ignored == ("Agama",)


def test_missing_required_columns_are_a_file_error_listing_accepted_names():
    errors = read_table(FileFormat.CSV, b"NIP_BARU;NAMA\n196001011985011001;Andi\n", EMPLOYEE_SPEC)
    assert isinstance(errors, list)
    assert errors == [
        RowError(
            1,
            "KODE_UNOR",
            "",
            "Kolom wajib KODE_UNOR tidak ditemukan pada baris judul. "
            "Nama kolom yang diterima: KODE_UNOR, UNOR_ID, KODE_UNIT.",
        )
    ]


def test_a_column_given_twice_is_a_file_error():
    errors = read_table(FileFormat.CSV, b"NIP;NIP_BARU;NAMA;KODE_UNOR\n1;2;a;b\n", EMPLOYEE_SPEC)
    assert isinstance(errors, list)
    assert "lebih dari sekali" in errors[0].message


def test_title_rows_above_the_header_keep_spreadsheet_row_numbers():
    content = xlsx_bytes(
        UNIT_HEADER, [UNIT_ROWS[0], ["", "", "", "", "", "", ""], UNIT_ROWS[1]], title_rows=["DAFTAR UNOR", ""]
    )
    table = read_table(FileFormat.XLSX, content, UNIT_SPEC)
    assert not isinstance(table, list)
    assert table.header_row == 3
    assert [row for row, _values in table.rows] == [4, 6]  # the blank row 5 is skipped, not renumbered


def test_the_first_sheet_with_a_matching_header_is_read():
    workbook = Workbook()
    workbook.active.append(["Petunjuk pengisian"])
    data = workbook.create_sheet("Data")
    data.append(list(UNIT_HEADER))
    data.append(list(UNIT_ROWS[0]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(FileFormat.XLSX, buffer.getvalue(), UNIT_SPEC)
    assert not isinstance(table, list)
    assert (table.sheet, len(table.rows)) == ("Data", 1)


def test_a_header_without_rows_is_a_file_error():
    errors = read_table(FileFormat.CSV, ";".join(UNIT_HEADER).encode() + b"\n;;;;;;\n", UNIT_SPEC)
    assert isinstance(errors, list)
    assert "tidak berisi baris data" in errors[0].message


def test_excel_date_cells_and_serial_numbers_reach_the_parser_as_dates_and_numbers():
    spec = Spec(UNIT_SPEC.kind, (UNIT_SPEC.column("code"), UNIT_SPEC.column("closed_on")))
    content = xlsx_bytes(["KODE_UNOR", "TANGGAL_TUTUP"], [["A", dt.date(2024, 1, 2)], ["B", 45293]])
    table = read_table(FileFormat.XLSX, content, spec)
    assert not isinstance(table, list)
    values = [values["closed_on"] for _row, values in table.rows]
    assert values == [dt.date(2024, 1, 2), 45293]
    assert [cells.date(v)[0] for v in values] == [dt.date(2024, 1, 2)] * 2
