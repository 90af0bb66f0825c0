"""Traffic lights, predicate bands, AKIP grades, and the comparison with the trajectory.

Sources:

- **Traffic light** (GREEN / YELLOW / RED on capaian): delivery units colour every priority (PMDU, UKP4:
  "any action below 100 % of its target is red") and ask for explicit thresholds plus a human override
  (``domain/field-notes.md``, requirements table) [M]. No regulation fixes the thresholds: defaults
  **green ≥ 90, yellow ≥ 75, red below 75** [UNCONFIRMED], lower bounds inclusive. They sit between the
  UKP4 "red below 100" and the Permendagri 86/2017 bands below (90 ≈ the top of "tinggi", 75 = the top of
  "sedang"); a tenant sets its own.
- **Capaian predicate** (``CAPAIAN_PREDICATES``): the five-level scale of Permendagri 86/2017 (evaluation of
  regional development plans), widely printed in LKjIP reports and e-SAKIP screens: ≥ 91 Sangat Tinggi,
  76–90 Tinggi, 66–75 Sedang, 51–65 Rendah, ≤ 50 Sangat Rendah [L] (recollection; not in
  ``domain/rules.md``, check the Lampiran before relying on it). The printed bands are integers with gaps
  (90 < x < 91); here lower bounds are inclusive (91, 76, 66, 51, 0), so 90.50 is Tinggi. Configurable
  per tenant.
- **AKIP grade** (``AKIP_GRADES``): PermenPANRB 88/2021 (replaced PermenPANRB 12/2015; in use for the
  AKIP evaluations from 2022 [M]), bands [H] (``domain/rules.md`` §5.4, Kab. Majalengka e-SAKIP code):
  > 90–100 AA, > 80–90 A, > 70–80 BB, > 60–70 B, > 50–60 CC, > 30–50 C, 0–30 D. The lower bound is
  **exclusive** [M, follows from the "> x – y" notation]: 70.00 → B, 70.01 → BB, 90.00 → A; D includes
  0. A national scale: not configurable.
- **Trajectory status** (``trajectory_status``): the delivery-unit question "at any moment, are you on
  track?" (field notes, Barber) [M]; the arithmetic is this module's [L]. The signed gap in the good
  direction, ``(R − T) / T × 100`` for maximize and ``(T − R) / T × 100`` for minimize (this equals the
  Majalengka capaian minus 100, whatever formula the tenant uses for capaian), is compared with a
  tolerance in percentage points (default **5**, [UNCONFIRMED]): above ``+tolerance`` AHEAD, below
  ``−tolerance`` BEHIND, otherwise ON_TRACK (bounds inclusive). Stabilize: ``|R − T| / T × 100`` within the
  tolerance is ON_TRACK, otherwise BEHIND (never ahead). A target to date of 0 (nothing planned yet):
  a realisation of 0 is ON_TRACK; any other is BEHIND for stabilize, and AHEAD or BEHIND by its sign for
  maximize (above 0 is ahead) and minimize (below 0 is ahead). No realisation at all is NO_DATA.

Pure module: no Django, no clock, no I/O.
"""

from dataclasses import dataclass
from decimal import Decimal, localcontext
from enum import StrEnum

from pamong.performance.rules.achievement import Polarity
from pamong.performance.rules.errors import BandError
from pamong.performance.rules.numbers import CONTEXT, HUNDRED, as_decimal, fmt_en, fmt_id


def _number(value: object, field: str, label_id: str, label_en: str) -> Decimal:
    return as_decimal(value, field=field, label_id=label_id, label_en=label_en, error=BandError)


class Colour(StrEnum):
    """The computed traffic-light colour of an indicator or a unit."""

    GREEN = "green"  # at or above the green threshold
    YELLOW = "yellow"  # at or above the yellow threshold, below green
    RED = "red"  # below the yellow threshold


class TrajectoryStatus(StrEnum):
    """Realisation to date against the trajectory's target to date."""

    AHEAD = "ahead"  # better than the trajectory by more than the tolerance
    ON_TRACK = "on_track"  # within the tolerance
    BEHIND = "behind"  # worse than the trajectory by more than the tolerance
    NO_DATA = "no_data"  # nothing reported yet


DEFAULT_GREEN_FROM = Decimal(90)
DEFAULT_YELLOW_FROM = Decimal(75)
DEFAULT_TRAJECTORY_TOLERANCE = Decimal(5)


@dataclass(frozen=True)
class TrafficLight:
    """Inclusive lower bounds (capaian, per cent) of GREEN and YELLOW; RED is everything below yellow."""

    green_from: Decimal = DEFAULT_GREEN_FROM
    yellow_from: Decimal = DEFAULT_YELLOW_FROM

    def __post_init__(self) -> None:
        green = _number(self.green_from, "green_from", "Batas hijau", "The green threshold")
        yellow = _number(self.yellow_from, "yellow_from", "Batas kuning", "The yellow threshold")
        if not 0 <= yellow < green:
            raise BandError(
                "thresholds_out_of_order",
                f"Batas kuning ({fmt_id(yellow)}) harus 0 atau lebih dan di bawah batas hijau ({fmt_id(green)}).",
                f"The yellow threshold ({fmt_en(yellow)}) must be 0 or more and below the green one ({fmt_en(green)}).",
                "traffic_light",
            )


DEFAULT_TRAFFIC_LIGHT = TrafficLight()


@dataclass(frozen=True)
class Band:
    """One band of a scale: a stable ``code``, its Indonesian ``label`` and its ``lower`` bound."""

    code: str
    label: str
    lower: Decimal


@dataclass(frozen=True)
class BandScale:
    """Bands from the highest to the lowest; the lowest band's bound is the scale's minimum (inclusive).

    ``lower_exclusive``: a value must be *above* a band's lower bound to reach it ("> 70"), except the
    lowest band, which includes its bound. ``maximum``: values above it are refused (``None``: no maximum).
    """

    bands: tuple[Band, ...]
    lower_exclusive: bool = False
    maximum: Decimal | None = None

    def __post_init__(self) -> None:
        if not self.bands:
            raise BandError("no_bands", "Skala predikat tidak memiliki pita.", "The scale has no bands.", "bands")
        lowers = [
            _number(b.lower, "bands", f"Batas bawah {b.code!r}", f"The lower bound of {b.code!r}") for b in self.bands
        ]
        if any(a <= b for a, b in zip(lowers, lowers[1:], strict=False)):
            raise BandError(
                "bands_out_of_order",
                "Pita predikat harus diurutkan dari batas bawah tertinggi ke terendah, tanpa batas yang sama.",
                "Bands must be ordered from the highest lower bound to the lowest, with no bound repeated.",
                "bands",
            )
        codes = [b.code for b in self.bands]
        if any(not c.strip() for c in codes) or len(set(codes)) != len(codes):
            raise BandError(
                "band_codes",
                "Setiap pita predikat memerlukan kode yang tidak kosong dan berbeda dari pita lain.",
                "Every band needs a non-empty code that differs from the other bands' codes.",
                "bands",
            )
        if self.maximum is not None and _number(self.maximum, "maximum", "Nilai maksimum", "The maximum") <= lowers[0]:
            raise BandError(
                "maximum_too_low",
                "Nilai maksimum skala harus di atas batas bawah pita tertinggi.",
                "The scale's maximum must be above the highest band's lower bound.",
                "maximum",
            )

    @property
    def minimum(self) -> Decimal:
        return self.bands[-1].lower

    def classify(self, value: Decimal) -> Band:
        """The band ``value`` falls in; ``BandError`` ``below_scale`` / ``above_scale`` outside the scale."""
        number = _number(value, "value", "Nilai", "The value")
        if number < self.minimum:
            raise BandError(
                "below_scale",
                f"Nilai {fmt_id(number)} di bawah skala (minimum {fmt_id(self.minimum)}).",
                f"The value {fmt_en(number)} is below the scale (minimum {fmt_en(self.minimum)}).",
                "value",
            )
        if self.maximum is not None and number > self.maximum:
            raise BandError(
                "above_scale",
                f"Nilai {fmt_id(number)} di atas skala (maksimum {fmt_id(self.maximum)}).",
                f"The value {fmt_en(number)} is above the scale (maximum {fmt_en(self.maximum)}).",
                "value",
            )
        for band in self.bands[:-1]:
            if number > band.lower or (not self.lower_exclusive and number == band.lower):
                return band
        return self.bands[-1]


CAPAIAN_PREDICATES = BandScale(
    bands=(
        Band("SANGAT_TINGGI", "Sangat Tinggi", Decimal(91)),
        Band("TINGGI", "Tinggi", Decimal(76)),
        Band("SEDANG", "Sedang", Decimal(66)),
        Band("RENDAH", "Rendah", Decimal(51)),
        Band("SANGAT_RENDAH", "Sangat Rendah", Decimal(0)),
    ),
    lower_exclusive=False,
)

AKIP_GRADES = BandScale(
    bands=(
        Band("AA", "Sangat Memuaskan", Decimal(90)),
        Band("A", "Memuaskan", Decimal(80)),
        Band("BB", "Sangat Baik", Decimal(70)),
        Band("B", "Baik", Decimal(60)),
        Band("CC", "Cukup (Memadai)", Decimal(50)),
        Band("C", "Kurang", Decimal(30)),
        Band("D", "Sangat Kurang", Decimal(0)),
    ),
    lower_exclusive=True,
    maximum=HUNDRED,
)


def colour(capaian: Decimal, light: TrafficLight = DEFAULT_TRAFFIC_LIGHT) -> Colour:
    """The traffic-light colour of a capaian (per cent, not negative)."""
    value = _number(capaian, "capaian", "Capaian", "The achievement")
    if value < 0:
        raise BandError(
            "capaian_negative",
            f"Capaian tidak boleh negatif ({fmt_id(value)}).",
            f"The achievement cannot be negative ({fmt_en(value)}).",
            "capaian",
        )
    if value >= light.green_from:
        return Colour.GREEN
    if value >= light.yellow_from:
        return Colour.YELLOW
    return Colour.RED


def predicate(capaian: Decimal, scale: BandScale = CAPAIAN_PREDICATES) -> Band:
    """The capaian predicate (``CAPAIAN_PREDICATES`` unless the tenant has its own scale)."""
    return scale.classify(capaian)


def akip_grade(score: Decimal) -> Band:
    """The AKIP grade of an evaluation score 0–100 (PermenPANRB 88/2021; exclusive lower bounds)."""
    return AKIP_GRADES.classify(score)


def trajectory_status(
    ytd_actual: Decimal | None,
    ytd_target: Decimal,
    polarity: Polarity,
    tolerance: Decimal = DEFAULT_TRAJECTORY_TOLERANCE,
) -> TrajectoryStatus:
    """AHEAD / ON_TRACK / BEHIND against the trajectory to date, or NO_DATA (see the module docstring)."""
    polarity = Polarity(polarity)
    target = _number(ytd_target, "target", "Target s.d. periode ini", "The target to date")
    tol = _number(tolerance, "tolerance", "Toleransi lintasan", "The trajectory tolerance")
    if target < 0 or tol < 0:
        raise BandError(
            "negative_input",
            "Target s.d. periode ini dan toleransi lintasan tidak boleh negatif.",
            "The target to date and the trajectory tolerance cannot be negative.",
            "target" if target < 0 else "tolerance",
        )
    if ytd_actual is None:
        return TrajectoryStatus.NO_DATA
    actual = _number(ytd_actual, "actual", "Realisasi s.d. periode ini", "The actual to date")
    if target == 0:
        if actual == 0:
            return TrajectoryStatus.ON_TRACK
        if polarity is Polarity.STABILIZE:
            return TrajectoryStatus.BEHIND
        better = actual > 0 if polarity is Polarity.MAXIMIZE else actual < 0
        return TrajectoryStatus.AHEAD if better else TrajectoryStatus.BEHIND
    with localcontext(CONTEXT):
        if polarity is Polarity.STABILIZE:
            within = abs(actual - target) / target * HUNDRED <= tol
            return TrajectoryStatus.ON_TRACK if within else TrajectoryStatus.BEHIND
        sign = 1 if polarity is Polarity.MAXIMIZE else -1
        gap = sign * (actual - target) / target * HUNDRED
    if gap > tol:
        return TrajectoryStatus.AHEAD
    if gap < -tol:
        return TrajectoryStatus.BEHIND
    return TrajectoryStatus.ON_TRACK
