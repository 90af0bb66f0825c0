"""AKIP evaluation score: the four components of PermenPANRB 88/2021, their maxima, the total and its grade.

Sources (``domain/rules.md`` §5.1, §5.4):

- PermenPANRB 88/2021 (Evaluasi Akuntabilitas Kinerja Instansi Pemerintah), which replaced PermenPANRB
  12/2015; in use for the AKIP evaluations from 2022 [M]. Components and weights (total 100) [H]
  (Kab. Majalengka e-SAKIP code data): Perencanaan Kinerja **30**, Pengukuran Kinerja **30**, Pelaporan
  Kinerja **15**, Evaluasi Akuntabilitas Kinerja Internal **25**.
- Each component splits **20 % keberadaan (existence) / 30 % kualitas (quality) / 50 % pemanfaatan
  (use)** [H]: 6 / 9 / 15 for a 30-point component, 3 / 4.5 / 7.5 for Pelaporan, 5 / 7.5 / 12.5 for
  Evaluasi internal.
- The total is the plain sum of the component scores (no rounding: the evaluators' scores are given to 2
  places); its grade comes from ``bands.AKIP_GRADES`` (exclusive lower bounds).

Worked example (§5.4), reproduced exactly by the tests: 24.00 + 22.50 + 11.00 + 17.50 = **75.00** →
**BB (Sangat Baik)**.

Pure module: no Django, no clock, no I/O.
"""

from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from pamong.performance.rules.bands import Band, akip_grade
from pamong.performance.rules.errors import AkipError
from pamong.performance.rules.numbers import as_decimal, fmt_en, fmt_id


class AkipComponent(StrEnum):
    """The four components of the AKIP evaluation, in the official order."""

    PERENCANAAN = "perencanaan"  # Perencanaan Kinerja (planning)
    PENGUKURAN = "pengukuran"  # Pengukuran Kinerja (measurement)
    PELAPORAN = "pelaporan"  # Pelaporan Kinerja (reporting)
    EVALUASI_INTERNAL = "evaluasi_internal"  # Evaluasi Akuntabilitas Kinerja Internal


class AkipAspect(StrEnum):
    """The three aspects every component is scored on."""

    KEBERADAAN = "keberadaan"  # existence
    KUALITAS = "kualitas"  # quality
    PEMANFAATAN = "pemanfaatan"  # use


COMPONENT_WEIGHTS: Mapping[AkipComponent, Decimal] = MappingProxyType(
    {
        AkipComponent.PERENCANAAN: Decimal(30),
        AkipComponent.PENGUKURAN: Decimal(30),
        AkipComponent.PELAPORAN: Decimal(15),
        AkipComponent.EVALUASI_INTERNAL: Decimal(25),
    }
)

ASPECT_SHARES: Mapping[AkipAspect, Decimal] = MappingProxyType(
    {AkipAspect.KEBERADAAN: Decimal("0.2"), AkipAspect.KUALITAS: Decimal("0.3"), AkipAspect.PEMANFAATAN: Decimal("0.5")}
)

COMPONENT_LABELS: Mapping[AkipComponent, str] = MappingProxyType(
    {
        AkipComponent.PERENCANAAN: "Perencanaan Kinerja",
        AkipComponent.PENGUKURAN: "Pengukuran Kinerja",
        AkipComponent.PELAPORAN: "Pelaporan Kinerja",
        AkipComponent.EVALUASI_INTERNAL: "Evaluasi Akuntabilitas Kinerja Internal",
    }
)


def aspect_weights(component: AkipComponent) -> Mapping[AkipAspect, Decimal]:
    """The maximum points of each aspect of ``component`` (e.g. Pelaporan: 3, 4.5, 7.5)."""
    weight = COMPONENT_WEIGHTS[AkipComponent(component)]
    return MappingProxyType({aspect: weight * share for aspect, share in ASPECT_SHARES.items()})


def akip_score(scores: Mapping[AkipComponent, Decimal]) -> Decimal:
    """The AKIP total: the sum of the four component scores, each between 0 and its weight.

    ``AkipError`` codes: ``missing_components``, ``unknown_component``, ``component_out_of_range`` (plus
    number errors naming the component).
    """
    known = {c.value for c in AkipComponent}
    unknown = [str(key) for key in scores if str(key) not in known]
    if unknown:
        raise AkipError(
            "unknown_component",
            f"Komponen AKIP tidak dikenal: {', '.join(unknown)}.",
            f"Unknown AKIP component: {', '.join(unknown)}.",
            "components",
        )
    given = {AkipComponent(key): value for key, value in scores.items()}
    absent = [c for c in AkipComponent if c not in given]
    if absent:
        raise AkipError(
            "missing_components",
            "Nilai komponen AKIP belum diisi: " + ", ".join(COMPONENT_LABELS[c] for c in absent) + ".",
            "Missing AKIP component scores: " + ", ".join(COMPONENT_LABELS[c] for c in absent) + ".",
            "components",
        )
    total = Decimal(0)
    for component in AkipComponent:
        label = COMPONENT_LABELS[component]
        value = as_decimal(
            given[component], field=component.value, label_id=f"Nilai {label}", label_en=label, error=AkipError
        )
        maximum = COMPONENT_WEIGHTS[component]
        if not 0 <= value <= maximum:
            raise AkipError(
                "component_out_of_range",
                f"Nilai {label} harus 0 sampai {fmt_id(maximum)}, bukan {fmt_id(value)}.",
                f"The {label} score must be 0 to {fmt_en(maximum)}, not {fmt_en(value)}.",
                component.value,
            )
        total += value
    return total


def akip_result(scores: Mapping[AkipComponent, Decimal]) -> tuple[Decimal, Band]:
    """The AKIP total and its grade (``bands.AKIP_GRADES``)."""
    total = akip_score(scores)
    return total, akip_grade(total)
