"""rules.register: the consequences register's steps, who may take them, notes, due dates."""

from datetime import date

import pytest

from pamong.performance.rules.errors import ConsequenceError
from pamong.performance.rules.register import EntryStatus, Step, Transition, check_step, follow_up_due

S = EntryStatus


@pytest.mark.parametrize(
    ("status", "step", "after"),
    [
        (S.OPEN, Step.PROGRESS, S.IN_PROGRESS),
        (S.IN_PROGRESS, Step.PROGRESS, S.IN_PROGRESS),
        (S.OPEN, Step.RESOLVE, S.RESOLVED),
        (S.IN_PROGRESS, Step.RESOLVE, S.RESOLVED),
        (S.RESOLVED, Step.REOPEN, S.IN_PROGRESS),
        (S.RESOLVED, Step.CLOSE, S.CLOSED),
        (S.OPEN, Step.DISMISS, S.DISMISSED),
        (S.IN_PROGRESS, Step.DISMISS, S.DISMISSED),
        (S.RESOLVED, Step.DISMISS, S.DISMISSED),
        (S.OPEN, Step.ASSIGN, S.OPEN),
        (S.IN_PROGRESS, Step.ASSIGN, S.IN_PROGRESS),
        (S.RESOLVED, Step.ASSIGN, S.RESOLVED),
    ],
)
def test_allowed_steps_for_a_manager(status, step, after) -> None:
    result = check_step(status, step, "  sudah  dibahas di rapat  ", is_manager=True)
    assert result == Transition(step, status, after, "sudah dibahas di rapat")


@pytest.mark.parametrize(
    ("status", "step", "code"),
    [
        (S.OPEN, Step.CLOSE, "wrong_state"),
        (S.IN_PROGRESS, Step.CLOSE, "wrong_state"),
        (S.OPEN, Step.REOPEN, "wrong_state"),
        (S.RESOLVED, Step.PROGRESS, "wrong_state"),
        (S.RESOLVED, Step.RESOLVE, "wrong_state"),
        (S.CLOSED, Step.PROGRESS, "final"),
        (S.CLOSED, Step.DISMISS, "final"),
        (S.CLOSED, Step.ASSIGN, "final"),
        (S.DISMISSED, Step.REOPEN, "final"),
        (S.DISMISSED, Step.ASSIGN, "final"),
    ],
)
def test_refused_steps(status, step, code) -> None:
    with pytest.raises(ConsequenceError) as info:
        check_step(status, step, "catatan yang cukup panjang", is_manager=True)
    assert info.value.code == code
    assert info.value.message_id and info.value.message_en


@pytest.mark.parametrize(
    ("step", "allowed"),
    [
        (Step.PROGRESS, True),
        (Step.RESOLVE, True),
        (Step.ASSIGN, False),
        (Step.DISMISS, False),
    ],
)
def test_the_owner_progresses_and_resolves_only(step, allowed) -> None:
    if allowed:
        assert check_step(S.OPEN, step, "dikerjakan bersama bidang", is_manager=False, is_owner=True).step is step
    else:
        with pytest.raises(ConsequenceError) as info:
            check_step(S.OPEN, step, "dikerjakan bersama bidang", is_manager=False, is_owner=True)
        assert info.value.code == "not_allowed"


@pytest.mark.parametrize("step", [Step.CLOSE, Step.REOPEN])
def test_the_owner_cannot_accept_or_reject_their_own_resolution(step) -> None:
    with pytest.raises(ConsequenceError) as info:
        check_step(S.RESOLVED, step, "saya anggap beres semua", is_manager=False, is_owner=True)
    assert info.value.code == "not_allowed"


def test_neither_manager_nor_owner_is_refused_first() -> None:
    with pytest.raises(ConsequenceError) as info:
        check_step(S.CLOSED, Step.PROGRESS, "", is_manager=False, is_owner=False)
    assert info.value.code == "not_allowed"


@pytest.mark.parametrize(
    ("step", "note", "code"),
    [
        (Step.PROGRESS, "", "note_missing"),
        (Step.RESOLVE, "   ", "note_missing"),
        (Step.DISMISS, "salah", "note_too_short"),
        (Step.REOPEN, "a  b  c  d", "note_too_short"),
    ],
)
def test_notes_are_required_where_a_step_needs_an_explanation(step, note, code) -> None:
    status = S.RESOLVED if step is Step.REOPEN else S.OPEN
    with pytest.raises(ConsequenceError) as info:
        check_step(status, step, note, is_manager=True)
    assert info.value.code == code
    assert info.value.field == "note"


def test_assign_and_close_need_no_note() -> None:
    assert check_step(S.OPEN, Step.ASSIGN, "", is_manager=True).note == ""
    assert check_step(S.RESOLVED, Step.CLOSE, "", is_manager=True).after is S.CLOSED


def test_min_note_chars_is_a_parameter() -> None:
    assert check_step(S.OPEN, Step.DISMISS, "dobel", is_manager=True, min_note_chars=5).after is S.DISMISSED
    with pytest.raises(ConsequenceError):
        check_step(S.OPEN, Step.DISMISS, "dobel", is_manager=True, min_note_chars=6)


@pytest.mark.parametrize(
    ("opened", "days", "expected"),
    [
        (date(2026, 11, 2), 30, date(2026, 12, 2)),
        (date(2026, 12, 15), 30, date(2027, 1, 14)),
        (date(2028, 2, 1), 28, date(2028, 2, 29)),
        (date(2026, 1, 1), 1, date(2026, 1, 2)),
    ],
)
def test_follow_up_due(opened, days, expected) -> None:
    assert follow_up_due(opened, days) == expected


@pytest.mark.parametrize("days", [0, 366, -5, True])
def test_follow_up_due_refuses_out_of_range_days(days) -> None:
    with pytest.raises(ConsequenceError) as info:
        follow_up_due(date(2026, 1, 1), days)
    assert info.value.code == "days_out_of_range"
