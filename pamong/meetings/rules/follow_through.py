"""Action items (commitments) and an OPD's follow-through rate.

Sources (``domain/field-notes.md`` §1c, §5 item 2, and issue 6): CitiStat's commitments with owner, due date and
data due at the next meeting; the UK Delivery Unit's follow-up; UKP4's "explanations do not change the
judgement" [M]. The follow-through rate is this system's measure, as issue 6 defines it: **items verified on
time ÷ items due**, per OPD over a period:

- an item is **due** in the period when its due date lies in the period and on or before ``as_of`` and it was not
  dropped (a dropped item, with its reason, is out of the count);
- it is **verified on time** when its evidence was verified and it was done (evidence submitted) on or before
  its due date.

The rate is a percentage rounded half up to one decimal (``Decimal``); with nothing due it is ``None`` (no score,
not 100 %). An item **comes back** on the agenda of the next meeting of its kind until it is verified or dropped.

Pure module: no Django, no clock, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum


class ItemStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"  # evidence submitted, awaiting verification
    VERIFIED = "verified"
    DROPPED = "dropped"  # with a reason

    @property
    def settled(self) -> bool:
        """Verified or dropped: it no longer comes back on the agenda."""
        return self in (ItemStatus.VERIFIED, ItemStatus.DROPPED)


#: Which status may follow which (services refuse anything else).
TRANSITIONS: dict[ItemStatus, frozenset[ItemStatus]] = {
    ItemStatus.OPEN: frozenset({ItemStatus.IN_PROGRESS, ItemStatus.DONE, ItemStatus.DROPPED}),
    ItemStatus.IN_PROGRESS: frozenset({ItemStatus.DONE, ItemStatus.DROPPED}),
    ItemStatus.DONE: frozenset({ItemStatus.VERIFIED, ItemStatus.IN_PROGRESS}),  # returned: evidence not enough
    ItemStatus.VERIFIED: frozenset(),
    ItemStatus.DROPPED: frozenset(),
}


def may_move(current: ItemStatus, target: ItemStatus) -> bool:
    return target in TRANSITIONS[current]


def is_overdue(status: ItemStatus, due_on: date, today: date) -> bool:
    """Overdue: past its due date and not yet done, verified or dropped."""
    return today > due_on and status in (ItemStatus.OPEN, ItemStatus.IN_PROGRESS)


def carries_over(status: ItemStatus) -> bool:
    """Whether the item comes back on the next meeting of its kind."""
    return not status.settled


@dataclass(frozen=True, slots=True)
class ItemFact:
    due_on: date
    status: ItemStatus
    done_on: date | None = None  # when the evidence was submitted


@dataclass(frozen=True, slots=True)
class FollowThrough:
    due: int
    verified_on_time: int

    @property
    def rate(self) -> Decimal | None:
        if not self.due:
            return None
        return (Decimal(100) * self.verified_on_time / self.due).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def follow_through(items: Iterable[ItemFact], *, start: date, end: date, as_of: date) -> FollowThrough:
    """Items verified on time ÷ items due in ``start``..``end`` (and by ``as_of``), dropped items excluded."""
    due = on_time = 0
    for item in items:
        if item.status is ItemStatus.DROPPED or not (start <= item.due_on <= end) or item.due_on > as_of:
            continue
        due += 1
        if item.status is ItemStatus.VERIFIED and item.done_on is not None and item.done_on <= item.due_on:
            on_time += 1
    return FollowThrough(due=due, verified_on_time=on_time)
