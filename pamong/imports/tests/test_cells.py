"""Reading single cells: dates (Excel cells, serials, text), numbers, yes/no, NIPs that Excel rounded."""

import datetime as dt

import pytest

from pamong.imports import cells

D = dt.date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D(2024, 1, 2), D(2024, 1, 2)),  # a date cell
        (dt.datetime(2024, 1, 2, 0, 0), D(2024, 1, 2)),  # a datetime cell (Excel keeps a time part)
        (45293, D(2024, 1, 2)),  # an Excel serial number in a General cell
        (45293.0, D(2024, 1, 2)),
        (45293.75, D(2024, 1, 2)),  # the fraction is a time of day
        ("02/01/2024", D(2024, 1, 2)),  # day first, as Indonesian spreadsheets write it
        ("2/1/2024", D(2024, 1, 2)),
        ("02-01-2024", D(2024, 1, 2)),
        ("02.01.2024", D(2024, 1, 2)),
        ("2024-01-02", D(2024, 1, 2)),
        ("2024-01-02 00:00:00", D(2024, 1, 2)),  # a database export
        ("20240102", D(2024, 1, 2)),
        ("2 Januari 2024", D(2024, 1, 2)),
        ("02-Jan-2024", D(2024, 1, 2)),
        ("17 Agustus 1845", None),  # before 1900: refused as implausible
        (" 2 Desember 2025 ", D(2025, 12, 2)),
    ],
)
def test_date_reads_cells_serials_and_text(value, expected):
    parsed, message = cells.date(value)
    assert parsed == expected
    assert bool(message) == (expected is None)


@pytest.mark.parametrize("value", ["31/02/2024", "12/31/2024", "kemarin", "2024/13/01", True, -5, "1.5.24"])
def test_bad_dates_say_which_format_to_use(value):
    parsed, message = cells.date(value)
    assert parsed is None
    assert "HH/BB/TTTT" in message


@pytest.mark.parametrize("value", [None, "", "   "])
def test_empty_date_is_no_date_and_no_error(value):
    assert cells.date(value) == (None, "")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (1.0, "1"),
        (12.5, "12.5"),
        (7, "7"),
        (True, "Y"),
        ("  a\u00a0b ", "a b"),
        (D(2024, 1, 2), "02/01/2024"),
    ],
)
def test_text(value, expected):
    assert cells.text(value) == expected


def test_squeeze_collapses_inner_spaces():
    assert cells.squeeze("  Andi   Wijaya ") == "Andi Wijaya"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Y", True), ("ya", True), (1, True), (True, True), ("N", False), ("Tidak", False), ("", False)],
)
def test_yes_no(value, expected):
    assert cells.yes_no(value) == (expected, "")


def test_yes_no_refuses_anything_else():
    assert cells.yes_no("mungkin")[0] is None


@pytest.mark.parametrize(("value", "expected"), [(8.0, 8), ("12", 12), (None, None), ("", None)])
def test_whole_number(value, expected):
    assert cells.whole_number(value) == (expected, "")


@pytest.mark.parametrize("value", [8.5, "delapan", True])
def test_whole_number_refuses_fractions_and_words(value):
    assert cells.whole_number(value)[0] is None


def test_nip_typed_into_a_number_cell_is_refused_because_excel_rounded_it():
    text, message = cells.digits_from_number(199001012015051001.0)
    assert text == ""
    assert "Teks" in message


def test_nip_in_scientific_notation_is_refused():
    text, message = cells.digits_from_number("1.99001E+17")
    assert text == ""
    assert "notasi ilmiah" in message


def test_nip_as_text_passes():
    assert cells.digits_from_number("199001012015051001") == ("199001012015051001", "")


def test_display_shows_large_numbers_as_excel_does():
    assert cells.display(199001012015051001.0) == "1.99001012015051E+17"
