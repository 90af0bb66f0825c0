"""The consequences register's workflow: which step may follow which, who may take it, what it must say.

Sources: issue 3 ("each entry has an owner, status and history"); the delivery-unit routine of
``domain/field-notes.md`` (a follow-up is owned, progressed and closed in the open, never silently dropped)
[M]. The states and steps below are this product's design [M]; ADR 0021 explains them.

- States: ``open`` (just raised by a trigger) → ``in_progress`` (the owner works on it) → ``resolved``
  (the owner says the follow-up is done) → ``closed`` (a manager accepts it). ``dismissed`` ends an entry
  that needs no follow-up (a trigger on wrong data, an excused delay); it always carries a reason.
  ``closed`` and ``dismissed`` are final: a new trigger opens a new entry.
- Steps: ``progress`` (note what was done; open or in progress → in progress), ``resolve`` (open or in
  progress → resolved), ``reopen`` (resolved → in progress: the manager does not accept the resolution),
  ``close`` (resolved → closed), ``dismiss`` (any non-final state → dismissed), ``assign`` (a new owner;
  the state does not change; not on a final entry).
- Who: a manager (``consequences.manage`` over the entry's unit) may take every step; the entry's owner
  may ``progress`` and ``resolve`` (they do the follow-up) but not assign, close, reopen or dismiss their
  own entry (``OWNER_STEPS``).
- Notes: ``progress``, ``resolve``, ``reopen`` and ``dismiss`` need a note of at least
  ``min_note_chars`` characters (default **10** after collapsing spaces, [UNCONFIRMED], the same guard as
  the likelihood reason); ``assign`` and ``close`` may carry one.
- Due date: ``follow_up_due`` — an entry is due ``days`` calendar days after it was opened, default **30**
  [UNCONFIRMED]; an improvement period is due on its last day.

Pure module: no Django, no clock, no I/O.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from pamong.performance.rules.errors import ConsequenceError

DEFAULT_MIN_NOTE_CHARS = 10
DEFAULT_FOLLOW_UP_DAYS = 30
MAX_FOLLOW_UP_DAYS = 365


class EntryStatus(StrEnum):
    """Where a consequences-register entry stands."""

    OPEN = "open"  # raised by a trigger; nobody has reported on it yet
    IN_PROGRESS = "in_progress"  # the owner is working on the follow-up
    RESOLVED = "resolved"  # the owner reports the follow-up done; a manager accepts (close) or reopens
    CLOSED = "closed"  # accepted by a manager; final
    DISMISSED = "dismissed"  # ended without follow-up, with a reason; final


class Step(StrEnum):
    """A change a person makes to an entry."""

    ASSIGN = "assign"
    PROGRESS = "progress"
    RESOLVE = "resolve"
    REOPEN = "reopen"
    CLOSE = "close"
    DISMISS = "dismiss"


FINAL = frozenset({EntryStatus.CLOSED, EntryStatus.DISMISSED})
ACTIVE = frozenset({EntryStatus.OPEN, EntryStatus.IN_PROGRESS})

#: step → (states it may start from, the state it leads to; ``None`` keeps the state)
TRANSITIONS: dict[Step, tuple[frozenset[EntryStatus], EntryStatus | None]] = {
    Step.ASSIGN: (frozenset({EntryStatus.OPEN, EntryStatus.IN_PROGRESS, EntryStatus.RESOLVED}), None),
    Step.PROGRESS: (ACTIVE, EntryStatus.IN_PROGRESS),
    Step.RESOLVE: (ACTIVE, EntryStatus.RESOLVED),
    Step.REOPEN: (frozenset({EntryStatus.RESOLVED}), EntryStatus.IN_PROGRESS),
    Step.CLOSE: (frozenset({EntryStatus.RESOLVED}), EntryStatus.CLOSED),
    Step.DISMISS: (frozenset({EntryStatus.OPEN, EntryStatus.IN_PROGRESS, EntryStatus.RESOLVED}), EntryStatus.DISMISSED),
}
NOTE_REQUIRED = frozenset({Step.PROGRESS, Step.RESOLVE, Step.REOPEN, Step.DISMISS})
OWNER_STEPS = frozenset({Step.PROGRESS, Step.RESOLVE})

_STATUS_ID = {
    EntryStatus.OPEN: "terbuka",
    EntryStatus.IN_PROGRESS: "sedang ditindaklanjuti",
    EntryStatus.RESOLVED: "selesai ditindaklanjuti",
    EntryStatus.CLOSED: "ditutup",
    EntryStatus.DISMISSED: "dibatalkan",
}
_STEP_ID = {
    Step.ASSIGN: "menunjuk penanggung jawab",
    Step.PROGRESS: "mencatat kemajuan",
    Step.RESOLVE: "menyatakan selesai",
    Step.REOPEN: "membuka kembali",
    Step.CLOSE: "menutup",
    Step.DISMISS: "membatalkan",
}


@dataclass(frozen=True)
class Transition:
    """An accepted step: the state before and after, and the note (spaces collapsed; may be empty)."""

    step: Step
    before: EntryStatus
    after: EntryStatus
    note: str


def check_step(
    status: str,
    step: str,
    note: str = "",
    *,
    is_manager: bool,
    is_owner: bool = False,
    min_note_chars: int = DEFAULT_MIN_NOTE_CHARS,
) -> Transition:
    """Validate ``step`` on an entry in ``status`` by a manager or the owner; the resulting ``Transition``.

    ``ConsequenceError`` codes: ``not_allowed`` (field ``None``: neither a manager, nor the owner taking an
    owner's step), ``final`` and ``wrong_state`` (the step cannot start from this state), ``note_missing``
    and ``note_too_short`` (field ``note``).
    """
    current, wanted = EntryStatus(status), Step(step)
    if not is_manager and not (is_owner and wanted in OWNER_STEPS):
        raise ConsequenceError(
            "not_allowed",
            f"Anda tidak berwenang {_STEP_ID[wanted]} tindak lanjut ini.",
            f"You may not {wanted.value} this follow-up.",
        )
    sources, target = TRANSITIONS[wanted]
    if current not in sources:
        if current in FINAL:
            raise ConsequenceError(
                "final",
                f"Tindak lanjut ini sudah {_STATUS_ID[current]}; tidak dapat diubah lagi.",
                f"This follow-up is already {current.value.replace('_', ' ')}; it cannot change any more.",
            )
        raise ConsequenceError(
            "wrong_state",
            f"Tidak dapat {_STEP_ID[wanted]} tindak lanjut yang berstatus {_STATUS_ID[current]}.",
            f"Cannot {wanted.value} a follow-up that is {current.value.replace('_', ' ')}.",
        )
    text = " ".join(str(note).split())
    if wanted in NOTE_REQUIRED:
        if not text:
            raise ConsequenceError(
                "note_missing",
                "Catatan wajib diisi: tuliskan apa yang dilakukan atau alasannya.",
                "A note is required: say what was done, or why.",
                "note",
            )
        if len(text) < min_note_chars:
            raise ConsequenceError(
                "note_too_short",
                f"Catatan terlalu singkat: paling sedikit {min_note_chars} karakter, sekarang {len(text)}.",
                f"The note is too short: at least {min_note_chars} characters, now {len(text)}.",
                "note",
            )
    return Transition(wanted, current, target or current, text)


def follow_up_due(opened_on: date, days: int = DEFAULT_FOLLOW_UP_DAYS) -> date:
    """The day a follow-up opened on ``opened_on`` is due (``days`` calendar days later, 1–365)."""
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_FOLLOW_UP_DAYS:
        raise ConsequenceError(
            "days_out_of_range",
            f"Lama tindak lanjut harus 1 sampai {MAX_FOLLOW_UP_DAYS} hari, bukan {days!r}.",
            f"The follow-up time must be 1 to {MAX_FOLLOW_UP_DAYS} days, not {days!r}.",
            "follow_up_days",
        )
    return opened_on + timedelta(days=days)
