"""Parse and validate the 18-digit NIP (Nomor Induk Pegawai) of PNS and PPPK.

Legal and data sources (``domain/rules.md`` §9.4):

- Layout [H] (many SIMPEG code bases, BKN descriptions), 1-based positions:

  - 1–8: date of birth ``YYYYMMDD``, a valid calendar date (women get no +40
    on the day; that is the NIK rule, not the NIP);
  - 9–14: TMT CPNS ``YYYYMM`` (year and month of the CPNS appointment);
  - 15: gender, ``1`` male, ``2`` female;
  - 16–18: sequence number ``001``–``999``.

- Validation rules [M-H]: exactly 18 digits once spaces are stripped (NIPs are
  printed as ``19870131 200912 1 006``); birth date valid and not after ``today``;
  TMT month 01–12; gender digit 1 or 2; sequence not ``000``; TMT year at least
  birth year + 18 is a *heuristic* (minimum CPNS age) and therefore only a
  **warning**.
- Appointment year plausibility (not before the birth year, not after the
  current year) is this module's own consistency check, not a regulation. [M]
- PPPK NIP [M] (SQL dumps and seeds with a P3K flag; *not* in an official spec,
  see ``domain/rules.md`` §13 item 12): same layout, positions 9–12 are the
  appointment year and positions 13–14 hold the marker ``"21"`` instead of a
  month. For PPPK, positions 13–14 are not validated as a month; a PPPK NIP with
  a real month 01–12 is accepted too. A ``"21"`` on a PNS is an error that says
  the number looks like a PPPK NIP.

Effective: the 18-digit NIP replaced the 9-digit "NIP lama" in 2008 [M] (the BKN
regulation on it, recalled as Peraturan Kepala BKN 22/2007, is [L]: not checked).
The PPPK kind exists since PP 49/2018; the ASN law is now UU 20/2023 [H]
(enacted 31 October 2023 [M]).

Pure module: no Django, no clock (``today`` is passed in), no I/O.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pamong.people.rules.dates import date_en, date_id
from pamong.people.rules.kinds import EmployeeKind, Gender

NIP_LENGTH = 18
PPPK_MARKER = "21"
MIN_APPOINTMENT_AGE = 18

_DIGITS = frozenset("0123456789")


class NipPart(StrEnum):
    """The part of the NIP an issue is about."""

    LENGTH = "length"
    BIRTH_DATE = "birth_date"
    APPOINTMENT_YEAR = "appointment_year"
    APPOINTMENT_MONTH = "appointment_month"
    GENDER = "gender"
    SEQUENCE = "sequence"

    @property
    def positions(self) -> tuple[int, int] | None:
        """1-based inclusive digit positions; ``None`` for the whole NIP."""
        return _POSITIONS[self]


_POSITIONS: dict[NipPart, tuple[int, int] | None] = {
    NipPart.LENGTH: None,
    NipPart.BIRTH_DATE: (1, 8),
    NipPart.APPOINTMENT_YEAR: (9, 12),
    NipPart.APPOINTMENT_MONTH: (13, 14),
    NipPart.GENDER: (15, 15),
    NipPart.SEQUENCE: (16, 18),
}


@dataclass(frozen=True)
class NipIssue:
    """One problem found in a NIP: which part, a stable code, and messages.

    Codes: ``not_digits``, ``wrong_length`` (LENGTH); ``invalid_date``,
    ``future_birth_date`` (BIRTH_DATE); ``appointment_before_birth``,
    ``appointment_in_future``, ``appointment_before_age_18`` (APPOINTMENT_YEAR;
    the last one is only ever a warning); ``month_out_of_range``,
    ``pppk_marker_on_pns`` (APPOINTMENT_MONTH); ``gender_digit`` (GENDER);
    ``sequence_zero`` (SEQUENCE).
    """

    part: NipPart
    code: str
    message_id: str
    message_en: str


@dataclass(frozen=True)
class NipInfo:
    """The decoded parts of a valid NIP, plus any warnings."""

    nip: str
    birth_date: date
    appointment_year: int
    appointment_month: int | None  # None when positions 13–14 hold the PPPK marker
    gender: Gender
    sequence: int
    is_pppk_marker: bool
    warnings: tuple[NipIssue, ...] = ()

    @property
    def formatted(self) -> str:
        """The NIP in its usual printed form, e.g. ``19870131 200912 1 006``."""
        n = self.nip
        return f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}"


class NipError(ValueError):
    """The NIP is invalid. ``issues`` lists every error found, in digit order."""

    def __init__(self, issues: tuple[NipIssue, ...]) -> None:
        self.issues = issues
        super().__init__(" ".join(issue.message_id for issue in issues))

    def __reduce__(self) -> tuple[type["NipError"], tuple[tuple[NipIssue, ...]]]:
        # Keep the exception picklable (task queues) although __init__ takes issues.
        return (type(self), (self.issues,))

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(issue.code for issue in self.issues)


def normalize_nip(raw: str) -> str:
    """Remove all whitespace (spaces, tabs, non-breaking spaces) from ``raw``."""
    return "".join(raw.split())


def _check_shape(nip: str) -> tuple[NipIssue, ...]:
    issues: list[NipIssue] = []
    bad = "".join(sorted({c for c in nip if c not in _DIGITS}))
    if bad:
        issues.append(
            NipIssue(
                part=NipPart.LENGTH,
                code="not_digits",
                message_id=(f"NIP hanya boleh berisi angka; ditemukan karakter bukan angka: {bad!r}."),
                message_en=(f"The NIP may contain digits only; found non-digit characters: {bad!r}."),
            )
        )
    if len(nip) != NIP_LENGTH:
        issues.append(
            NipIssue(
                part=NipPart.LENGTH,
                code="wrong_length",
                message_id=(
                    f"NIP harus terdiri dari {NIP_LENGTH} digit (tanpa spasi), tetapi panjangnya {len(nip)} karakter."
                ),
                message_en=(
                    f"The NIP must be exactly {NIP_LENGTH} digits (without spaces), "
                    f"but it is {len(nip)} characters long."
                ),
            )
        )
    return tuple(issues)


def _parse_birth_date(digits: str) -> date | None:
    try:
        return date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def parse_nip(raw: str, *, kind: EmployeeKind, today: date) -> NipInfo:
    """Validate and decode a NIP (spaces allowed) for an employee of ``kind``.

    Raises ``NipError`` with every error found. If the NIP is not 18 digits the
    parts cannot be located, so only the length/digit issues are reported.
    Heuristic findings (TMT before age 18) come back in ``NipInfo.warnings``.
    """
    nip = normalize_nip(raw)
    shape_issues = _check_shape(nip)
    if shape_issues:
        raise NipError(shape_issues)

    errors: list[NipIssue] = []

    # Positions 1–8: date of birth.
    birth_raw = nip[0:8]
    birth_date = _parse_birth_date(birth_raw)
    if birth_date is None:
        errors.append(
            NipIssue(
                part=NipPart.BIRTH_DATE,
                code="invalid_date",
                message_id=(f"Tanggal lahir pada digit 1–8 ({birth_raw}) bukan tanggal yang sah."),
                message_en=(f"The birth date in digits 1–8 ({birth_raw}) is not a valid calendar date."),
            )
        )
    elif birth_date > today:
        errors.append(
            NipIssue(
                part=NipPart.BIRTH_DATE,
                code="future_birth_date",
                message_id=(
                    f"Tanggal lahir pada digit 1–8 ({birth_raw}, "
                    f"{date_id(birth_date)}) jatuh setelah hari ini "
                    f"({date_id(today)})."
                ),
                message_en=(
                    f"The birth date in digits 1–8 ({birth_raw}, "
                    f"{date_en(birth_date)}) is after today ({date_en(today)})."
                ),
            )
        )

    # Positions 9–12: appointment (TMT) year. Compared with the year digits 1–4
    # even when the full birth date is invalid (e.g. 30 Feb): the year still reads.
    birth_year = int(nip[0:4])
    year_raw = nip[8:12]
    appointment_year = int(year_raw)
    if appointment_year < birth_year:
        errors.append(
            NipIssue(
                part=NipPart.APPOINTMENT_YEAR,
                code="appointment_before_birth",
                message_id=(
                    f"Tahun pengangkatan (TMT) pada digit 9–12 ({year_raw}) lebih awal "
                    f"dari tahun lahir pada digit 1–4 ({birth_year})."
                ),
                message_en=(
                    f"The appointment (TMT) year in digits 9–12 ({year_raw}) is before "
                    f"the birth year in digits 1–4 ({birth_year})."
                ),
            )
        )
    if appointment_year > today.year:
        errors.append(
            NipIssue(
                part=NipPart.APPOINTMENT_YEAR,
                code="appointment_in_future",
                message_id=(
                    f"Tahun pengangkatan (TMT) pada digit 9–12 ({year_raw}) melewati tahun berjalan ({today.year})."
                ),
                message_en=(
                    f"The appointment (TMT) year in digits 9–12 ({year_raw}) is after the current year ({today.year})."
                ),
            )
        )

    # Positions 13–14: TMT month, or the PPPK marker "21".
    month_raw = nip[12:14]
    appointment_month: int | None = None
    is_pppk_marker = False
    if month_raw == PPPK_MARKER:
        if kind is EmployeeKind.PPPK:
            is_pppk_marker = True
        else:
            errors.append(
                NipIssue(
                    part=NipPart.APPOINTMENT_MONTH,
                    code="pppk_marker_on_pns",
                    message_id=(
                        'Digit 13–14 berisi "21": itu penanda NIP PPPK, bukan '
                        "bulan TMT CPNS (01–12). Periksa apakah pegawai ini "
                        "sebenarnya PPPK."
                    ),
                    message_en=(
                        'Digits 13–14 are "21": that is the PPPK NIP marker, not '
                        "a CPNS appointment month (01–12). Check whether this "
                        "employee is a PPPK."
                    ),
                )
            )
    elif 1 <= int(month_raw) <= 12:
        appointment_month = int(month_raw)
    elif kind is EmployeeKind.PPPK:
        errors.append(
            NipIssue(
                part=NipPart.APPOINTMENT_MONTH,
                code="month_out_of_range",
                message_id=(f'Digit 13–14 ({month_raw}) harus bulan pengangkatan 01–12 atau penanda PPPK "21".'),
                message_en=(f'Digits 13–14 ({month_raw}) must be an appointment month 01–12 or the PPPK marker "21".'),
            )
        )
    else:
        errors.append(
            NipIssue(
                part=NipPart.APPOINTMENT_MONTH,
                code="month_out_of_range",
                message_id=(f"Bulan TMT CPNS pada digit 13–14 ({month_raw}) harus 01–12."),
                message_en=(f"The CPNS appointment month in digits 13–14 ({month_raw}) must be 01–12."),
            )
        )

    # Position 15: gender.
    gender_raw = nip[14]
    gender: Gender | None = {"1": Gender.MALE, "2": Gender.FEMALE}.get(gender_raw)
    if gender is None:
        errors.append(
            NipIssue(
                part=NipPart.GENDER,
                code="gender_digit",
                message_id=(f"Digit 15 (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan), bukan {gender_raw}."),
                message_en=(f"Digit 15 (gender) must be 1 (male) or 2 (female), not {gender_raw}."),
            )
        )

    # Positions 16–18: sequence number.
    sequence_raw = nip[15:18]
    sequence = int(sequence_raw)
    if sequence == 0:
        errors.append(
            NipIssue(
                part=NipPart.SEQUENCE,
                code="sequence_zero",
                message_id=("Nomor urut pada digit 16–18 tidak boleh 000 (harus 001–999)."),
                message_en=("The sequence number in digits 16–18 must not be 000 (001–999)."),
            )
        )

    # No errors means both parsed; the None checks only narrow the types.
    if errors or birth_date is None or gender is None:
        raise NipError(tuple(errors))

    warnings: list[NipIssue] = []
    if appointment_year < birth_date.year + MIN_APPOINTMENT_AGE:
        age = appointment_year - birth_date.year
        warnings.append(
            NipIssue(
                part=NipPart.APPOINTMENT_YEAR,
                code="appointment_before_age_18",
                message_id=(
                    f"Tahun pengangkatan (TMT) pada digit 9–12 ({year_raw}) "
                    f"hanya {age} tahun setelah tahun lahir ({birth_date.year}); "
                    f"usia minimum CPNS {MIN_APPOINTMENT_AGE} tahun. "
                    "Periksa digit 1–8 dan 9–12."
                ),
                message_en=(
                    f"The appointment (TMT) year in digits 9–12 ({year_raw}) "
                    f"is only {age} years after the birth year ({birth_date.year}); "
                    f"the minimum CPNS age is {MIN_APPOINTMENT_AGE}. "
                    "Check digits 1–8 and 9–12."
                ),
            )
        )

    return NipInfo(
        nip=nip,
        birth_date=birth_date,
        appointment_year=appointment_year,
        appointment_month=appointment_month,
        gender=gender,
        sequence=sequence,
        is_pppk_marker=is_pppk_marker,
        warnings=tuple(warnings),
    )
