"""The report workflow rules, table-driven, without a database."""

from decimal import Decimal

import pytest

from pamong.reports.rules.workflow import (
    Status,
    Step,
    ValueState,
    WorkflowError,
    check_complete,
    check_decision,
    check_editable,
    check_return_reason,
    missing_values,
    submit_step,
)


@pytest.mark.parametrize(
    ("status", "editable"),
    [(Status.DRAFT, True), (Status.RETURNED, True), (Status.SUBMITTED, False), (Status.VERIFIED, False)],
)
def test_only_drafts_and_returned_reports_are_editable(status, editable):
    if editable:
        check_editable(status)
    else:
        with pytest.raises(WorkflowError) as exc:
            check_editable(status)
        assert exc.value.code == "not_editable"


@pytest.mark.parametrize(
    ("status", "step", "code"),
    [
        (Status.DRAFT, Step.SUBMIT, None),
        (Status.RETURNED, Step.RESUBMIT, None),
        (Status.SUBMITTED, None, "already_submitted"),
        (Status.VERIFIED, None, "already_submitted"),
    ],
)
def test_submit_step(status, step, code):
    if code is None:
        assert submit_step(status) is step
    else:
        with pytest.raises(WorkflowError) as exc:
            submit_step(status)
        assert exc.value.code == code


@pytest.mark.parametrize(
    ("status", "by_submitter", "code"),
    [
        (Status.SUBMITTED, False, None),
        (Status.SUBMITTED, True, "own_submission"),
        (Status.DRAFT, False, "not_submitted"),
        (Status.RETURNED, False, "not_submitted"),
        (Status.VERIFIED, False, "not_submitted"),
        (Status.DRAFT, True, "not_submitted"),  # the state is judged first
    ],
)
def test_decision(status, by_submitter, code):
    if code is None:
        check_decision(status, by_submitter=by_submitter)
    else:
        with pytest.raises(WorkflowError) as exc:
            check_decision(status, by_submitter=by_submitter)
        assert exc.value.code == code
        assert exc.value.message_id and exc.value.message_en


@pytest.mark.parametrize(("reason", "ok"), [("Bukti APM kurang", True), ("", False), ("   \n", False)])
def test_return_needs_a_reason(reason, ok):
    if ok:
        assert check_return_reason(f"  {reason} ") == reason
    else:
        with pytest.raises(WorkflowError) as exc:
            check_return_reason(reason)
        assert exc.value.code == "reason_required" and exc.value.field == "reason"


A = ValueState("IK1 APM SD", Decimal("75"), "")
B_BLANK = ValueState("IK2 APK SMP", None, "")
B_NOTE = ValueState("IK2 APK SMP", None, "Data BPS terbit Desember")
C_ZERO = ValueState("IK3 Sekolah rusak", Decimal("0"), "")


@pytest.mark.parametrize(
    ("values", "missing"),
    [
        ([A, C_ZERO], ()),  # zero is a value
        ([A, B_BLANK], ("IK2 APK SMP",)),
        ([A, B_NOTE], ()),  # a note explaining the gap is accepted (ADR 0017)
        ([B_BLANK, ValueState("IK4 X", None, "  ")], ("IK2 APK SMP", "IK4 X")),
        ([], ()),
    ],
)
def test_missing_values(values, missing):
    assert missing_values(values) == missing
    if missing:
        with pytest.raises(WorkflowError) as exc:
            check_complete(values)
        assert all(name in exc.value.message_id for name in missing)
    else:
        check_complete(values)


def test_missing_sections_are_named():
    with pytest.raises(WorkflowError) as exc:
        check_complete([], missing_sections=["Pelayanan publik (PATEN)"])
    assert exc.value.code == "sections_missing" and "PATEN" in exc.value.message_id
