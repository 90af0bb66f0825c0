"""Weighted performance index of an OPD (or kecamatan) from its indicators' capaian, and league-table ranks.

Sources (``domain/rules.md`` §5.2–5.3, ``domain/field-notes.md`` on delivery units; issue 3):

- Each PK indicator carries a weight (bobot) and the unit's index is the weighted mean of the indicators'
  capaian: ``index = Σ(capaian × weight) / Σ weight`` [M] (e-SAKIP and e-kinerja practice; no regulation
  text seen fixes it). Weights are normalised by their total, so they need not add up to 100 or 1.
- Input rules (this module's own, [M]): a weight cannot be negative; a weight of 0 keeps an indicator
  visible but out of the index; a total weight of 0 is an error (the index would be undefined); keys are
  unique.
- An indicator without a capaian (nothing reported) counts as **0** by default so that no unit climbs the
  league table by not reporting (``MissingCapaian.ZERO``); ``EXCLUDE`` drops it from numerator and
  denominator instead. Which one a tenant uses is [UNCONFIRMED].
- The index uses each indicator's capaian as shown (already rounded, floored and capped by
  ``achievement.capaian``), so a reader can redo it by hand; the index is rounded once, ``ROUND_HALF_UP``
  to 2 decimal places.
- League tables (field notes: PMDU and PEMANDU league tables, UKP4 "rapor") rank by index, highest first,
  with standard competition ranking for ties (1, 2, 2, 4) [M]; a unit without an index is listed last,
  without a rank.

Pure module: no Django, no clock, no I/O.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from enum import StrEnum

from pamong.performance.rules.errors import ScoreIndexError
from pamong.performance.rules.numbers import CONTEXT, as_decimal, fmt_en, fmt_id, round_percent


class MissingCapaian(StrEnum):
    """What an indicator without a capaian counts as in the index."""

    ZERO = "zero"  # counts as 0 with its full weight
    EXCLUDE = "exclude"  # left out of the index, its weight too


DEFAULT_MISSING_CAPAIAN = MissingCapaian.ZERO


@dataclass(frozen=True)
class IndexItem:
    """One indicator of a unit: its key (for messages and results), capaian in per cent, weight."""

    key: str
    capaian: Decimal | None
    weight: Decimal


@dataclass(frozen=True)
class IndexResult:
    """The index (``None`` only if every weighted indicator is missing under ``EXCLUDE``) and what went in."""

    value: Decimal | None
    total_weight: Decimal
    counted: tuple[str, ...]
    missing: tuple[str, ...]


@dataclass(frozen=True)
class Ranked:
    """One row of a league table; ``rank`` is ``None`` for a unit without an index."""

    rank: int | None
    key: str
    value: Decimal | None


def weighted_index(items: Sequence[IndexItem], *, missing: MissingCapaian = DEFAULT_MISSING_CAPAIAN) -> IndexResult:
    """``Σ(capaian × weight) / Σ weight`` over the weighted indicators, rounded half-up to 2 places.

    ``ScoreIndexError`` codes: ``no_indicators``, ``duplicate_key``, ``weight_negative``,
    ``capaian_negative``, ``total_weight_zero`` (plus number errors naming the indicator).
    """
    missing = MissingCapaian(missing)
    if not items:
        raise ScoreIndexError(
            "no_indicators",
            "Indeks tidak dapat dihitung: tidak ada indikator.",
            "The index cannot be computed: there are no indicators.",
            "indicators",
        )
    seen: set[str] = set()
    total_weight = Decimal(0)
    weighted_sum = Decimal(0)
    counted: list[str] = []
    absent: list[str] = []
    declared_weight = Decimal(0)
    with localcontext(CONTEXT):
        for item in items:
            if item.key in seen:
                raise ScoreIndexError(
                    "duplicate_key",
                    f"Indikator {item.key!r} tercantum dua kali.",
                    f"Indicator {item.key!r} is listed twice.",
                    "indicators",
                )
            seen.add(item.key)
            weight = _weight(item)
            declared_weight += weight
            value = _capaian(item)
            if value is None:
                absent.append(item.key)
                if missing is MissingCapaian.EXCLUDE or weight == 0:
                    continue
                value = Decimal(0)
            if weight == 0:
                continue
            counted.append(item.key)
            total_weight += weight
            weighted_sum += value * weight
        if declared_weight == 0:
            raise ScoreIndexError(
                "total_weight_zero",
                "Indeks tidak dapat dihitung: jumlah bobot indikator 0. Beri bobot pada paling sedikit satu indikator.",
                "The index cannot be computed: the indicators' weights add up to 0. Weight at least one indicator.",
                "weight",
            )
        value = round_percent(weighted_sum / total_weight) if total_weight else None
    return IndexResult(value, total_weight, tuple(counted), tuple(absent))


def rank(scores: Sequence[tuple[str, Decimal | None]]) -> tuple[Ranked, ...]:
    """League table: highest value first, ties share a rank (1, 2, 2, 4); ``None`` values last, unranked.

    Rows with equal values keep their given order. ``ScoreIndexError`` ``duplicate_key`` if a key repeats.
    """
    keys = [key for key, _ in scores]
    if len(set(keys)) != len(keys):
        duplicate = next(k for k in keys if keys.count(k) > 1)
        raise ScoreIndexError(
            "duplicate_key",
            f"Unit {duplicate!r} tercantum dua kali dalam peringkat.",
            f"Unit {duplicate!r} is listed twice in the ranking.",
            "scores",
        )
    valued = sorted(((k, v) for k, v in scores if v is not None), key=lambda kv: kv[1], reverse=True)
    rows: list[Ranked] = []
    for position, (key, value) in enumerate(valued, start=1):
        shared = rows[-1].rank if rows and rows[-1].value == value else position
        rows.append(Ranked(shared, key, value))
    rows.extend(Ranked(None, key, None) for key, value in scores if value is None)
    return tuple(rows)


def _weight(item: IndexItem) -> Decimal:
    weight = as_decimal(
        item.weight,
        field="weight",
        label_id=f"Bobot indikator {item.key!r}",
        label_en=f"The weight of indicator {item.key!r}",
        error=ScoreIndexError,
    )
    if weight < 0:
        raise ScoreIndexError(
            "weight_negative",
            f"Bobot indikator {item.key!r} tidak boleh negatif ({fmt_id(weight)}).",
            f"The weight of indicator {item.key!r} cannot be negative ({fmt_en(weight)}).",
            "weight",
        )
    return weight


def _capaian(item: IndexItem) -> Decimal | None:
    if item.capaian is None:
        return None
    value = as_decimal(
        item.capaian,
        field="capaian",
        label_id=f"Capaian indikator {item.key!r}",
        label_en=f"The achievement of indicator {item.key!r}",
        error=ScoreIndexError,
    )
    if value < 0:
        raise ScoreIndexError(
            "capaian_negative",
            f"Capaian indikator {item.key!r} tidak boleh negatif ({fmt_id(value)}).",
            f"The achievement of indicator {item.key!r} cannot be negative ({fmt_en(value)}).",
            "capaian",
        )
    return value
