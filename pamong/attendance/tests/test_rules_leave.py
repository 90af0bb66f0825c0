"""rules.leave: the PP 11/2017 leave kinds, CT carry-over (rules.md §3.4 worked example), request checks."""

import pytest

from pamong.attendance.rules.errors import LeaveRuleError
from pamong.attendance.rules.leave import (
    LEAVE_RULES,
    LeaveKind,
    annual_leave_balance,
    annual_leave_carry,
    check_leave_request,
)


@pytest.mark.parametrize(
    ("unused", "years", "carry", "balance"),
    [
        (8, 1, 6, 18),  # §3.4: 2025 used 4 of 12 -> carry min(8, 6) = 6 -> 18
        (12, 2, 12, 24),  # 2024 and 2025 wholly unused -> 24, the cap
        (12, 1, 6, 18),
        (3, 1, 3, 15),
        (0, 0, 0, 12),
    ],
)
def test_annual_carry_and_balance(unused, years, carry, balance):
    assert annual_leave_carry(unused, consecutive_unused_years=years) == carry
    assert annual_leave_balance(carried_over=carry) == balance


def test_cuti_bersama_worked_adds_to_ct():
    # §3.4: working on cuti bersama (e.g. Mon 23 Mar 2026) -> +1 day of CT
    assert annual_leave_balance(carried_over=6, cuti_bersama_worked=1) == 19


@pytest.mark.parametrize(
    ("kind", "days", "kwargs", "code", "remaining"),
    [
        (LeaveKind.TAHUNAN, 12, {"service_years": 1}, "allowed", 0),
        (LeaveKind.TAHUNAN, 13, {"service_years": 1}, "quota_exceeded", None),
        (LeaveKind.TAHUNAN, 6, {"service_years": 3, "carried_over": 6, "taken_this_year": 12}, "allowed", 0),
        (LeaveKind.TAHUNAN, 5, {"service_years": 3, "taken_this_year": 8}, "quota_exceeded", None),
        (LeaveKind.TAHUNAN, 1, {"service_years": 0}, "service_too_short", None),
        (LeaveKind.TAHUNAN, 0, {"service_years": 2}, "below_minimum", None),
        (
            LeaveKind.TAHUNAN,
            1,
            {"service_years": 9, "cuti_besar_taken_this_year": True},
            "annual_after_long_leave",
            None,
        ),
        (LeaveKind.BESAR, 90, {"service_years": 5}, "allowed", 0),
        (LeaveKind.BESAR, 91, {"service_years": 5}, "quota_exceeded", None),
        (LeaveKind.BESAR, 40, {"service_years": 4}, "service_too_short", None),
        (LeaveKind.BESAR, 40, {"service_years": 2, "religious_duty": True}, "allowed", 50),  # first hajj
        (LeaveKind.SAKIT, 365, {}, "allowed", 0),
        (LeaveKind.SAKIT, 30, {"taken_this_year": 365}, "quota_exceeded", None),
        (LeaveKind.SAKIT, 180, {"taken_this_year": 365, "medical_board_extension": True}, "allowed", 0),
        (LeaveKind.SAKIT, 46, {"miscarriage": True}, "quota_exceeded", None),
        (LeaveKind.SAKIT, 45, {"miscarriage": True}, "allowed", 0),
        (LeaveKind.SAKIT, 900, {"work_accident": True}, "allowed", None),
        (LeaveKind.MELAHIRKAN, 90, {"child_number": 3}, "allowed", 0),
        (LeaveKind.MELAHIRKAN, 90, {"child_number": 4}, "use_long_leave", None),
        (LeaveKind.ALASAN_PENTING, 30, {}, "allowed", 0),
        (LeaveKind.ALASAN_PENTING, 31, {}, "quota_exceeded", None),
        (LeaveKind.BERSAMA, 1, {}, "not_requestable", None),
        (LeaveKind.LUAR_TANGGUNGAN, 1095, {"service_years": 5}, "allowed", 0),
        (LeaveKind.LUAR_TANGGUNGAN, 1200, {"service_years": 5}, "quota_exceeded", None),
        (
            LeaveKind.LUAR_TANGGUNGAN,
            365,
            {"service_years": 5, "taken_this_year": 1095, "extension_approved": True},
            "allowed",
            0,
        ),
        (LeaveKind.LUAR_TANGGUNGAN, 30, {"service_years": 4}, "service_too_short", None),
        ("tahunan", 2, {"service_years": 1}, "allowed", 10),
    ],
)
def test_check_leave_request(kind, days, kwargs, code, remaining):
    decision = check_leave_request(kind, days, **kwargs)
    assert decision.code == code
    assert decision.allowed is (code == "allowed")
    assert decision.remaining_days == remaining
    if not decision.allowed:
        assert decision.message_id and decision.message_en


def test_refusal_message_names_the_numbers():
    decision = check_leave_request(LeaveKind.TAHUNAN, 5, service_years=3, taken_this_year=8)
    assert "sisa hak 4 hari kerja" in decision.message_id
    assert "4 working days left" in decision.message_en


def test_quota_table_is_replaceable():
    rules = {
        **LEAVE_RULES,
        LeaveKind.ALASAN_PENTING: LEAVE_RULES[LeaveKind.ALASAN_PENTING].__class__(
            LeaveKind.ALASAN_PENTING, "CAP", "CAP", LEAVE_RULES[LeaveKind.ALASAN_PENTING].unit, 31
        ),
    }
    assert check_leave_request(LeaveKind.ALASAN_PENTING, 31, rules=rules).allowed


def test_every_kind_has_a_rule():
    assert set(LEAVE_RULES) == set(LeaveKind)


@pytest.mark.parametrize(
    ("call", "code", "field"),
    [
        (lambda: check_leave_request("cuti_haji", 3), "leave_kind_unknown", "kind"),
        (lambda: check_leave_request(LeaveKind.SAKIT, -1), "count_invalid", "days_requested"),
        (lambda: check_leave_request(LeaveKind.SAKIT, 1, taken_this_year=-2), "count_invalid", "taken_this_year"),
        (lambda: check_leave_request(LeaveKind.SAKIT, 1.5), "count_invalid", "days_requested"),
        (lambda: check_leave_request(LeaveKind.MELAHIRKAN, 90), "child_number_missing", "child_number"),
        (lambda: annual_leave_carry(-1), "count_invalid", "unused_last_year"),
        (lambda: annual_leave_balance(carried_over=-1), "count_invalid", "carried_over"),
    ],
)
def test_bad_input(call, code, field):
    with pytest.raises(LeaveRuleError) as caught:
        call()
    assert (caught.value.code, caught.value.field) == (code, field)
    assert caught.value.message_en
