"""A tenant's performance settings: every configurable value of the performance rules, with its default.

Sources: each default is documented, with its source and confidence mark, in the module that uses it
(``achievement``, ``aggregation``, ``index``, ``bands``, ``consequences``, ``likelihood``,
``register``, ``schedule``) and in
``docs/rules/performance.md``. Every value marked [UNCONFIRMED] or [L] there is a field here, so a tenant
can follow its own Perbup or practice. Not configurable: the formulas themselves and the AKIP grade bands
(PermenPANRB 88/2021, a national scale).

The app reads ``Tenant.settings["performance"]`` (JSON) with ``from_mapping``; a missing key takes its
default; an unknown key, a wrong type or an out-of-range value is refused with every problem listed
(``ConfigError.issues``), never half-applied. ``to_mapping`` gives the JSON form back (numbers as strings,
so ``"92.5"`` stays exact).

Pure module: no Django, no clock, no I/O.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from types import MappingProxyType
from typing import Any, TypeVar

from pamong.performance.rules import (
    achievement,
    aggregation,
    bands,
    consequences,
    index,
    likelihood,
    register,
    schedule,
)
from pamong.performance.rules.achievement import LowerIsBetterFormula, Polarity
from pamong.performance.rules.aggregation import MissingPeriods
from pamong.performance.rules.bands import Band, BandScale, Colour, TrafficLight, TrajectoryStatus
from pamong.performance.rules.consequences import ImprovementPeriod
from pamong.performance.rules.errors import PerformanceRuleError
from pamong.performance.rules.index import IndexItem, IndexResult, MissingCapaian
from pamong.performance.rules.likelihood import LikelihoodRating
from pamong.performance.rules.numbers import as_decimal, fmt_en, fmt_id
from pamong.performance.rules.periods import PeriodKind
from pamong.performance.rules.register import Transition

E = TypeVar("E", bound=StrEnum)

MAX_TOLERANCE = Decimal(100)
MAX_RED_STREAK_PERIODS = 12
MAX_REASON_CHARS = 500


@dataclass(frozen=True)
class ConfigIssue:
    """One problem in a tenant's performance settings: the key, a stable code, and messages."""

    key: str
    code: str
    message_id: str
    message_en: str


class ConfigError(ValueError):
    """The performance settings are invalid; ``issues`` lists every problem, in key order."""

    def __init__(self, issues: tuple[ConfigIssue, ...]) -> None:
        self.issues = issues
        super().__init__(" ".join(issue.message_id for issue in issues))

    def __reduce__(self) -> tuple[type["ConfigError"], tuple[tuple[ConfigIssue, ...]]]:
        return (type(self), (self.issues,))

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(issue.code for issue in self.issues)


@dataclass(frozen=True)
class PerformanceRules:
    """All configurable values of the performance rules; the defaults are the documented ones."""

    lower_formula: LowerIsBetterFormula = achievement.DEFAULT_LOWER_FORMULA
    cap_percent: Decimal | None = achievement.DEFAULT_CAP_PERCENT
    stabilize_tolerance: Decimal = achievement.DEFAULT_STABILIZE_TOLERANCE
    traffic_light: TrafficLight = bands.DEFAULT_TRAFFIC_LIGHT
    capaian_predicates: BandScale = bands.CAPAIAN_PREDICATES
    trajectory_tolerance: Decimal = bands.DEFAULT_TRAJECTORY_TOLERANCE
    missing_periods: MissingPeriods = aggregation.DEFAULT_MISSING_PERIODS
    missing_capaian: MissingCapaian = index.DEFAULT_MISSING_CAPAIAN
    red_streak_periods: int = consequences.DEFAULT_RED_STREAK_PERIODS
    report_due_days: int = consequences.DEFAULT_REPORT_DUE_DAYS
    reminder_days_before: tuple[int, ...] = consequences.DEFAULT_REMINDER_DAYS_BEFORE
    improvement_threshold: Decimal = consequences.DEFAULT_IMPROVEMENT_THRESHOLD
    improvement_months: int = consequences.DEFAULT_IMPROVEMENT_MONTHS
    likelihood_min_reason_chars: int = likelihood.DEFAULT_MIN_REASON_CHARS
    follow_up_days: int = register.DEFAULT_FOLLOW_UP_DAYS
    register_min_note_chars: int = register.DEFAULT_MIN_NOTE_CHARS

    def __post_init__(self) -> None:
        # The same checks as from_mapping, so a PerformanceRules built in code is never out of range either.
        parsed = _parse({f.name: getattr(self, f.name) for f in fields(self)})
        for name, value in parsed.items():
            object.__setattr__(self, name, value)

    @classmethod
    def from_mapping(cls, data: object) -> "PerformanceRules":
        """Parse a tenant's JSON settings (``None`` or ``{}``: all defaults); ``ConfigError`` lists every problem."""
        if data is None:
            return cls()
        if not isinstance(data, Mapping):
            raise ConfigError(
                (
                    ConfigIssue(
                        "",
                        "not_an_object",
                        "Pengaturan kinerja harus berupa objek JSON (pasangan nama dan nilai).",
                        "The performance settings must be a JSON object (names and values).",
                    ),
                )
            )
        return cls(**_parse(data))

    def to_mapping(self) -> dict[str, Any]:
        """The JSON form read by ``from_mapping`` (numbers as strings)."""
        return {
            "lower_formula": self.lower_formula.value,
            "cap_percent": None if self.cap_percent is None else str(self.cap_percent),
            "stabilize_tolerance": str(self.stabilize_tolerance),
            "traffic_light": {
                "green_from": str(self.traffic_light.green_from),
                "yellow_from": str(self.traffic_light.yellow_from),
            },
            "capaian_predicates": [
                {"code": b.code, "label": b.label, "from": str(b.lower)} for b in self.capaian_predicates.bands
            ],
            "trajectory_tolerance": str(self.trajectory_tolerance),
            "missing_periods": self.missing_periods.value,
            "missing_capaian": self.missing_capaian.value,
            "red_streak_periods": self.red_streak_periods,
            "report_due_days": self.report_due_days,
            "reminder_days_before": list(self.reminder_days_before),
            "improvement_threshold": str(self.improvement_threshold),
            "improvement_months": self.improvement_months,
            "likelihood_min_reason_chars": self.likelihood_min_reason_chars,
            "follow_up_days": self.follow_up_days,
            "register_min_note_chars": self.register_min_note_chars,
        }

    # The rules with this tenant's settings applied.

    def capaian(
        self, target: Decimal, actual: Decimal, polarity: Polarity, lower_formula: LowerIsBetterFormula | None = None
    ) -> Decimal:
        """``achievement.capaian``; ``lower_formula`` overrides the tenant's for one indicator."""
        return achievement.capaian(
            target,
            actual,
            polarity=polarity,
            lower_formula=lower_formula or self.lower_formula,
            cap_percent=self.cap_percent,
            stabilize_tolerance=self.stabilize_tolerance,
        )

    def colour(self, capaian: Decimal) -> Colour:
        return bands.colour(capaian, self.traffic_light)

    def predicate(self, capaian: Decimal) -> Band:
        return bands.predicate(capaian, self.capaian_predicates)

    def trajectory_status(
        self, ytd_actual: Decimal | None, ytd_target: Decimal, polarity: Polarity
    ) -> TrajectoryStatus:
        return bands.trajectory_status(ytd_actual, ytd_target, polarity, self.trajectory_tolerance)

    def weighted_index(self, items: Sequence[IndexItem]) -> IndexResult:
        return index.weighted_index(items, missing=self.missing_capaian)

    def red_streak(self, colours: Sequence[Colour | None]) -> bool:
        return consequences.red_streak(colours, self.red_streak_periods)

    def report_deadline(self, kind: PeriodKind, year: int, number: int) -> date:
        return consequences.report_deadline(kind, year, number, self.report_due_days)

    def improvement_period(self, yearly_index: Decimal, decided_on: date) -> ImprovementPeriod | None:
        return consequences.improvement_period(
            yearly_index, self.improvement_threshold, decided_on, self.improvement_months
        )

    def check_likelihood(self, rating: str, reason: str) -> LikelihoodRating:
        return likelihood.check_likelihood(rating, reason, min_reason_chars=self.likelihood_min_reason_chars)

    def check_step(self, status: str, step: str, note: str, *, is_manager: bool, is_owner: bool) -> Transition:
        return register.check_step(
            status, step, note, is_manager=is_manager, is_owner=is_owner, min_note_chars=self.register_min_note_chars
        )

    def follow_up_due(self, opened_on: date) -> date:
        return register.follow_up_due(opened_on, self.follow_up_days)

    def reporting_month(self, year: int, today: date) -> int | None:
        return schedule.reporting_month(year, today, self.report_due_days)


# -------------------------------------------------------------------------------------- parsing --

LABELS_ID: Mapping[str, str] = MappingProxyType(
    {
        "lower_formula": "rumus indikator makin rendah makin baik",
        "cap_percent": "batas atas capaian (%)",
        "stabilize_tolerance": "toleransi indikator stabil (%)",
        "traffic_light": "batas warna lampu lalu lintas",
        "capaian_predicates": "pita predikat capaian",
        "trajectory_tolerance": "toleransi lintasan target (poin %)",
        "missing_periods": "perlakuan periode tanpa realisasi",
        "missing_capaian": "perlakuan indikator tanpa capaian dalam indeks",
        "red_streak_periods": "jumlah periode merah berturut-turut",
        "report_due_days": "batas waktu laporan (hari setelah periode berakhir)",
        "reminder_days_before": "pengingat (hari sebelum batas waktu)",
        "improvement_threshold": "ambang masa perbaikan (indeks tahunan)",
        "improvement_months": "lama masa perbaikan (bulan)",
        "likelihood_min_reason_chars": "panjang minimum alasan penilaian",
        "follow_up_days": "lama tindak lanjut konsekuensi (hari)",
        "register_min_note_chars": "panjang minimum catatan tindak lanjut",
    }
)


class _Invalid(PerformanceRuleError):
    """A value refused while parsing one key (turned into a ``ConfigIssue``)."""


def _parse(data: Mapping[Any, Any]) -> dict[str, Any]:
    parsers: dict[str, Callable[[object], object]] = {
        "lower_formula": lambda v: _enum(LowerIsBetterFormula, v),
        "cap_percent": _cap,
        "stabilize_tolerance": lambda v: _decimal_range(v, Decimal(0), MAX_TOLERANCE),
        "traffic_light": _traffic_light,
        "capaian_predicates": _band_scale,
        "trajectory_tolerance": lambda v: _decimal_range(v, Decimal(0), MAX_TOLERANCE),
        "missing_periods": lambda v: _enum(MissingPeriods, v),
        "missing_capaian": lambda v: _enum(MissingCapaian, v),
        "red_streak_periods": lambda v: _int_range(v, 1, MAX_RED_STREAK_PERIODS),
        "report_due_days": lambda v: _int_range(v, 0, consequences.MAX_REPORT_DUE_DAYS),
        "reminder_days_before": _reminders,
        "improvement_threshold": _threshold,
        "improvement_months": lambda v: _int_range(v, 1, consequences.MAX_IMPROVEMENT_MONTHS),
        "likelihood_min_reason_chars": lambda v: _int_range(v, 1, MAX_REASON_CHARS),
        "follow_up_days": lambda v: _int_range(v, 1, register.MAX_FOLLOW_UP_DAYS),
        "register_min_note_chars": lambda v: _int_range(v, 1, MAX_REASON_CHARS),
    }
    issues: list[ConfigIssue] = []
    result: dict[str, Any] = {}
    for key in data:
        if key not in parsers:
            issues.append(
                ConfigIssue(
                    str(key),
                    "unknown_key",
                    f"Pengaturan kinerja tidak dikenal: {key!r}.",
                    f"Unknown performance setting: {key!r}.",
                )
            )
    for key, parse in parsers.items():
        if key not in data:
            continue
        try:
            result[key] = parse(data[key])
        except PerformanceRuleError as error:
            issues.append(
                ConfigIssue(
                    key,
                    error.code,
                    f"Pengaturan {LABELS_ID[key]}: {error.message_id}",
                    f"Setting {key}: {error.message_en}",
                )
            )
    if issues:
        raise ConfigError(tuple(issues))
    return result


def _decimal(value: object) -> Decimal:
    if isinstance(value, float):
        value = str(value)  # a JSON number: read it as written (0.1 stays 0.1)
    if isinstance(value, str):
        try:
            value = Decimal(value.strip())
        except InvalidOperation:
            raise _Invalid(
                "not_a_number",
                f"{value!r} bukan angka (gunakan titik sebagai pemisah desimal, mis. 92.5).",
                f"{value!r} is not a number (use a dot as the decimal separator, e.g. 92.5).",
            ) from None
    return as_decimal(value, field="value", label_id="Nilai", label_en="The value", error=_Invalid)


def _decimal_range(value: object, low: Decimal, high: Decimal) -> Decimal:
    number = _decimal(value)
    if not low <= number <= high:
        raise _Invalid(
            "out_of_range",
            f"nilai harus {fmt_id(low)} sampai {fmt_id(high)}, bukan {fmt_id(number)}.",
            f"the value must be {fmt_en(low)} to {fmt_en(high)}, not {fmt_en(number)}.",
        )
    return number


def _int_range(value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Invalid(
            "not_an_integer",
            f"nilai harus bilangan bulat, bukan {value!r}.",
            f"the value must be a whole number, not {value!r}.",
        )
    if not low <= value <= high:
        raise _Invalid(
            "out_of_range",
            f"nilai harus {low} sampai {high}, bukan {value}.",
            f"the value must be {low} to {high}, not {value}.",
        )
    return value


def _enum(kind: type[E], value: object) -> E:
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise _Invalid(
            "unknown_choice",
            f"pilihan {value!r} tidak dikenal; pilih salah satu: {allowed}.",
            f"unknown choice {value!r}; choose one of: {allowed}.",
        ) from None


def _cap(value: object) -> Decimal | None:
    if value is None:
        return None
    number = _decimal(value)
    achievement.check_cap(number)
    return number


def _threshold(value: object) -> Decimal:
    number = _decimal(value)
    if not 0 < number <= 100:
        raise _Invalid(
            "out_of_range",
            f"nilai harus lebih dari 0 dan paling tinggi 100, bukan {fmt_id(number)}.",
            f"the value must be above 0 and at most 100, not {fmt_en(number)}.",
        )
    return number


def _traffic_light(value: object) -> TrafficLight:
    if isinstance(value, TrafficLight):
        return value
    if not isinstance(value, Mapping) or set(value) - {"green_from", "yellow_from"}:
        raise _Invalid(
            "bad_shape",
            'harus berupa objek {"green_from": ..., "yellow_from": ...}.',
            'must be an object {"green_from": ..., "yellow_from": ...}.',
        )
    green = _decimal(value.get("green_from", bands.DEFAULT_GREEN_FROM))
    yellow = _decimal(value.get("yellow_from", bands.DEFAULT_YELLOW_FROM))
    return TrafficLight(green_from=green, yellow_from=yellow)


def _band_scale(value: object) -> BandScale:
    if isinstance(value, BandScale):
        return value
    shape_id = 'harus berupa daftar objek {"code": ..., "label": ..., "from": ...}, dari batas tertinggi.'
    shape_en = 'must be a list of objects {"code": ..., "label": ..., "from": ...}, highest bound first.'
    if not isinstance(value, list) or not all(
        isinstance(item, Mapping) and set(item) == {"code", "label", "from"} for item in value
    ):
        raise _Invalid("bad_shape", shape_id, shape_en)
    rows: list[Band] = []
    for item in value:
        if not isinstance(item["code"], str) or not isinstance(item["label"], str):
            raise _Invalid("bad_shape", shape_id, shape_en)
        rows.append(Band(item["code"].strip(), item["label"].strip(), _decimal(item["from"])))
    if rows and rows[-1].lower != 0:
        raise _Invalid(
            "lowest_band_not_zero",
            "pita terendah harus mulai dari 0, agar setiap capaian memiliki predikat.",
            "the lowest band must start at 0, so that every achievement has a predicate.",
        )
    return BandScale(bands=tuple(rows), lower_exclusive=False)


def _reminders(value: object) -> tuple[int, ...]:
    if not isinstance(value, list | tuple):
        raise _Invalid(
            "bad_shape",
            "harus berupa daftar jumlah hari, mis. [3, 1].",
            "must be a list of day counts, e.g. [3, 1].",
        )
    days = tuple(_int_range(v, 0, consequences.MAX_REPORT_DUE_DAYS) for v in value)
    return tuple(sorted(set(days), reverse=True))
