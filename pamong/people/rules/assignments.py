"""Who may be put in a post, and what an appointment changes: definitive, Plt and Plh holders.

Sources:

- Plt (pelaksana tugas) and Plh (pelaksana harian): BKN practice as set out in
  SE Kepala BKN Nomor 1/SE/I/2021 on the authority of Plh and Plt in staffing
  matters [M]. A **Plt** is named when the definitive holder is permanently
  absent (berhalangan tetap): the post is vacant (lowong). A **Plh** is named
  when the definitive holder is temporarily absent (berhalangan sementara: leave,
  duty travel) and keeps the post. Neither is a definitive appointment; an
  acting holder keeps their own post. The circular's limits on who may act
  (same or one level lower) and on how long are not encoded here.
- Only structural posts (JPT Pratama, Administrator, Pengawas) take a Plt or Plh;
  functional and pelaksana posts are job titles that many people hold at once.
  That a structural post has at most **one definitive holder and one acting
  holder** at a time, and that an employee has one definitive post at a time (a
  new one ends the previous open one the day before its TMT), is this product's
  rule, decided in ``docs/adr/0010-structural-posts-exclusive-functional-posts-shared.md``
  [M].
- A definitive appointment with a future TMT is recorded at once but moves the
  employee (their current unit and post) only when it takes effect: on or after
  its start date in the tenant's calendar (ADR 0010) [M].

The employee page (``pamong.people.services.assignment_start``) and the employee
import (``pamong.imports.planning_people``) both decide with ``check_assignment``.

Pure module: no Django, no clock (``today`` is passed in), no I/O.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import TypeAlias

from pamong.people.rules.dates import date_en, date_id


class HoldingKind(StrEnum):
    """How a person holds a post (the values of ``people.choices.AssignmentKind``)."""

    DEFINITIVE = "definitive"  # appointed to the post by decree (SK)
    PLT = "plt"  # pelaksana tugas: acting while the post is vacant
    PLH = "plh"  # pelaksana harian: acting while the definitive holder is briefly away


ACTING_KINDS = frozenset({HoldingKind.PLT, HoldingKind.PLH})


@dataclass(frozen=True)
class Holding:
    """One stored (or already planned) period in which an employee holds a post; ``ends_on`` inclusive."""

    employee_id: int
    kind: str
    starts_on: date
    ends_on: date | None
    assignment_id: int | None = None  # the caller's key for the row, handed back in ``Ending``

    def overlaps(self, starts_on: date, ends_on: date | None) -> bool:
        """Whether this period and ``[starts_on, ends_on]`` (``None`` = open-ended) share a day."""
        return (self.ends_on is None or self.ends_on >= starts_on) and (ends_on is None or self.starts_on <= ends_on)


@dataclass(frozen=True)
class Proposal:
    """An appointment asked for: ``employee_id`` to hold a post as ``kind`` from ``starts_on``."""

    employee_id: int
    kind: str
    starts_on: date
    ends_on: date | None
    position_is_structural: bool


class RefusalCode(StrEnum):
    """Why an appointment is refused. ``Refusal.field`` names the input to change."""

    ENDS_BEFORE_START = "ends_before_start"  # field ends_on
    ACTING_ON_SHARED_POST = "acting_on_shared_post"  # field kind: Plt/Plh on a functional or pelaksana post
    POST_HELD = "post_held"  # field position: a definitive holder overlaps a new definitive appointment
    PLT_ON_HELD_POST = "plt_on_held_post"  # field kind: a Plt while a definitive holder exists (use Plh)
    PLH_ON_VACANT_POST = "plh_on_vacant_post"  # field kind: a Plh while the post is vacant (use Plt)
    ACTING_TAKEN = "acting_taken"  # field position: another Plt/Plh overlaps
    EMPLOYEE_HOLDS_DEFINITIVE = "employee_holds_definitive"  # field starts_on: the employee's own post overlaps


@dataclass(frozen=True)
class Refusal:
    """An appointment that may not be made.

    ``holder`` is the conflicting holding (``holder.employee_id`` is whom to name);
    where the messages name that person they hold ``%(name)s``: fill it with
    ``named(...)``. ``field`` is the ``Proposal`` attribute to change, or
    ``"position"`` when another post must be chosen.
    """

    code: RefusalCode
    field: str
    message_id: str
    message_en: str
    holder: Holding | None = None

    @property
    def holder_id(self) -> int | None:
        return self.holder.employee_id if self.holder is not None else None

    def named(self, name: str) -> "Refusal":
        """The same refusal with the conflicting holder's name in its messages."""
        values = {"name": name}
        return replace(self, message_id=self.message_id % values, message_en=self.message_en % values)


@dataclass(frozen=True)
class Ending:
    """One of the employee's open definitive holdings, ended on ``ends_on`` (inclusive) by the new appointment."""

    holding: Holding
    ends_on: date


@dataclass(frozen=True)
class Accepted:
    """An appointment that may be made, and what else it changes.

    ``moves_employee_on`` is the day from which the post becomes the employee's own
    (their current post and unit): the start of an open-ended definitive
    appointment, ``None`` for an acting or fixed-term one. Whether that day has
    come is ``takes_effect_now``.
    """

    ends: tuple[Ending, ...]
    moves_employee_on: date | None


AssignmentDecision: TypeAlias = Refusal | Accepted


def takes_effect_now(starts_on: date, today: date) -> bool:
    """Whether an appointment starting ``starts_on`` is in force on ``today`` (the tenant's date)."""
    return starts_on <= today


def superseded(proposal: Proposal, *, holdings_of_employee: Sequence[Holding]) -> tuple[Ending, ...]:
    """The employee's open definitive holdings that a definitive ``proposal`` ends, on the day before its TMT.

    Only holdings that started before the new TMT are ended; one starting on or
    after it is a conflict (``check_assignment`` refuses it), never a correction.
    """
    day_before = proposal.starts_on - timedelta(days=1)
    return tuple(Ending(h, day_before) for h in holdings_of_employee if _supersedes(proposal, h))


def _supersedes(proposal: Proposal, holding: Holding) -> bool:
    return (
        proposal.kind == HoldingKind.DEFINITIVE
        and holding.kind == HoldingKind.DEFINITIVE
        and holding.ends_on is None
        and holding.starts_on < proposal.starts_on
    )


def check_proposal(proposal: Proposal) -> Refusal | None:
    """What is wrong with a proposal whatever the post's holders: its dates, or Plt/Plh on a shared post.

    ``check_assignment`` starts with this; a caller may run it before loading the holdings.
    """
    if proposal.ends_on is not None and proposal.ends_on < proposal.starts_on:
        return Refusal(
            RefusalCode.ENDS_BEFORE_START,
            "ends_on",
            "Tanggal selesai tidak boleh sebelum tanggal mulai.",
            "The end date cannot be before the start date.",
        )
    if proposal.kind in ACTING_KINDS and not proposal.position_is_structural:
        return Refusal(
            RefusalCode.ACTING_ON_SHARED_POST,
            "kind",
            "Plt/Plh hanya untuk jabatan struktural (JPT, Administrator, Pengawas); "
            "jabatan fungsional dan pelaksana dapat dijabat banyak pegawai sekaligus.",
            "Plt/Plh is only for structural positions (JPT, Administrator, Pengawas); "
            "functional and pelaksana positions can be held by many employees at once.",
        )
    return None


def check_assignment(
    proposal: Proposal, *, holdings_of_post: Sequence[Holding], holdings_of_employee: Sequence[Holding]
) -> AssignmentDecision:
    """Decide an appointment against the post's holdings and the employee's own.

    ``holdings_of_post``: the post's holdings (the employee's own are ignored);
    for a structural post they must include every one that may overlap the
    proposal. ``holdings_of_employee``: the employee's definitive holdings that
    are open or end on or after the proposal's start. Where several holdings
    conflict, the first in the given order is named.
    """
    wrong = check_proposal(proposal)
    if wrong is not None:
        return wrong
    starts_on, ends_on = proposal.starts_on, proposal.ends_on
    if proposal.position_is_structural:
        refusal = _post_refusal(proposal, holdings_of_post)
        if refusal is not None:
            return refusal
    if proposal.kind in ACTING_KINDS:
        return Accepted(ends=(), moves_employee_on=None)
    # A holding this appointment ends the day before its TMT no longer overlaps; any other one does.
    clash = next(
        (
            h
            for h in holdings_of_employee
            if h.kind == HoldingKind.DEFINITIVE and not _supersedes(proposal, h) and h.overlaps(starts_on, ends_on)
        ),
        None,
    )
    if clash is not None:
        return Refusal(
            RefusalCode.EMPLOYEE_HOLDS_DEFINITIVE,
            "starts_on",
            f"Pegawai ini sudah memiliki jabatan definitif pada periode tersebut (sejak {date_id(clash.starts_on)}).",
            f"This employee already has a definitive position in that period (since {date_en(clash.starts_on)}).",
            clash,
        )
    return Accepted(
        ends=superseded(proposal, holdings_of_employee=holdings_of_employee),
        moves_employee_on=starts_on if ends_on is None else None,
    )


def _post_refusal(proposal: Proposal, holdings_of_post: Sequence[Holding]) -> Refusal | None:
    """A structural post: one definitive holder, one acting holder; Plt for a vacancy, Plh for an absence."""
    others = [
        h
        for h in holdings_of_post
        if h.employee_id != proposal.employee_id and h.overlaps(proposal.starts_on, proposal.ends_on)
    ]
    holder = next((h for h in others if h.kind == HoldingKind.DEFINITIVE), None)
    if proposal.kind == HoldingKind.DEFINITIVE:
        if holder is None:
            return None
        return Refusal(
            RefusalCode.POST_HELD,
            "position",
            f"Jabatan ini dijabat definitif oleh %(name)s sejak {date_id(holder.starts_on)}; "
            "akhiri penugasan itu dahulu.",
            f"This position is held definitively by %(name)s since {date_en(holder.starts_on)}; "
            "end that assignment first.",
            holder,
        )
    if proposal.kind == HoldingKind.PLT and holder is not None:
        return Refusal(
            RefusalCode.PLT_ON_HELD_POST,
            "kind",
            "Plt hanya untuk jabatan yang lowong; jabatan ini dijabat definitif oleh %(name)s. Gunakan Plh.",
            "Plt is only for vacant positions; this position is held definitively by %(name)s. Use Plh.",
            holder,
        )
    if proposal.kind == HoldingKind.PLH and holder is None:
        return Refusal(
            RefusalCode.PLH_ON_VACANT_POST,
            "kind",
            "Plh hanya menggantikan pejabat definitif yang berhalangan; jabatan ini lowong, gunakan Plt.",
            "Plh only stands in for a definitive holder who is away; this position is vacant, use Plt.",
        )
    stand_in = next((h for h in others if h.kind in ACTING_KINDS), None)
    if stand_in is None:
        return None
    label = HoldingKind(stand_in.kind).name.capitalize()
    return Refusal(
        RefusalCode.ACTING_TAKEN,
        "position",
        f"Jabatan ini sudah memiliki {label}: %(name)s pada periode yang sama.",
        f"This position already has a {label}: %(name)s in the same period.",
        stand_in,
    )
