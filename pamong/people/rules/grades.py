"""PNS golongan/ruang with pangkat, PPPK golongan, and entry grade by education.

Sources (``domain/rules.md`` §9.1–9.2):

- PNS golongan/ruang I/a–IV/e and pangkat names: PP 99/2000 (Kenaikan Pangkat
  PNS) naming [H]; amended by PP 12/2002 [M]. 17 ranks, ordered 1…17.
- PPPK golongan I–XVII: Perpres 98/2020 (Gaji dan Tunjangan PPPK) [M-H].
  PPPK have no pangkat.
- Entry golongan by highest education [M-H]: SD → I/a; SMP → I/c; SMA / D-I →
  II/a; D-II → II/b; D-III → II/c; S1 / D-IV → III/a; S2 → III/b; S3 → III/c.
  The aliases SLTP (= SMP) and SLTA / SMK (= SMA) are this module's reading of
  "sederajat" [M]. Professional degrees (dokter, apoteker, spesialis) are not
  encoded: not in the reference; check PP 99/2000 before adding them [UNCONFIRMED].

Effective: PP 99/2000 since 2000 (still the naming in use); Perpres 98/2020
since 2020.

Pure module: no Django, no clock, no I/O.
"""

from dataclasses import dataclass

_ROMAN_1_TO_17 = (
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
)

# Characters ignored when reading a loosely typed code ("III/a", "III-a", "III a").
_SEPARATORS = frozenset("/-–—._,")
_PREFIXES = ("GOLONGAN", "GOL")


class GradeError(ValueError):
    """Unknown golongan/ruang or education level. ``str()`` is the Indonesian text."""

    def __init__(self, message_id: str, message_en: str) -> None:
        self.message_id = message_id
        self.message_en = message_en
        super().__init__(message_id)

    def __reduce__(self) -> tuple[type["GradeError"], tuple[str, str]]:
        return (type(self), (self.message_id, self.message_en))


@dataclass(frozen=True, order=True)
class Grade:
    """A PNS golongan/ruang. Ordering follows ``ordinal`` (I/a = 1 … IV/e = 17)."""

    ordinal: int
    code: str  # "III/a"
    golongan: int  # 1..4
    ruang: str  # "a".."e"
    pangkat: str

    def __str__(self) -> str:
        return f"{self.pangkat} ({self.code})"


@dataclass(frozen=True, order=True)
class PppkGrade:
    """A PPPK golongan I–XVII (no ruang, no pangkat)."""

    ordinal: int  # 1..17
    code: str  # "IX"

    def __str__(self) -> str:
        return f"Golongan {self.code}"


def _pns(ordinal: int, golongan: int, ruang: str, pangkat: str) -> Grade:
    return Grade(
        ordinal=ordinal,
        code=f"{_ROMAN_1_TO_17[golongan - 1]}/{ruang}",
        golongan=golongan,
        ruang=ruang,
        pangkat=pangkat,
    )


PNS_GRADES: tuple[Grade, ...] = (
    _pns(1, 1, "a", "Juru Muda"),
    _pns(2, 1, "b", "Juru Muda Tingkat I"),
    _pns(3, 1, "c", "Juru"),
    _pns(4, 1, "d", "Juru Tingkat I"),
    _pns(5, 2, "a", "Pengatur Muda"),
    _pns(6, 2, "b", "Pengatur Muda Tingkat I"),
    _pns(7, 2, "c", "Pengatur"),
    _pns(8, 2, "d", "Pengatur Tingkat I"),
    _pns(9, 3, "a", "Penata Muda"),
    _pns(10, 3, "b", "Penata Muda Tingkat I"),
    _pns(11, 3, "c", "Penata"),
    _pns(12, 3, "d", "Penata Tingkat I"),
    _pns(13, 4, "a", "Pembina"),
    _pns(14, 4, "b", "Pembina Tingkat I"),
    _pns(15, 4, "c", "Pembina Utama Muda"),
    _pns(16, 4, "d", "Pembina Utama Madya"),
    _pns(17, 4, "e", "Pembina Utama"),
)

PPPK_GRADES: tuple[PppkGrade, ...] = tuple(
    PppkGrade(ordinal=i, code=roman) for i, roman in enumerate(_ROMAN_1_TO_17, start=1)
)

_PNS_BY_KEY: dict[tuple[int, str], Grade] = {(g.golongan, g.ruang): g for g in PNS_GRADES}
_PNS_BY_CODE: dict[str, Grade] = {g.code: g for g in PNS_GRADES}
_GOLONGAN_TOKENS: dict[str, int] = {
    **{roman: i for i, roman in enumerate(_ROMAN_1_TO_17[:4], start=1)},
    **{str(i): i for i in range(1, 5)},
}
_PPPK_BY_ROMAN: dict[str, PppkGrade] = {g.code: g for g in PPPK_GRADES}

# Normalised education token -> PNS grade code (see module docstring).
EDUCATION_ENTRY_GRADES: dict[str, str] = {
    "SD": "I/a",
    "SMP": "I/c",
    "SLTP": "I/c",
    "SMA": "II/a",
    "SLTA": "II/a",
    "SMK": "II/a",
    "DI": "II/a",
    "D1": "II/a",
    "DII": "II/b",
    "D2": "II/b",
    "DIII": "II/c",
    "D3": "II/c",
    "S1": "III/a",
    "DIV": "III/a",
    "D4": "III/a",
    "S2": "III/b",
    "S3": "III/c",
}


def _squash(raw: str) -> str:
    """Upper-case and drop whitespace and separators: ``" iii / a "`` -> ``"IIIA"``."""
    return "".join(c for c in raw.upper() if not c.isspace() and c not in _SEPARATORS)


def _strip_prefix(token: str) -> str:
    for prefix in _PREFIXES:
        if token.startswith(prefix):
            return token[len(prefix) :]
    return token


def grade_by_code(code: str) -> Grade:
    """Return the PNS grade for a loosely written code.

    Accepts ``"III/a"``, ``"III a"``, ``"IIIa"``, ``"III-a"``, ``"III.a"``,
    ``"3a"``, ``"3/a"``, any letter case, and an optional ``"Gol."`` prefix.
    Raises ``GradeError`` otherwise.
    """
    token = _strip_prefix(_squash(code))
    if len(token) >= 2:
        golongan = _GOLONGAN_TOKENS.get(token[:-1])
        if golongan is not None:
            grade = _PNS_BY_KEY.get((golongan, token[-1].lower()))
            if grade is not None:
                return grade
    raise GradeError(
        f'Golongan/ruang "{code}" tidak dikenal. Gunakan bentuk seperti "III/a" '
        "(I/a–I/d, II/a–II/d, III/a–III/d, IV/a–IV/e).",
        f'Unknown PNS grade (golongan/ruang) "{code}". Use a form like "III/a" '
        "(I/a–I/d, II/a–II/d, III/a–III/d, IV/a–IV/e).",
    )


def pppk_grade_by_code(code: str) -> PppkGrade:
    """Return the PPPK golongan for ``"IX"``, ``"ix"``, ``"9"``, ``"Gol. IX"``.

    Raises ``GradeError`` for anything outside I–XVII / 1–17.
    """
    token = _strip_prefix(_squash(code))
    grade: PppkGrade | None
    if token.isascii() and token.isdigit():
        number = int(token)
        grade = PPPK_GRADES[number - 1] if 1 <= number <= len(PPPK_GRADES) else None
    else:
        grade = _PPPK_BY_ROMAN.get(token)
    if grade is not None:
        return grade
    raise GradeError(
        f'Golongan PPPK "{code}" tidak dikenal. Gunakan I–XVII (atau angka 1–17).',
        f'Unknown PPPK grade "{code}". Use I–XVII (or the numbers 1–17).',
    )


def entry_grade_for_education(level: str) -> Grade:
    """Entry PNS grade for the highest education ``level`` (``"S1"``, ``"D-III"``, ...).

    Accepts any case and separators (``"D-III"``, ``"D III"``, ``"d3"``, ``"S-1"``).
    Raises ``GradeError`` for an unknown level.
    """
    code = EDUCATION_ENTRY_GRADES.get(_squash(level))
    if code is None:
        raise GradeError(
            f'Jenjang pendidikan "{level}" tidak dikenal. Gunakan SD, SMP, SMA, '
            "D-I, D-II, D-III, D-IV, S1, S2 atau S3.",
            f'Unknown education level "{level}". Use SD, SMP, SMA, D-I, D-II, D-III, D-IV, S1, S2 or S3.',
        )
    return _PNS_BY_CODE[code]
