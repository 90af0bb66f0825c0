"""NIP rules (``domain/rules.md`` §9.4): worked examples, error codes, properties."""

import pickle
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pamong.people.rules.kinds import EmployeeKind, Gender
from pamong.people.rules.nip import (
    NipError,
    NipInfo,
    NipIssue,
    NipPart,
    normalize_nip,
    parse_nip,
)

TODAY = date(2026, 6, 15)
PNS = EmployeeKind.PNS
PPPK = EmployeeKind.PPPK


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("19870131 200912 1 006", "198701312009121006"),
        ("198701312009121006", "198701312009121006"),
        ("  19870131\t200912\n1 006 ", "198701312009121006"),
        ("19870131\u00a0200912\u00a01\u00a0006", "198701312009121006"),
        ("", ""),
    ],
)
def test_normalize_nip_strips_whitespace(raw: str, expected: str) -> None:
    assert normalize_nip(raw) == expected


# raw, kind, birth_date, year, month, gender, sequence, is_pppk_marker
VALID_CASES = [
    # §9.4 worked example 1.
    ("198701312009121006", PNS, date(1987, 1, 31), 2009, 12, Gender.MALE, 6, False),
    # The same NIP as printed, with spaces.
    ("19870131 200912 1 006", PNS, date(1987, 1, 31), 2009, 12, Gender.MALE, 6, False),
    # §9.4 worked example 2: valid as PPPK with the "21" marker.
    ("199601292023211010", PPPK, date(1996, 1, 29), 2023, None, Gender.MALE, 10, True),
    # A PPPK NIP holding a real month is accepted too.
    ("199601292023011010", PPPK, date(1996, 1, 29), 2023, 1, Gender.MALE, 10, False),
    ("199001012015032001", PNS, date(1990, 1, 1), 2015, 3, Gender.FEMALE, 1, False),
    ("200002292020102999", PNS, date(2000, 2, 29), 2020, 10, Gender.FEMALE, 999, False),
    # Born today, appointed this year: still valid (with the age warning).
    ("202606152026061001", PNS, date(2026, 6, 15), 2026, 6, Gender.MALE, 1, False),
]


@pytest.mark.parametrize(
    ("raw", "kind", "birth", "year", "month", "gender", "sequence", "marker"),
    VALID_CASES,
)
def test_parse_nip_valid(
    raw: str,
    kind: EmployeeKind,
    birth: date,
    year: int,
    month: int | None,
    gender: Gender,
    sequence: int,
    marker: bool,
) -> None:
    info = parse_nip(raw, kind=kind, today=TODAY)
    assert info.nip == normalize_nip(raw)
    assert info.birth_date == birth
    assert info.appointment_year == year
    assert info.appointment_month == month
    assert info.gender is gender
    assert info.sequence == sequence
    assert info.is_pppk_marker is marker


def test_worked_example_1_has_no_warnings_and_prints_with_spaces() -> None:
    info = parse_nip("198701312009121006", kind=PNS, today=TODAY)
    assert info == NipInfo(
        nip="198701312009121006",
        birth_date=date(1987, 1, 31),
        appointment_year=2009,
        appointment_month=12,
        gender=Gender.MALE,
        sequence=6,
        is_pppk_marker=False,
        warnings=(),
    )
    assert info.formatted == "19870131 200912 1 006"


# raw, kind, expected error codes in digit order
INVALID_CASES = [
    # §9.4 worked example 2: the PPPK NIP is invalid for a PNS (month "21").
    ("199601292023211010", PNS, ("pppk_marker_on_pns",)),
    # §9.4 worked example 3: 30 February does not exist.
    ("197502302001031002", PNS, ("invalid_date",)),
    ("198702292009121006", PNS, ("invalid_date",)),  # 1987 is not a leap year
    ("198713012009121006", PNS, ("invalid_date",)),  # month 13 in the birth date
    ("000001012009121006", PNS, ("invalid_date",)),  # year 0000
    ("12345", PNS, ("wrong_length",)),
    ("", PNS, ("wrong_length",)),
    ("1987013120091210061", PNS, ("wrong_length",)),
    ("19870131200912100A", PNS, ("not_digits",)),
    ("1987-01-31/200912-1-006", PNS, ("not_digits", "wrong_length")),
    ("١٩٨٧٠١٣١٢٠٠٩١٢١٠٠٦", PNS, ("not_digits",)),  # Arabic-Indic digits
    ("202606162026061001", PNS, ("future_birth_date",)),
    ("198701311986121006", PNS, ("appointment_before_birth",)),
    ("198701312027121006", PNS, ("appointment_in_future",)),
    ("198701312009131006", PNS, ("month_out_of_range",)),
    ("198701312009001006", PNS, ("month_out_of_range",)),
    ("198701312009221006", PPPK, ("month_out_of_range",)),
    ("198701312009001006", PPPK, ("month_out_of_range",)),
    ("198701312009123006", PNS, ("gender_digit",)),
    ("198701312009120006", PPPK, ("gender_digit",)),
    ("198701312009121000", PNS, ("sequence_zero",)),
    # All errors are collected, not only the first.
    ("198701312009133006", PNS, ("month_out_of_range", "gender_digit")),
    (
        "197502302001211000",
        PNS,
        ("invalid_date", "pppk_marker_on_pns", "sequence_zero"),
    ),
    (
        "202701012028139000",
        PPPK,
        (
            "future_birth_date",
            "appointment_in_future",
            "month_out_of_range",
            "gender_digit",
            "sequence_zero",
        ),
    ),
]


@pytest.mark.parametrize(("raw", "kind", "codes"), INVALID_CASES)
def test_parse_nip_invalid(raw: str, kind: EmployeeKind, codes: tuple[str, ...]) -> None:
    with pytest.raises(NipError) as excinfo:
        parse_nip(raw, kind=kind, today=TODAY)
    assert excinfo.value.codes == codes
    assert tuple(i.code for i in excinfo.value.issues) == codes


PART_OF_CODE = {
    "not_digits": NipPart.LENGTH,
    "wrong_length": NipPart.LENGTH,
    "invalid_date": NipPart.BIRTH_DATE,
    "future_birth_date": NipPart.BIRTH_DATE,
    "appointment_before_birth": NipPart.APPOINTMENT_YEAR,
    "appointment_in_future": NipPart.APPOINTMENT_YEAR,
    "month_out_of_range": NipPart.APPOINTMENT_MONTH,
    "pppk_marker_on_pns": NipPart.APPOINTMENT_MONTH,
    "gender_digit": NipPart.GENDER,
    "sequence_zero": NipPart.SEQUENCE,
}


@pytest.mark.parametrize(("raw", "kind", "codes"), INVALID_CASES)
def test_issue_messages_name_the_part(raw: str, kind: EmployeeKind, codes: tuple[str, ...]) -> None:
    with pytest.raises(NipError) as excinfo:
        parse_nip(raw, kind=kind, today=TODAY)
    for issue in excinfo.value.issues:
        assert issue.part is PART_OF_CODE[issue.code]
        positions = issue.part.positions
        if positions is None:
            assert "NIP" in issue.message_id
            assert "NIP" in issue.message_en
        else:
            start, end = positions
            where = str(start) if start == end else f"{start}–{end}"
            assert f"digit {where}" in issue.message_id.lower()
            assert f"digit{'' if start == end else 's'} {where}" in issue.message_en.lower()
        assert issue.message_id.endswith(".")
        assert issue.message_en.endswith(".")


# code, raw, kind, exact Indonesian message
MESSAGE_CASES = [
    (
        "invalid_date",
        "197502302001031002",
        PNS,
        "Tanggal lahir pada digit 1–8 (19750230) bukan tanggal yang sah.",
    ),
    (
        "future_birth_date",
        "202606162026061001",
        PNS,
        ("Tanggal lahir pada digit 1–8 (20260616, 16 Juni 2026) jatuh setelah hari ini (15 Juni 2026)."),
    ),
    (
        "appointment_before_birth",
        "198701311986121006",
        PNS,
        ("Tahun pengangkatan (TMT) pada digit 9–12 (1986) lebih awal dari tahun lahir pada digit 1–4 (1987)."),
    ),
    (
        "appointment_in_future",
        "198701312027121006",
        PNS,
        ("Tahun pengangkatan (TMT) pada digit 9–12 (2027) melewati tahun berjalan (2026)."),
    ),
    (
        "month_out_of_range",
        "198701312009131006",
        PNS,
        "Bulan TMT CPNS pada digit 13–14 (13) harus 01–12.",
    ),
    (
        "month_out_of_range",
        "198701312009221006",
        PPPK,
        'Digit 13–14 (22) harus bulan pengangkatan 01–12 atau penanda PPPK "21".',
    ),
    (
        "pppk_marker_on_pns",
        "199601292023211010",
        PNS,
        (
            'Digit 13–14 berisi "21": itu penanda NIP PPPK, bukan bulan TMT CPNS '
            "(01–12). Periksa apakah pegawai ini sebenarnya PPPK."
        ),
    ),
    (
        "gender_digit",
        "198701312009123006",
        PNS,
        "Digit 15 (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan), bukan 3.",
    ),
    (
        "sequence_zero",
        "198701312009121000",
        PNS,
        "Nomor urut pada digit 16–18 tidak boleh 000 (harus 001–999).",
    ),
    (
        "wrong_length",
        "12345",
        PNS,
        "NIP harus terdiri dari 18 digit (tanpa spasi), tetapi panjangnya 5 karakter.",
    ),
    (
        "not_digits",
        "19870131200912100A",
        PNS,
        "NIP hanya boleh berisi angka; ditemukan karakter bukan angka: 'A'.",
    ),
]


@pytest.mark.parametrize(("code", "raw", "kind", "message"), MESSAGE_CASES)
def test_issue_message_id(code: str, raw: str, kind: EmployeeKind, message: str) -> None:
    with pytest.raises(NipError) as excinfo:
        parse_nip(raw, kind=kind, today=TODAY)
    (issue,) = excinfo.value.issues
    assert issue.code == code
    assert issue.message_id == message
    assert str(excinfo.value) == message


# raw, expected warning codes
WARNING_CASES = [
    ("198701312009121006", ()),
    ("198701312005121006", ()),  # exactly 18 years after the birth year
    ("198701312004121006", ("appointment_before_age_18",)),
    ("198701311987121006", ("appointment_before_age_18",)),  # appointed in birth year
]


@pytest.mark.parametrize(("raw", "codes"), WARNING_CASES)
def test_appointment_before_age_18_is_a_warning(raw: str, codes: tuple[str, ...]) -> None:
    info = parse_nip(raw, kind=PNS, today=TODAY)
    assert tuple(w.code for w in info.warnings) == codes
    for warning in info.warnings:
        assert warning.part is NipPart.APPOINTMENT_YEAR
        assert "digit 9–12" in warning.message_id
        assert "digits 9–12" in warning.message_en


def test_warning_message_text() -> None:
    info = parse_nip("198701312000121006", kind=PNS, today=TODAY)
    assert info.warnings == (
        NipIssue(
            part=NipPart.APPOINTMENT_YEAR,
            code="appointment_before_age_18",
            message_id=(
                "Tahun pengangkatan (TMT) pada digit 9–12 (2000) hanya 13 tahun "
                "setelah tahun lahir (1987); usia minimum CPNS 18 tahun. "
                "Periksa digit 1–8 dan 9–12."
            ),
            message_en=(
                "The appointment (TMT) year in digits 9–12 (2000) is only 13 "
                "years after the birth year (1987); the minimum CPNS age is 18. "
                "Check digits 1–8 and 9–12."
            ),
        ),
    )


def test_nip_error_is_a_picklable_value_error() -> None:
    with pytest.raises(ValueError, match="bukan tanggal yang sah") as excinfo:
        parse_nip("197502302001031002", kind=PNS, today=TODAY)
    error = excinfo.value
    assert isinstance(error, NipError)
    clone = pickle.loads(pickle.dumps(error))
    assert isinstance(clone, NipError)
    assert clone.issues == error.issues
    assert str(clone) == str(error)


@st.composite
def nip_parts(
    draw: st.DrawFn,
) -> tuple[str, EmployeeKind, date, int, int | None, Gender, int]:
    kind = draw(st.sampled_from(EmployeeKind))
    birth = draw(st.dates(min_value=date(1940, 1, 1), max_value=TODAY))
    year = draw(st.integers(min_value=birth.year, max_value=TODAY.year))
    months = st.integers(min_value=1, max_value=12)
    month = draw(st.one_of(months, st.none()) if kind is PPPK else months)
    gender = draw(st.sampled_from(Gender))
    sequence = draw(st.integers(min_value=1, max_value=999))
    month_digits = "21" if month is None else f"{month:02d}"
    gender_digit = "1" if gender is Gender.MALE else "2"
    nip = f"{birth:%Y%m%d}{year:04d}{month_digits}{gender_digit}{sequence:03d}"
    return nip, kind, birth, year, month, gender, sequence


@given(nip_parts())
def test_built_nip_parses_back_to_its_parts(
    parts: tuple[str, EmployeeKind, date, int, int | None, Gender, int],
) -> None:
    nip, kind, birth, year, month, gender, sequence = parts
    info = parse_nip(nip, kind=kind, today=TODAY)
    assert info.nip == nip
    assert info.birth_date == birth
    assert info.appointment_year == year
    assert info.appointment_month == month
    assert info.is_pppk_marker is (month is None)
    assert info.gender is gender
    assert info.sequence == sequence
    expect_warning = year < birth.year + 18
    assert bool(info.warnings) is expect_warning
    # The printed form with spaces parses to the same result.
    assert parse_nip(info.formatted, kind=kind, today=TODAY) == info


@given(
    st.text(alphabet="0123456789", min_size=18, max_size=18),
    st.sampled_from(EmployeeKind),
)
def test_any_18_digits_either_parse_or_raise_nip_error(raw: str, kind: EmployeeKind) -> None:
    issues: tuple[NipIssue, ...] = ()
    try:
        info = parse_nip(raw, kind=kind, today=TODAY)
    except NipError as error:
        issues = error.issues
        assert issues, "a NipError always carries at least one issue"
    else:
        assert info.nip == raw
    # 18 digits always pass the shape check, so issues name a located part.
    assert all(issue.part is not NipPart.LENGTH for issue in issues)
