"""Achievement (capaian) of one indicator: realisation against target, for each polarity.

Sources (``domain/rules.md`` §5.1 and §5.3):

- Legal frame: Perpres 29/2014 on SAKIP (Sistem Akuntabilitas Kinerja Instansi Pemerintah), effective
  since its enactment in April 2014 [H]; PermenPANRB 53/2014 (technical guide to the performance
  agreement, reporting and review) [H]. Neither prescribes the arithmetic below in the text seen; the
  formulas are SAKIP practice.
- **Higher is better** (``Polarity.MAXIMIZE``): ``capaian = R / T × 100`` [H] (Kab. Majalengka e-SAKIP
  code, many e-SAKIP code bases).
- **Lower is better** (``Polarity.MINIMIZE``): two formulas are in use; a pemda chooses one
  (``LowerIsBetterFormula``) [H]:

  - ``MAJALENGKA``: ``(T − (R − T)) / T × 100 = (2T − R) / T × 100`` (Kab. Majalengka e-SAKIP);
  - ``TARGET_OVER_ACTUAL``: ``T / R × 100`` (common elsewhere).

- **Cap**: no SAKIP regulation caps capaian in the text seen [M]; Majalengka does not cap, some
  e-kinerja/TPP systems cap at 100 %, others at 120 %. So ``cap_percent`` is configurable
  (``None`` = no cap, the default, as Majalengka; any value from 100) [M].
- **Floor**: negative values are floored at 0 (§5.3: target 10, realisation 21 with Majalengka gives −10
  → 0) [H for the worked example].
- **Stabilize** (``Polarity.STABILIZE``: the closer to the target the better, e.g. inflation): §5.3 only
  names the direction flag ``maximize | minimize | stabilize`` [M]; no formula was found. This module's
  definition [L], to be confirmed with Bappeda: the deviation ``d = |R − T| / T × 100`` (per cent of the
  target); within ``stabilize_tolerance`` (default **5**, [UNCONFIRMED]) the capaian is 100; beyond it the
  capaian falls by one point per point of deviation: ``100 − (d − tolerance)``, floored at 0.

Input rules (this module's own, [M]): the target must be greater than 0 for every polarity (every formula
divides by it; a target of 0, as in "zero cases of extortion", needs a yes/no indicator instead, see
``docs/rules/performance.md``). For lower-is-better the realisation cannot be negative, and with
``TARGET_OVER_ACTUAL`` it cannot be 0 (division by zero; use ``MAJALENGKA`` for such indicators). For
higher-is-better and stabilize a negative realisation is allowed (economic growth, inflation can be
negative); higher-is-better then floors at 0.

Rounding: the result is rounded ``ROUND_HALF_UP`` to 2 decimal places, then floored at 0 and capped
(``numbers.round_percent``); 10 / 9 → 111.11, 10 / 12 → 83.33.

Worked examples (§5.3), reproduced exactly by the tests: maximize 100 / 92 → 92.00; minimize 10.0 / 9.0
→ 110.00 (Majalengka) or 111.11 (T/R); minimize 10.0 / 12.0 → 80.00 or 83.33; minimize 10 / 21
(Majalengka) → 0.00.

Pure module: no Django, no clock, no I/O.
"""

from decimal import Decimal, localcontext
from enum import StrEnum

from pamong.performance.rules.errors import AchievementError
from pamong.performance.rules.numbers import CONTEXT, HUNDRED, ZERO, as_decimal, fmt_en, fmt_id, round_percent


class Polarity(StrEnum):
    """Which direction of the realisation is good."""

    MAXIMIZE = "maximize"  # higher is better, e.g. % of licences issued on time
    MINIMIZE = "minimize"  # lower is better, e.g. poverty rate, licensing time in days
    STABILIZE = "stabilize"  # closest to the target is best, e.g. inflation


class LowerIsBetterFormula(StrEnum):
    """The pemda's formula for lower-is-better indicators (one per tenant, stored per indicator)."""

    MAJALENGKA = "majalengka"  # (2T − R) / T × 100
    TARGET_OVER_ACTUAL = "target_over_actual"  # T / R × 100


DEFAULT_LOWER_FORMULA = LowerIsBetterFormula.MAJALENGKA
DEFAULT_CAP_PERCENT: Decimal | None = None
MIN_CAP_PERCENT = HUNDRED
DEFAULT_STABILIZE_TOLERANCE = Decimal(5)


def capaian(
    target: Decimal,
    actual: Decimal,
    *,
    polarity: Polarity,
    lower_formula: LowerIsBetterFormula = DEFAULT_LOWER_FORMULA,
    cap_percent: Decimal | None = DEFAULT_CAP_PERCENT,
    stabilize_tolerance: Decimal = DEFAULT_STABILIZE_TOLERANCE,
) -> Decimal:
    """The capaian in per cent, 2 decimal places, floored at 0 and capped at ``cap_percent`` (if any).

    Raises ``AchievementError`` (codes: ``not_a_number``, ``not_finite``, ``out_of_range``,
    ``target_zero``, ``target_negative``, ``actual_negative``, ``actual_zero``, ``cap_too_low``,
    ``cap_precision``, ``tolerance_negative``).
    """
    check_cap(cap_percent)
    value = round_percent(
        raw_capaian(
            target, actual, polarity=polarity, lower_formula=lower_formula, stabilize_tolerance=stabilize_tolerance
        )
    )
    if value < 0:
        return ZERO
    if cap_percent is not None and value > cap_percent:
        return cap_percent.quantize(Decimal("0.01"))
    return value


def raw_capaian(
    target: Decimal,
    actual: Decimal,
    *,
    polarity: Polarity,
    lower_formula: LowerIsBetterFormula = DEFAULT_LOWER_FORMULA,
    stabilize_tolerance: Decimal = DEFAULT_STABILIZE_TOLERANCE,
) -> Decimal:
    """The capaian before rounding, floor and cap (may be negative or above 100). Same errors as ``capaian``."""
    t = as_decimal(target, field="target", label_id="Target", label_en="Target", error=AchievementError)
    r = as_decimal(actual, field="actual", label_id="Realisasi", label_en="Actual", error=AchievementError)
    _check_target(t)
    polarity = Polarity(polarity)
    with localcontext(CONTEXT):
        if polarity is Polarity.MAXIMIZE:
            return r / t * HUNDRED
        if polarity is Polarity.MINIMIZE:
            return _lower_is_better(t, r, LowerIsBetterFormula(lower_formula))
        return _stabilize(t, r, _check_tolerance(stabilize_tolerance))


def check_cap(cap_percent: Decimal | None) -> None:
    """A cap is ``None`` or a number of at least 100 with at most 2 decimal places."""
    if cap_percent is None:
        return
    cap = as_decimal(
        cap_percent, field="cap_percent", label_id="Batas atas capaian", label_en="The cap", error=AchievementError
    )
    if cap < MIN_CAP_PERCENT:
        raise AchievementError(
            "cap_too_low",
            f"Batas atas capaian harus kosong atau paling sedikit 100%, bukan {fmt_id(cap)}%: "
            "batas di bawah 100% menghukum indikator yang sudah mencapai targetnya.",
            f"The cap must be empty or at least 100%, not {fmt_en(cap)}%: "
            "a cap below 100% penalises an indicator that met its target.",
            "cap_percent",
        )
    if cap != cap.quantize(Decimal("0.01"), context=CONTEXT):
        raise AchievementError(
            "cap_precision",
            f"Batas atas capaian paling banyak 2 angka desimal, bukan {fmt_id(cap)}.",
            f"The cap may have at most 2 decimal places, not {fmt_en(cap)}.",
            "cap_percent",
        )


def _check_target(t: Decimal) -> None:
    if t == 0:
        raise AchievementError(
            "target_zero",
            "Target tidak boleh 0: capaian dihitung dengan membagi realisasi dengan target. "
            "Untuk indikator bertarget nol, gunakan indikator ya/tidak.",
            "The target cannot be 0: achievement divides by the target. "
            "For an indicator whose target is zero, use a yes/no indicator.",
            "target",
        )
    if t < 0:
        raise AchievementError(
            "target_negative",
            f"Target harus lebih besar dari 0, bukan {fmt_id(t)}.",
            f"The target must be greater than 0, not {fmt_en(t)}.",
            "target",
        )


def _check_tolerance(tolerance: Decimal) -> Decimal:
    tol = as_decimal(
        tolerance,
        field="stabilize_tolerance",
        label_id="Toleransi indikator stabil",
        label_en="The stabilize tolerance",
        error=AchievementError,
    )
    if tol < 0:
        raise AchievementError(
            "tolerance_negative",
            f"Toleransi indikator stabil tidak boleh negatif ({fmt_id(tol)}).",
            f"The stabilize tolerance cannot be negative ({fmt_en(tol)}).",
            "stabilize_tolerance",
        )
    return tol


def _lower_is_better(t: Decimal, r: Decimal, formula: LowerIsBetterFormula) -> Decimal:
    if r < 0:
        raise AchievementError(
            "actual_negative",
            f"Realisasi tidak boleh negatif untuk indikator yang makin rendah makin baik ({fmt_id(r)}).",
            f"The actual cannot be negative for a lower-is-better indicator ({fmt_en(r)}).",
            "actual",
        )
    if formula is LowerIsBetterFormula.MAJALENGKA:
        return (2 * t - r) / t * HUNDRED
    if r == 0:
        raise AchievementError(
            "actual_zero",
            "Realisasi 0 tidak dapat dihitung dengan rumus target ÷ realisasi (pembagian dengan nol); "
            "gunakan rumus (2 × target − realisasi) ÷ target untuk indikator ini.",
            "An actual of 0 cannot be used with the target ÷ actual formula (division by zero); "
            "use the (2 × target − actual) ÷ target formula for this indicator.",
            "actual",
        )
    return t / r * HUNDRED


def _stabilize(t: Decimal, r: Decimal, tolerance: Decimal) -> Decimal:
    deviation = abs(r - t) / t * HUNDRED
    if deviation <= tolerance:
        return HUNDRED
    return HUNDRED - (deviation - tolerance)
