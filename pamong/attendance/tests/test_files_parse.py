"""Reading punch files without a database: format by content, .dat lines, CSV and xlsx rows, wrong files."""

import datetime as dt

import pytest

from pamong.attendance.punch_files import PunchFileFormat, parse, sniff
from pamong.core.errors import ValidationFailed

from .files_support import csv_bytes, sample, xlsx_bytes

NIP = "199001012015031001"


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("attlog.dat", PunchFileFormat.DAT),
        ("presensi.csv", PunchFileFormat.CSV),
        ("presensi.xlsx", PunchFileFormat.XLSX),
        ("bad/attlog_malformed.dat", PunchFileFormat.DAT),
    ],
)
def test_format_is_told_by_content(name, fmt):
    assert sniff(sample(name)) is fmt


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (sample("bad/surat.pdf"), "dokumen PDF"),
        (sample("bad/surat.docx"), "dokumen Word (.docx)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200, ".xls/.doc"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "gambar"),
        (b"Laporan bulanan\nsemua pegawai hadir\n", "Format berkas tidak dikenali"),
        (b"", "Berkas kosong"),
        (bytes(range(256)) * 20, "berkas biner"),
    ],
    ids=["pdf", "docx", "xls", "png", "prose", "empty", "binary"],
)
def test_wrong_files_are_refused_with_what_was_expected(content, says):
    with pytest.raises(ValidationFailed) as refused:
        sniff(content)
    assert says in refused.value.message
    assert "file" in refused.value.field_errors
    if says != "Berkas kosong":
        assert "ATTLOG" in refused.value.message and "TANGGAL" in refused.value.message


def test_xlsx_without_the_columns_names_them():
    with pytest.raises(ValidationFailed) as refused:
        parse(sample("bad/tanpa_kolom.xlsx"), serial=None)
    assert "Kolom wajib TANGGAL" in refused.value.message and "Kolom wajib JAM" in refused.value.message


def test_table_without_nip_or_pin_is_refused():
    with pytest.raises(ValidationFailed) as refused:
        parse(csv_bytes([["NAMA", "TANGGAL", "JAM"], ["Citra", "2026-11-16", "07:30"]]), serial=None)
    assert "NIP atau PIN" in refused.value.message


def test_size_limit():
    with pytest.raises(ValidationFailed) as refused:
        sniff(b"1\t2026-11-16 07:00:00\t0\n" * (20 * 1024 * 1024 // 22 + 10))
    assert "melebihi batas 20 MB" in refused.value.message


def test_dat_keys_equal_push_keys_and_reports_every_bad_line():
    parsed = parse(sample("bad/attlog_malformed.dat"), serial="SN-DISDIK-1")
    assert [(p.line, p.pin, p.natural_key) for p in parsed.punches] == [
        (1, "101", "SN-DISDIK-1|101|2026-11-16 07:24:51|0"),  # ATTLOG prefix and extra columns
        (2, "102", "SN-DISDIK-1|102|2026-11-16 07:41:03|0"),  # a uid column before the PIN
    ]
    assert [(e["line"], e["code"]) for e in parsed.errors] == [
        (3, "no_datetime"),
        (5, "bad_datetime"),  # 30 February (line 4 is blank)
        (6, "no_pin"),
        (7, "bad_status"),
    ]
    assert all(e["message_id"] and e["message_en"] and e["raw"] for e in parsed.errors)


def test_dat_needs_its_device():
    with pytest.raises(ValidationFailed) as refused:
        parse(sample("attlog.dat"), serial=None)
    assert "device" in refused.value.field_errors


def test_dat_with_no_readable_line_imports_nothing():
    with pytest.raises(ValidationFailed) as refused:
        parse(b"101\t2026-13-45 07:00:00\t0\n102\t2026-02-30 08:00:00\t0\n", serial="SN1")
    assert "Tidak ada satu baris presensi pun" in refused.value.message


@pytest.mark.parametrize("sep", [",", ";"])
@pytest.mark.parametrize("bom", [False, True], ids=["utf8", "utf8-bom"])
def test_csv_separators_date_formats_and_status_words(sep, bom):
    content = csv_bytes(
        [
            ["nip", "pin", "tanggal", "jam", "status", "keterangan"],
            [NIP, "", "2026-11-16", "07:25", "0", "x"],
            ["", "102", "16/11/2026", "16:01:40", "PULANG", ""],
            ["", "103", "2026-11-16", "7.30", "", ""],
        ],
        sep=sep,
        bom=bom,
    )
    parsed = parse(content, serial=None)
    assert parsed.format is PunchFileFormat.CSV
    assert [(p.line, p.pin, p.punched_at, p.status, p.natural_key) for p in parsed.punches] == [
        (2, NIP, dt.datetime(2026, 11, 16, 7, 25), 0, f"file|{NIP}|2026-11-16 07:25:00|0"),
        (3, "102", dt.datetime(2026, 11, 16, 16, 1, 40), 1, "file|102|2026-11-16 16:01:40|1"),
        (4, "103", dt.datetime(2026, 11, 16, 7, 30), 0, "file|103|2026-11-16 07:30:00|"),
    ]
    assert parsed.errors == []
    assert [(n["line"], n["code"]) for n in parsed.notes] == [(1, "unknown_column")]


def test_csv_with_a_device_is_keyed_like_its_pushes():
    content = csv_bytes([["PIN", "TANGGAL", "JAM", "STATUS"], ["101", "16/11/2026", "07:24:51", "0"]])
    assert parse(content, serial="SN9").punches[0].natural_key == "SN9|101|2026-11-16 07:24:51|0"


def test_csv_bad_rows_each_get_a_line_error():
    content = csv_bytes(
        [
            ["NIP", "PIN", "TANGGAL", "JAM", "STATUS"],
            [NIP, "", "2026-11-16", "07:25", "0"],
            ["12345", "", "2026-11-16", "07:25", "0"],
            ["", "", "2026-11-16", "07:25", "0"],
            ["", "101", "31/02/2026", "07:25", "0"],
            ["", "101", "kemarin", "07:25", "0"],
            ["", "101", "2026-11-16", "25:10", "0"],
            ["", "101", "2026-11-16", "", "0"],
            ["", "101", "2026-11-16", "07:25", "lembur"],
            ["", "bad pin!", "2026-11-16", "07:25", "0"],
        ],
        sep=";",
    )
    parsed = parse(content, serial=None)
    assert [p.line for p in parsed.punches] == [2]
    assert [(e["line"], e["code"]) for e in parsed.errors] == [
        (3, "bad_nip"),
        (4, "no_identity"),
        (5, "bad_date"),
        (6, "bad_date"),
        (7, "bad_time"),
        (8, "no_time"),
        (9, "bad_status"),
        (10, "bad_pin"),
    ]


def test_xlsx_cells_of_every_type():
    content = xlsx_bytes(
        [
            ["Rekap presensi Dinas Pendidikan"],  # a title row above the header
            ["NIP", "TANGGAL", "JAM", "STATUS"],
            [NIP, dt.date(2026, 11, 16), dt.time(7, 25), 0],
            [NIP, "16/11/2026", "16:05:12", "PULANG"],
            [NIP, dt.datetime(2026, 11, 17, 7, 20), None, None],  # one date-time cell, empty JAM
            [199001012015031001, "2026-11-17", "16:00", 1],  # NIP typed as a number: digits lost
        ]
    )
    parsed = parse(content, serial=None)
    assert parsed.format is PunchFileFormat.XLSX
    assert [(p.line, p.punched_at, p.status) for p in parsed.punches] == [
        (3, dt.datetime(2026, 11, 16, 7, 25), 0),
        (4, dt.datetime(2026, 11, 16, 16, 5, 12), 1),
        (5, dt.datetime(2026, 11, 17, 7, 20), 0),
    ]
    assert [(e["line"], e["code"]) for e in parsed.errors] == [(6, "bad_nip")]


def test_the_templates_read_cleanly():
    for name in ("presensi.csv", "presensi.xlsx"):
        parsed = parse(sample(name), serial=None)
        assert parsed.punches and not parsed.errors, name
    assert len(parse(sample("attlog.dat"), serial="SN1").punches) == 6
