"""The obligations and prohibitions of PP 94/2021 a case can be opened for, as a catalogue of codes.

Sources (``domain/rules.md`` §1.2) [H for the structure, M for the paraphrases]:

- **Pasal 3**: eight general obligations (huruf a–h): loyalty to Pancasila, the UUD 1945, NKRI and the
  lawful government; obeying the law; carrying out official duties; showing integrity; and others.
- **Pasal 4**: nine further obligations (huruf a–i), among them (e) filing the wealth report (LHKPN/LHKASN),
  (f) **coming to work and keeping working hours** (the attendance obligation behind the absence ladder),
  (g) looking after state property (BMN).
- **Pasal 5**: the prohibitions (huruf a–n), e.g. abuse of authority, acting for a foreign party, misusing state
  property, unofficial levies (pungutan liar), blocking official work, supporting candidates in elections.

Only the letters whose content the reference gives are described; every other letter is offered by its
article and letter alone ("Pasal 5 huruf h"), and the case's own description says what happened. The
official wording is not reproduced (the gazette PDF was not available); check it before quoting in a letter.

Pure module: no Django, no clock, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .errors import DisciplineRuleError

SOURCE = "PP 94/2021 Pasal 3–5"

#: The attendance obligation the absence ladder enforces (Pasal 4 huruf f).
ATTENDANCE = "4f"


@dataclass(frozen=True, slots=True)
class Violation:
    code: str  # "4f": article and letter
    article: int
    letter: str
    kind: str  # "obligation" or "prohibition"
    label_id: str

    @property
    def reference_id(self) -> str:
        return f"Pasal {self.article} huruf {self.letter}"


_KNOWN: Mapping[str, str] = MappingProxyType(
    {
        "3a": "Setia dan taat kepada Pancasila, UUD 1945, NKRI, dan pemerintah yang sah",
        "3d": "Menaati ketentuan peraturan perundang-undangan",
        "3e": "Melaksanakan tugas kedinasan dengan penuh pengabdian dan tanggung jawab",
        "3f": "Menunjukkan integritas dan keteladanan",
        "4e": "Menyampaikan laporan harta kekayaan (LHKPN/LHKASN) sesuai ketentuan",
        "4f": "Masuk kerja dan menaati ketentuan jam kerja",
        "4g": "Menggunakan dan memelihara barang milik negara dengan sebaik-baiknya",
        "5a": "Menyalahgunakan wewenang",
        "5b": "Menjadi perantara atau bertindak untuk kepentingan pihak asing",
        "5d": "Menyalahgunakan barang milik negara",
        "5h": "Melakukan pungutan di luar ketentuan",
        "5j": "Menghalangi berjalannya tugas kedinasan",
        "5n": "Memberikan dukungan kepada calon presiden, anggota legislatif, atau kepala daerah",
    }
)
_LETTERS = {3: "abcdefgh", 4: "abcdefghi", 5: "abcdefghijklmn"}


def _entry(article: int, letter: str) -> Violation:
    code = f"{article}{letter}"
    kind = "prohibition" if article == 5 else "obligation"
    default = ("Larangan" if article == 5 else "Kewajiban") + f" Pasal {article} huruf {letter}"
    return Violation(code, article, letter, kind, _KNOWN.get(code, default))


CATALOGUE: Mapping[str, Violation] = MappingProxyType(
    {f"{a}{letter}": _entry(a, letter) for a, letters in _LETTERS.items() for letter in letters}
)


def violation(code: str) -> Violation:
    """The catalogue entry of ``code`` ("4f", "5h"); an unknown code is refused naming the valid range."""
    try:
        return CATALOGUE[code.strip().lower()]
    except KeyError:
        raise DisciplineRuleError(
            "unknown_violation",
            f"Pelanggaran {code!r} tidak ada dalam katalog: pilih kewajiban Pasal 3 huruf a–h, Pasal 4 huruf a–i, "
            f"atau larangan Pasal 5 huruf a–n ({SOURCE}).",
            f"Violation {code!r} is not in the catalogue: choose an obligation of Pasal 3 (a–h), Pasal 4 (a–i) or a "
            f"prohibition of Pasal 5 (a–n) ({SOURCE}).",
            field="violations",
            source=SOURCE,
        ) from None
