"""Leave kinds (cuti) of PP 11/2017 as amended by PP 17/2020, their quotas as data, and a request check.

Sources (``domain/rules.md`` §3.4 and §12 ``leave``; PerBKN 24/2017 as amended by PerBKN 7/2021):

- **Cuti tahunan (CT)** [H]: 12 working days a year after 1 year of continuous service (CPNS included since
  PP 17/2020), at least 1 day per request. Unused CT carries over up to **18 working days including** next
  year's 12 (carry ≤ 6); after **2 or more consecutive unused years**, up to **24 including** the 12. No CT in
  a year in which cuti besar is taken. The 12 extra travel days for remote destinations are calendar days
  outside the quota and are not modelled here.
- **Cuti besar** [H]: up to 3 months after 5 years of continuous service; the 5-year condition is waived
  for religious duty (e.g. the first hajj).
- **Cuti sakit** [H]: up to 1 year, extendable by 6 months on the medical board's advice; miscarriage up to
  1.5 months (45 days); work accident until recovered (no cap).
- **Cuti melahirkan** [H]: 3 months for the 1st to 3rd child; from the 4th child, cuti besar is used.
- **Cuti karena alasan penting (CAP)** [H]: up to 1 month.
- **Cuti bersama** [H]: set by Keppres each year, never requested by an employee and never taken from CT.
- **Cuti di luar tanggungan negara (CLTN)** [M]: after 5 years of service, up to 3 years, extendable by 1.

Months are counted here as **30 calendar days** and a year as **365** [L, interpretation: the regulation
speaks of months and years]; every such number is a field of ``LeaveRule`` that a caller may replace.
CT is counted in **working days**; the other kinds in **calendar days**. §3.4 states no difference for PPPK,
so none is encoded (open point in docs/rules/attendance.md).

``check_leave_request`` returns a ``LeaveDecision``: ``allowed`` or a refusal with a stable ``code`` and an
Indonesian and English message. Malformed input (negative counts, unknown kinds) raises ``LeaveRuleError``.
Pure module: no Django, no clock, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from pamong.attendance.rules.errors import LeaveRuleError


class LeaveKind(StrEnum):
    """The seven cuti of PP 11/2017 (§3.4)."""

    TAHUNAN = "tahunan"
    BESAR = "besar"
    SAKIT = "sakit"
    MELAHIRKAN = "melahirkan"
    ALASAN_PENTING = "alasan_penting"
    BERSAMA = "bersama"
    LUAR_TANGGUNGAN = "luar_tanggungan"


class DayUnit(StrEnum):
    WORKING = "working"
    CALENDAR = "calendar"


@dataclass(frozen=True, slots=True)
class LeaveRule:
    """The quota of one leave kind. ``max_days`` ``None`` = no fixed cap; ``requestable`` False = not asked for."""

    kind: LeaveKind
    label_id: str
    label_en: str
    unit: DayUnit
    max_days: int | None
    min_service_years: int = 0
    min_days_per_request: int = 1
    extension_days: int = 0
    requestable: bool = True
    source: str = ""
    confidence: str = "H"


ANNUAL_DAYS = 12
"""CT entitlement, working days a year [H]."""

ANNUAL_CAP_TOTAL = 18
"""CT balance cap with carry-over (this year's 12 included) [H]."""

ANNUAL_CAP_TOTAL_TWO_YEARS_UNUSED = 24
"""CT balance cap after 2+ consecutive unused years (this year's 12 included) [H]."""

MISCARRIAGE_DAYS = 45
"""Cuti sakit for a miscarriage: 1.5 months [H], as 45 calendar days (§12 ``cuti_keguguran_days``)."""

MAX_CHILD_FOR_MATERNITY = 3
"""Cuti melahirkan covers the 1st to 3rd child; from the 4th, cuti besar [H]."""

LEAVE_RULES: Mapping[LeaveKind, LeaveRule] = {
    r.kind: r
    for r in (
        LeaveRule(
            LeaveKind.TAHUNAN,
            "Cuti tahunan",
            "Annual leave",
            DayUnit.WORKING,
            ANNUAL_DAYS,
            min_service_years=1,
            source="PP 11/2017 jo. PP 17/2020; PerBKN 7/2021",
        ),
        LeaveRule(
            LeaveKind.BESAR,
            "Cuti besar",
            "Long leave",
            DayUnit.CALENDAR,
            90,
            min_service_years=5,
            source="PP 11/2017 (3 months)",
        ),
        LeaveRule(
            LeaveKind.SAKIT,
            "Cuti sakit",
            "Sick leave",
            DayUnit.CALENDAR,
            365,
            extension_days=180,
            source="PP 11/2017; PerBKN 7/2021 (1 year + 6 months)",
        ),
        LeaveRule(
            LeaveKind.MELAHIRKAN,
            "Cuti melahirkan",
            "Maternity leave",
            DayUnit.CALENDAR,
            90,
            source="PP 11/2017 (3 months, child 1-3)",
        ),
        LeaveRule(
            LeaveKind.ALASAN_PENTING,
            "Cuti karena alasan penting",
            "Leave for important reasons",
            DayUnit.CALENDAR,
            30,
            source="PP 11/2017 jo. PP 17/2020 (1 month)",
        ),
        LeaveRule(
            LeaveKind.BERSAMA,
            "Cuti bersama",
            "Collective leave",
            DayUnit.WORKING,
            None,
            requestable=False,
            source="Keppres each year",
        ),
        LeaveRule(
            LeaveKind.LUAR_TANGGUNGAN,
            "Cuti di luar tanggungan negara",
            "Unpaid leave",
            DayUnit.CALENDAR,
            3 * 365,
            min_service_years=5,
            extension_days=365,
            source="PP 11/2017 (3 years + 1)",
            confidence="M",
        ),
    )
}
"""The quota table; replace entries (``{**LEAVE_RULES, kind: LeaveRule(...)}``) where a value is disputed."""


@dataclass(frozen=True, slots=True)
class LeaveDecision:
    """``allowed`` or a refusal; ``remaining_days`` is what is left after this request when known."""

    allowed: bool
    code: str = "allowed"
    message_id: str = ""
    message_en: str = ""
    remaining_days: int | None = None


def _refuse(code: str, message_id: str, message_en: str) -> LeaveDecision:
    return LeaveDecision(False, code, message_id, message_en)


def _non_negative(value: int, field: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise LeaveRuleError(
            "count_invalid",
            f"Nilai {field} harus bilangan bulat nol atau lebih (diterima: {value!r}).",
            f"{field} must be a whole number of zero or more (got {value!r}).",
            field=field,
        )


def annual_leave_carry(unused_last_year: int, *, consecutive_unused_years: int = 1) -> int:
    """Working days of CT carried into the next year.

    Carry ≤ 6 (total cap 18 with the year's 12); after ``consecutive_unused_years`` ≥ 2 of CT left wholly
    unused, carry ≤ 12 (total cap 24) [H]. §3.4 example: used 4 of 12 → 8 unused → carry 6 → balance 18.
    """
    _non_negative(unused_last_year, "unused_last_year")
    _non_negative(consecutive_unused_years, "consecutive_unused_years")
    cap = ANNUAL_CAP_TOTAL_TWO_YEARS_UNUSED if consecutive_unused_years >= 2 else ANNUAL_CAP_TOTAL
    return min(unused_last_year, cap - ANNUAL_DAYS)


def annual_leave_balance(*, carried_over: int = 0, cuti_bersama_worked: int = 0) -> int:
    """This year's CT balance: 12 + ``carried_over`` (capped at 24) + cuti bersama days worked (§3.4) [H]."""
    _non_negative(carried_over, "carried_over")
    _non_negative(cuti_bersama_worked, "cuti_bersama_worked")
    return min(ANNUAL_DAYS + carried_over, ANNUAL_CAP_TOTAL_TWO_YEARS_UNUSED) + cuti_bersama_worked


def check_leave_request(
    kind: LeaveKind | str,
    days_requested: int,
    *,
    taken_this_year: int = 0,
    carried_over: int = 0,
    service_years: int = 0,
    cuti_bersama_worked: int = 0,
    cuti_besar_taken_this_year: bool = False,
    religious_duty: bool = False,
    child_number: int | None = None,
    miscarriage: bool = False,
    work_accident: bool = False,
    medical_board_extension: bool = False,
    extension_approved: bool = False,
    rules: Mapping[LeaveKind, LeaveRule] = LEAVE_RULES,
) -> LeaveDecision:
    """Whether a request for ``days_requested`` days of ``kind`` fits the quota of §3.4.

    ``taken_this_year`` is the days of the same kind already taken this year (for cuti sakit, of the current
    sickness episode); ``carried_over`` the CT carried from earlier years (``annual_leave_carry``);
    ``service_years`` the whole years of continuous service. Approval by the superior and the documents
    (doctor's letter, BKN consideration for CLTN) are checked by the service, not here.
    """
    try:
        kind = LeaveKind(kind)
    except ValueError:
        raise LeaveRuleError(
            "leave_kind_unknown",
            f"Jenis cuti {kind!r} tidak dikenal.",
            f"Unknown leave kind {kind!r}.",
            field="kind",
        ) from None
    _non_negative(days_requested, "days_requested")
    _non_negative(taken_this_year, "taken_this_year")
    _non_negative(service_years, "service_years")
    rule = rules[kind]
    if not rule.requestable:
        return _refuse(
            "not_requestable",
            f"{rule.label_id} ditetapkan dengan Keppres setiap tahun dan tidak diajukan oleh pegawai.",
            f"{rule.label_en} is set by presidential decree each year and is not requested by an employee.",
        )
    if days_requested < rule.min_days_per_request:
        return _refuse(
            "below_minimum",
            f"{rule.label_id} diajukan paling sedikit {rule.min_days_per_request} hari.",
            f"{rule.label_en} must be requested for at least {rule.min_days_per_request} day(s).",
        )
    waived = kind is LeaveKind.BESAR and religious_duty
    if service_years < rule.min_service_years and not waived:
        return _refuse(
            "service_too_short",
            f"{rule.label_id} memerlukan masa kerja terus-menerus paling sedikit {rule.min_service_years} tahun "
            f"(masa kerja: {service_years} tahun).",
            f"{rule.label_en} requires at least {rule.min_service_years} year(s) of continuous service "
            f"(service: {service_years} year(s)).",
        )
    if kind is LeaveKind.TAHUNAN and cuti_besar_taken_this_year:
        return _refuse(
            "annual_after_long_leave",
            "Pegawai yang mengambil cuti besar tidak berhak atas cuti tahunan pada tahun yang sama.",
            "An employee who takes long leave has no annual leave in the same year.",
        )
    if kind is LeaveKind.MELAHIRKAN:
        if child_number is None or isinstance(child_number, bool) or child_number < 1:
            raise LeaveRuleError(
                "child_number_missing",
                "Cuti melahirkan memerlukan urutan kelahiran anak (1 atau lebih).",
                "Maternity leave needs the child's birth order (1 or more).",
                field="child_number",
            )
        if child_number > MAX_CHILD_FOR_MATERNITY:
            return _refuse(
                "use_long_leave",
                f"Cuti melahirkan berlaku untuk anak pertama sampai ketiga; untuk anak ke-{child_number} "
                "gunakan cuti besar.",
                f"Maternity leave covers the first to third child; for child {child_number}, use long leave.",
            )
    if kind is LeaveKind.TAHUNAN:
        cap: int | None = annual_leave_balance(carried_over=carried_over, cuti_bersama_worked=cuti_bersama_worked)
    elif kind is LeaveKind.SAKIT and work_accident:
        cap = None
    elif kind is LeaveKind.SAKIT and miscarriage:
        cap = MISCARRIAGE_DAYS
    else:
        cap = rule.max_days
        extended = medical_board_extension if kind is LeaveKind.SAKIT else extension_approved
        if cap is not None and extended:
            cap += rule.extension_days
    if cap is None:
        return LeaveDecision(True)
    remaining = cap - taken_this_year
    if days_requested > remaining:
        unit_id = "hari kerja" if rule.unit is DayUnit.WORKING else "hari"
        unit_en = "working days" if rule.unit is DayUnit.WORKING else "days"
        return _refuse(
            "quota_exceeded",
            f"{rule.label_id} diajukan {days_requested} {unit_id}, sisa hak {max(remaining, 0)} {unit_id} "
            f"(batas {cap}, sudah diambil {taken_this_year}).",
            f"{rule.label_en} requested for {days_requested} {unit_en}; {max(remaining, 0)} {unit_en} left "
            f"(limit {cap}, already taken {taken_this_year}).",
        )
    return LeaveDecision(True, remaining_days=remaining - days_requested)
