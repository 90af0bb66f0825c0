"""Discipline sanctions: the PP 94/2021 catalogue, the transitional substitutes, and the PP 53/2010 catalogue.

Sources (``domain/rules.md`` §1.3, §1.4, §1.10):

- **PP 94/2021 Pasal 8** (signed and promulgated 31 Aug 2021, repealing PP 53/2010) [H]: three levels with
  three sanctions each: ringan (teguran lisan, teguran tertulis, pernyataan tidak puas secara tertulis),
  sedang (tunjangan kinerja −25 % for 6, 9 or 12 months), berat (demotion one level for 12 months, release
  from position to pelaksana for 12 months, PDH TAPS).
- **Transitional substitutes of the sedang sanctions** [M-H]: until a PP on PNS pay and allowances is in
  force the tukin cut cannot be applied; S1 → KGB deferred 1 year, S2 → KP deferred 1 year, S3 → pangkat
  one level lower for 1 year (PP 94 closing provisions, repeated in PerBKN 6/2022, Pasal 62 per S-DiscSeed;
  article number not confirmed). Tenant configuration ``transitional_substitute``, default True.
- **Only the heaviest** sanction when several violations are examined together (PP 94) [H]: ``heaviest``.
- While a sedang or berat sanction is served: no KGB and no KP (PerBKN 6/2022 Pasal 55 per S-DiscSeed) [M]:
  ``blocks_pay_step_and_rank``.
- **PP 53/2010** (in force until 31 Aug 2021) sanctions, for violations before that date [H]: ten steps from
  teguran lisan to PDH/PTDH, by cumulative absence (``rules.absence``).

Pure module: no Django, no clock, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from types import MappingProxyType

from .errors import DisciplineRuleError


class Level(IntEnum):
    """Hukuman disiplin level (PP 94 Pasal 8); ordered, so ``max`` is the heaviest."""

    RINGAN = 1
    SEDANG = 2
    BERAT = 3

    @property
    def label_id(self) -> str:
        return {Level.RINGAN: "Ringan", Level.SEDANG: "Sedang", Level.BERAT: "Berat"}[self]


class Sanction(StrEnum):
    """One sanction of the PP 94/2021 catalogue (codes per ``domain/rules.md`` §1.3)."""

    R1 = "R1"
    R2 = "R2"
    R3 = "R3"
    S1 = "S1"
    S2 = "S2"
    S3 = "S3"
    B1 = "B1"
    B2 = "B2"
    B3 = "B3"

    @property
    def level(self) -> Level:
        return {"R": Level.RINGAN, "S": Level.SEDANG, "B": Level.BERAT}[self.value[0]]

    @property
    def rank(self) -> int:
        """1 (teguran lisan) … 9 (PDH TAPS): the order of severity."""
        return list(Sanction).index(self) + 1


@dataclass(frozen=True, slots=True)
class SanctionTerms:
    """What a sanction means: its name, how long it runs (months; None = not timed) and what it holds back."""

    sanction: Sanction
    label_id: str
    label_en: str
    months: int | None
    substitute_id: str = ""  # the transitional substitute actually executed (sedang only), else ""
    substitute_en: str = ""

    @property
    def level(self) -> Level:
        return self.sanction.level


_CATALOGUE: Mapping[Sanction, SanctionTerms] = MappingProxyType(
    {
        Sanction.R1: SanctionTerms(Sanction.R1, "Teguran lisan", "Oral reprimand", None),
        Sanction.R2: SanctionTerms(Sanction.R2, "Teguran tertulis", "Written reprimand", None),
        Sanction.R3: SanctionTerms(
            Sanction.R3,
            "Pernyataan tidak puas secara tertulis",
            "Written statement of dissatisfaction",
            None,
        ),
        Sanction.S1: SanctionTerms(
            Sanction.S1,
            "Pemotongan tunjangan kinerja 25% selama 6 bulan",
            "Performance allowance cut by 25% for 6 months",
            6,
            "Penundaan kenaikan gaji berkala selama 1 tahun",
            "Periodic pay step (KGB) deferred for 1 year",
        ),
        Sanction.S2: SanctionTerms(
            Sanction.S2,
            "Pemotongan tunjangan kinerja 25% selama 9 bulan",
            "Performance allowance cut by 25% for 9 months",
            9,
            "Penundaan kenaikan pangkat selama 1 tahun",
            "Promotion in rank (KP) deferred for 1 year",
        ),
        Sanction.S3: SanctionTerms(
            Sanction.S3,
            "Pemotongan tunjangan kinerja 25% selama 12 bulan",
            "Performance allowance cut by 25% for 12 months",
            12,
            "Penurunan pangkat setingkat lebih rendah selama 1 tahun",
            "Rank lowered by one step for 1 year",
        ),
        Sanction.B1: SanctionTerms(
            Sanction.B1,
            "Penurunan jabatan setingkat lebih rendah selama 12 bulan",
            "Demotion to a position one level lower for 12 months",
            12,
        ),
        Sanction.B2: SanctionTerms(
            Sanction.B2,
            "Pembebasan dari jabatannya menjadi jabatan pelaksana selama 12 bulan",
            "Release from position to a pelaksana post for 12 months",
            12,
        ),
        Sanction.B3: SanctionTerms(
            Sanction.B3,
            "Pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS",
            "Honourable dismissal not at own request (PDH TAPS)",
            None,
        ),
    }
)


def terms(sanction: Sanction | str) -> SanctionTerms:
    """The catalogue entry of ``sanction`` (a ``Sanction`` or its code); an unknown code raises."""
    try:
        return _CATALOGUE[Sanction(sanction)]
    except ValueError:
        raise DisciplineRuleError(
            "unknown_sanction",
            f"Jenis hukuman disiplin {sanction!s} tidak dikenal.",
            f"Unknown sanction {sanction!s}.",
            field="sanction",
            source="PP 94/2021 Pasal 8",
        ) from None


def executed_label(sanction: Sanction | str, *, transitional_substitute: bool = True) -> tuple[str, str]:
    """(Indonesian, English) text of what is actually executed: the sedang substitute while it applies."""
    entry = terms(sanction)
    if transitional_substitute and entry.substitute_id:
        return entry.substitute_id, entry.substitute_en
    return entry.label_id, entry.label_en


def heaviest(sanctions: Iterable[Sanction | str]) -> Sanction | None:
    """The one sanction imposed when several violations are examined together (PP 94): the heaviest."""
    found = [Sanction(s) for s in sanctions]
    return max(found, key=lambda s: s.rank) if found else None


def blocks_pay_step_and_rank(sanction: Sanction | str) -> bool:
    """Whether serving ``sanction`` holds back KGB and KP (sedang and berat; PerBKN 6/2022 Pasal 55) [M]."""
    return Sanction(sanction).level >= Level.SEDANG


class LegacySanction(StrEnum):
    """PP 53/2010 sanctions (violations before 31 Aug 2021), lightest first."""

    L1 = "L1"  # teguran lisan
    L2 = "L2"  # teguran tertulis
    L3 = "L3"  # pernyataan tidak puas secara tertulis
    L4 = "L4"  # penundaan KGB 1 tahun
    L5 = "L5"  # penundaan KP 1 tahun
    L6 = "L6"  # penurunan pangkat 1 tingkat 1 tahun
    L7 = "L7"  # penurunan pangkat 1 tingkat 3 tahun
    L8 = "L8"  # pemindahan dalam rangka penurunan jabatan
    L9 = "L9"  # pembebasan dari jabatan
    L10 = "L10"  # PDH/PTDH


LEGACY_LABELS: Mapping[LegacySanction, str] = MappingProxyType(
    {
        LegacySanction.L1: "Teguran lisan",
        LegacySanction.L2: "Teguran tertulis",
        LegacySanction.L3: "Pernyataan tidak puas secara tertulis",
        LegacySanction.L4: "Penundaan kenaikan gaji berkala selama 1 tahun",
        LegacySanction.L5: "Penundaan kenaikan pangkat selama 1 tahun",
        LegacySanction.L6: "Penurunan pangkat setingkat lebih rendah selama 1 tahun",
        LegacySanction.L7: "Penurunan pangkat setingkat lebih rendah selama 3 tahun",
        LegacySanction.L8: "Pemindahan dalam rangka penurunan jabatan setingkat lebih rendah",
        LegacySanction.L9: "Pembebasan dari jabatan",
        LegacySanction.L10: "Pemberhentian dengan hormat tidak atas permintaan sendiri / tidak dengan hormat",
    }
)
