"""Eselon parsing and eselon ↔ position type fit (``domain/rules.md`` §9.3)."""

import pickle

import pytest

from pamong.org.rules.echelons import (
    ALLOWED_ECHELONS,
    EchelonError,
    Eselon,
    PositionType,
    allowed_echelons,
    check_echelon,
    parse_echelon,
)


def test_eselon_values_are_the_eight_levels() -> None:
    assert [e.value for e in Eselon] == [
        "I.a",
        "I.b",
        "II.a",
        "II.b",
        "III.a",
        "III.b",
        "IV.a",
        "IV.b",
    ]


def test_position_type_values() -> None:
    assert [p.value for p in PositionType] == [
        "jpt_pratama",
        "administrator",
        "pengawas",
        "pelaksana",
        "fungsional",
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("II.a", Eselon.II_A),
        ("IIa", Eselon.II_A),
        ("II a", Eselon.II_A),
        ("2a", Eselon.II_A),
        ("II/a", Eselon.II_A),
        ("II-a", Eselon.II_A),
        ("ii.A", Eselon.II_A),
        (" II . a ", Eselon.II_A),
        ("Eselon II.a", Eselon.II_A),
        ("II.b", Eselon.II_B),
        ("2b", Eselon.II_B),
        ("I.a", Eselon.I_A),
        ("1b", Eselon.I_B),
        ("III.a", Eselon.III_A),
        ("3b", Eselon.III_B),
        ("IIIb", Eselon.III_B),
        ("IV.a", Eselon.IV_A),
        ("4a", Eselon.IV_A),
        ("IV/b", Eselon.IV_B),
    ],
)
def test_parse_echelon(raw: str, expected: Eselon) -> None:
    assert parse_echelon(raw) is expected


@pytest.mark.parametrize("raw", ["", "II", "a", "II.c", "IV.e", "IIII.a", "0a", "6a", "X.a"])
def test_parse_echelon_rejects(raw: str) -> None:
    with pytest.raises(EchelonError, match="tidak dikenal") as excinfo:
        parse_echelon(raw)
    assert f'"{raw}"' in excinfo.value.message_id
    assert "Unknown eselon" in excinfo.value.message_en


@pytest.mark.parametrize("raw", ["V.a", "Va", "5a", "V/b"])
def test_parse_echelon_rejects_abolished_eselon_v(raw: str) -> None:
    with pytest.raises(EchelonError, match="eselon V sudah dihapus"):
        parse_echelon(raw)


def test_echelon_error_is_a_picklable_value_error() -> None:
    with pytest.raises(ValueError, match="tidak dikenal") as excinfo:
        parse_echelon("II.c")
    error = excinfo.value
    assert isinstance(error, EchelonError)
    clone = pickle.loads(pickle.dumps(error))
    assert (clone.message_id, clone.message_en) == (error.message_id, error.message_en)


FITS = [
    (PositionType.JPT_PRATAMA, Eselon.II_A),
    (PositionType.JPT_PRATAMA, Eselon.II_B),
    (PositionType.ADMINISTRATOR, Eselon.III_A),
    (PositionType.ADMINISTRATOR, Eselon.III_B),
    (PositionType.PENGAWAS, Eselon.IV_A),
    (PositionType.PENGAWAS, Eselon.IV_B),
    (PositionType.PELAKSANA, None),
    (PositionType.FUNGSIONAL, None),
]


@pytest.mark.parametrize(("position_type", "eselon"), FITS)
def test_check_echelon_fits(position_type: PositionType, eselon: Eselon | None) -> None:
    assert check_echelon(position_type, eselon) is None


def test_every_other_combination_is_rejected() -> None:
    fits = set(FITS)
    options: list[Eselon | None] = [*Eselon, None]
    for position_type in PositionType:
        for eselon in options:
            message = check_echelon(position_type, eselon)
            assert (message is None) is ((position_type, eselon) in fits)


# position_type, eselon, exact Indonesian message
MESSAGES = [
    (
        PositionType.JPT_PRATAMA,
        Eselon.III_A,
        ("Eselon III.a tidak sesuai untuk jabatan JPT Pratama; yang sesuai: II.a atau II.b."),
    ),
    (
        PositionType.ADMINISTRATOR,
        Eselon.IV_A,
        ("Eselon IV.a tidak sesuai untuk jabatan Administrator; yang sesuai: III.a atau III.b."),
    ),
    (
        PositionType.PENGAWAS,
        Eselon.II_B,
        "Eselon II.b tidak sesuai untuk jabatan Pengawas; yang sesuai: IV.a atau IV.b.",
    ),
    (
        PositionType.JPT_PRATAMA,
        Eselon.I_B,
        (
            "Eselon I.b tidak sesuai untuk jabatan JPT Pratama; yang sesuai: "
            "II.a atau II.b. Eselon I (JPT Madya/Utama) tidak ada di pemerintah "
            "kabupaten."
        ),
    ),
    (
        PositionType.PENGAWAS,
        None,
        "Jabatan Pengawas harus memiliki eselon IV.a atau IV.b.",
    ),
    (
        PositionType.PELAKSANA,
        Eselon.IV_B,
        "Jabatan Pelaksana tidak memiliki eselon; kosongkan eselon (tercatat IV.b).",
    ),
    (
        PositionType.FUNGSIONAL,
        Eselon.III_B,
        "Jabatan Fungsional tidak memiliki eselon; kosongkan eselon (tercatat III.b).",
    ),
]


@pytest.mark.parametrize(("position_type", "eselon", "message"), MESSAGES)
def test_check_echelon_messages(position_type: PositionType, eselon: Eselon | None, message: str) -> None:
    assert check_echelon(position_type, eselon) == message


@pytest.mark.parametrize("position_type", list(PositionType))
def test_allowed_echelons_matches_table(position_type: PositionType) -> None:
    assert allowed_echelons(position_type) == ALLOWED_ECHELONS[position_type]
