"""Eselon levels, position (jabatan) types, and which eselon fits which type.

Sources (``domain/rules.md`` §9.3):

- Eselon levels I.a, I.b, II.a, II.b, III.a, III.b, IV.a, IV.b: PP 100/2000
  (Pengangkatan PNS dalam Jabatan Struktural) as amended by PP 13/2002 [H].
  Eselon V.a is abolished and is rejected here.
- Position types of UU 5/2014 (ASN law, now UU 20/2023): JPT Pratama,
  Administrator, Pengawas, Pelaksana, Fungsional [H].
- Eselon per position type in a kabupaten [M] (secondary sources):
  JPT Pratama = II.a (Sekda) or II.b (asisten, staf ahli, kepala dinas/badan,
  inspektur, sekretaris DPRD); Administrator = III.a or III.b; Pengawas = IV.a
  or IV.b; Pelaksana and Fungsional have no eselon. Eselon I (JPT Madya/Utama)
  does not occur in a kabupaten. The lurah's eselon varies by regulation era;
  check the local SOTK.
- Not encoded here: the pangkat range per eselon (PP 13/2002 Lampiran) is from
  memory [M] and an open point (§13 item 11); the 2021–2022 bureaucracy
  simplification (PermenPANRB 25/2021) moved many eselon III/IV posts into
  Fungsional, which this mapping already allows (no eselon).

Effective: PP 13/2002 since 2002; UU 5/2014 since 15 January 2014 [M], replaced by
UU 20/2023 [H] (enacted 31 October 2023 [M]) with the same position types.

Pure module: no Django, no clock, no I/O.
"""

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class Eselon(StrEnum):
    """Structural eselon level (value as usually written, e.g. ``"II.a"``)."""

    I_A = "I.a"
    I_B = "I.b"
    II_A = "II.a"
    II_B = "II.b"
    III_A = "III.a"
    III_B = "III.b"
    IV_A = "IV.a"
    IV_B = "IV.b"


class PositionType(StrEnum):
    """Jabatan type under the ASN law."""

    JPT_PRATAMA = "jpt_pratama"
    ADMINISTRATOR = "administrator"
    PENGAWAS = "pengawas"
    PELAKSANA = "pelaksana"
    FUNGSIONAL = "fungsional"


POSITION_TYPE_LABELS: Mapping[PositionType, str] = MappingProxyType(
    {
        PositionType.JPT_PRATAMA: "JPT Pratama",
        PositionType.ADMINISTRATOR: "Administrator",
        PositionType.PENGAWAS: "Pengawas",
        PositionType.PELAKSANA: "Pelaksana",
        PositionType.FUNGSIONAL: "Fungsional",
    }
)

# [M] kabupaten mapping; an empty set means the type carries no eselon.
ALLOWED_ECHELONS: Mapping[PositionType, frozenset[Eselon]] = MappingProxyType(
    {
        PositionType.JPT_PRATAMA: frozenset({Eselon.II_A, Eselon.II_B}),
        PositionType.ADMINISTRATOR: frozenset({Eselon.III_A, Eselon.III_B}),
        PositionType.PENGAWAS: frozenset({Eselon.IV_A, Eselon.IV_B}),
        PositionType.PELAKSANA: frozenset(),
        PositionType.FUNGSIONAL: frozenset(),
    }
)

_SEPARATORS = frozenset("/-–—._,")
_LEVEL_TOKENS: dict[str, str] = {
    "I": "I",
    "II": "II",
    "III": "III",
    "IV": "IV",
    "1": "I",
    "2": "II",
    "3": "III",
    "4": "IV",
}
_ABOLISHED_LEVELS = frozenset({"V", "5"})


class EchelonError(ValueError):
    """An unreadable or abolished eselon. ``str()`` is the Indonesian text."""

    def __init__(self, message_id: str, message_en: str) -> None:
        self.message_id = message_id
        self.message_en = message_en
        super().__init__(message_id)

    def __reduce__(self) -> tuple[type["EchelonError"], tuple[str, str]]:
        return (type(self), (self.message_id, self.message_en))


def parse_echelon(raw: str) -> Eselon:
    """Read a loosely written eselon.

    Accepts ``"II.a"``, ``"IIa"``, ``"II a"``, ``"II/a"``, ``"II-a"``, ``"2a"``,
    any letter case, and an optional ``"Eselon"`` prefix. Raises ``EchelonError``
    otherwise, with a specific message for the abolished eselon V.
    """
    token = "".join(c for c in raw.upper() if not c.isspace() and c not in _SEPARATORS)
    token = token.removeprefix("ESELON")
    level, sub = token[:-1], token[-1:].lower()
    if level in _ABOLISHED_LEVELS:
        raise EchelonError(
            f'Eselon "{raw}" tidak berlaku lagi: eselon V sudah dihapus (PP 13/2002). Gunakan I.a–IV.b.',
            f'Eselon "{raw}" no longer exists: eselon V was abolished (PP 13/2002). Use I.a–IV.b.',
        )
    roman = _LEVEL_TOKENS.get(level)
    if roman is not None and sub in ("a", "b"):
        return Eselon(f"{roman}.{sub}")
    raise EchelonError(
        f'Eselon "{raw}" tidak dikenal. Gunakan bentuk seperti "II.a" (I.a–IV.b).',
        f'Unknown eselon "{raw}". Use a form like "II.a" (I.a–IV.b).',
    )


def allowed_echelons(position_type: PositionType) -> frozenset[Eselon]:
    """The eselon levels that fit ``position_type`` (empty: no eselon)."""
    return ALLOWED_ECHELONS[position_type]


def _join_id(echelons: frozenset[Eselon]) -> str:
    values = sorted(e.value for e in echelons)
    return " atau ".join(values)


def check_echelon(position_type: PositionType, eselon: Eselon | None) -> str | None:
    """Return an Indonesian error message if ``eselon`` does not fit, else ``None``.

    JPT Pratama, Administrator and Pengawas need one of their eselon levels;
    Pelaksana and Fungsional must have none.
    """
    allowed = ALLOWED_ECHELONS[position_type]
    label = POSITION_TYPE_LABELS[position_type]
    if not allowed:
        if eselon is None:
            return None
        return f"Jabatan {label} tidak memiliki eselon; kosongkan eselon (tercatat {eselon.value})."
    if eselon is None:
        return f"Jabatan {label} harus memiliki eselon {_join_id(allowed)}."
    if eselon in allowed:
        return None
    message = f"Eselon {eselon.value} tidak sesuai untuk jabatan {label}; yang sesuai: {_join_id(allowed)}."
    if eselon in (Eselon.I_A, Eselon.I_B):
        message += " Eselon I (JPT Madya/Utama) tidak ada di pemerintah kabupaten."
    return message
