"""rules.assignments, table-driven and without a database: who may hold a post, and what an appointment ends."""

from datetime import date

import pytest

from pamong.people.rules.assignments import (
    Accepted,
    Ending,
    Holding,
    Proposal,
    Refusal,
    RefusalCode,
    check_assignment,
    check_proposal,
    superseded,
    takes_effect_now,
)

ME, HOLDER, ACTOR, OTHER = 1, 2, 3, 4
DEF, PLT, PLH = "definitive", "plt", "plh"
JAN, MAR, JUN, DEC = date(2025, 1, 1), date(2025, 3, 1), date(2025, 6, 1), date(2025, 12, 31)


def held(employee_id: int, kind: str, starts_on: date, ends_on: date | None = None, pk: int | None = None) -> Holding:
    return Holding(employee_id, kind, starts_on, ends_on, pk)


def proposal(kind: str = DEF, starts_on: date = MAR, ends_on: date | None = None, *, structural: bool = True):
    return Proposal(ME, kind, starts_on, ends_on, structural)


# ------------------------------------------------------------------------------------ refusals --

# (case, proposal, holdings of the post, holdings of the employee, code, field, conflicting holder)
REFUSED = [
    ("end before start", proposal(PLT, MAR, JAN), [], [], RefusalCode.ENDS_BEFORE_START, "ends_on", None),
    (
        "end before start, shared post",
        proposal(DEF, MAR, JAN, structural=False),
        [],
        [],
        RefusalCode.ENDS_BEFORE_START,
        "ends_on",
        None,
    ),
    ("Plt on a shared post", proposal(PLT, structural=False), [], [], RefusalCode.ACTING_ON_SHARED_POST, "kind", None),
    ("Plh on a shared post", proposal(PLH, structural=False), [], [], RefusalCode.ACTING_ON_SHARED_POST, "kind", None),
    (
        "Plh on a shared post with holders",
        proposal(PLH, structural=False),
        [held(HOLDER, DEF, JAN)],
        [],
        RefusalCode.ACTING_ON_SHARED_POST,
        "kind",
        None,
    ),
    (
        "definitive on a structural post held open-ended",
        proposal(DEF),
        [held(HOLDER, DEF, JAN)],
        [],
        RefusalCode.POST_HELD,
        "position",
        HOLDER,
    ),
    (
        "definitive on a structural post held until after the TMT",
        proposal(DEF),
        [held(HOLDER, DEF, JAN, MAR)],
        [],
        RefusalCode.POST_HELD,
        "position",
        HOLDER,
    ),
    (
        "fixed-term definitive meets a holder who starts later",
        proposal(DEF, JAN, JUN),
        [held(HOLDER, DEF, MAR)],
        [],
        RefusalCode.POST_HELD,
        "position",
        HOLDER,
    ),
    ("Plt while a holder exists", proposal(PLT), [held(HOLDER, DEF, JAN)], [], RefusalCode.PLT_ON_HELD_POST, "kind", 2),
    (
        "Plt meets a holder who starts within its period",
        proposal(PLT, JAN, JUN),
        [held(HOLDER, DEF, MAR)],
        [],
        RefusalCode.PLT_ON_HELD_POST,
        "kind",
        HOLDER,
    ),
    ("Plh on a vacant post", proposal(PLH), [], [], RefusalCode.PLH_ON_VACANT_POST, "kind", None),
    (
        "Plh after the holder left",
        proposal(PLH),
        [held(HOLDER, DEF, JAN, date(2025, 2, 28))],
        [],
        RefusalCode.PLH_ON_VACANT_POST,
        "kind",
        None,
    ),
    (
        "Plh before the holder arrives",
        proposal(PLH, JAN, date(2025, 1, 31)),
        [held(HOLDER, DEF, MAR)],
        [],
        RefusalCode.PLH_ON_VACANT_POST,
        "kind",
        None,
    ),
    (
        "Plh standing in for oneself",
        proposal(PLH),
        [held(ME, DEF, JAN)],
        [held(ME, DEF, JAN)],
        RefusalCode.PLH_ON_VACANT_POST,
        "kind",
        None,
    ),
    (
        "second Plt on a vacant post",
        proposal(PLT),
        [held(ACTOR, PLT, JAN)],
        [],
        RefusalCode.ACTING_TAKEN,
        "position",
        ACTOR,
    ),
    (
        "Plh while another Plh stands in",
        proposal(PLH, MAR, JUN),
        [held(HOLDER, DEF, JAN), held(ACTOR, PLH, date(2025, 5, 1), date(2025, 5, 10))],
        [],
        RefusalCode.ACTING_TAKEN,
        "position",
        ACTOR,
    ),
    (
        "Plt where a Plh acted in a vacancy recorded earlier",
        proposal(PLT, MAR),
        [held(ACTOR, PLH, JAN, DEC)],
        [],
        RefusalCode.ACTING_TAKEN,
        "position",
        ACTOR,
    ),
    (
        "definitive while one's own definitive post started the same day",
        proposal(DEF, MAR),
        [],
        [held(ME, DEF, MAR)],
        RefusalCode.EMPLOYEE_HOLDS_DEFINITIVE,
        "starts_on",
        ME,
    ),
    (
        "an earlier TMT than one's current post is not a correction",
        proposal(DEF, MAR),
        [],
        [held(ME, DEF, JUN)],
        RefusalCode.EMPLOYEE_HOLDS_DEFINITIVE,
        "starts_on",
        ME,
    ),
    (
        "the same employee re-appointed to the same shared post with the same TMT",
        proposal(DEF, JAN, structural=False),
        [held(ME, DEF, JAN), held(HOLDER, DEF, JAN)],
        [held(ME, DEF, JAN)],
        RefusalCode.EMPLOYEE_HOLDS_DEFINITIVE,
        "starts_on",
        ME,
    ),
    (
        "a closed definitive period that overlaps",
        proposal(DEF, MAR),
        [],
        [held(ME, DEF, JAN, JUN)],
        RefusalCode.EMPLOYEE_HOLDS_DEFINITIVE,
        "starts_on",
        ME,
    ),
    (
        "a fixed-term definitive that reaches a later open post",
        proposal(DEF, JAN, JUN),
        [],
        [held(ME, DEF, MAR)],
        RefusalCode.EMPLOYEE_HOLDS_DEFINITIVE,
        "starts_on",
        ME,
    ),
    (
        "the post is checked before the employee",
        proposal(DEF, MAR),
        [held(HOLDER, DEF, JAN)],
        [held(ME, DEF, JUN)],
        RefusalCode.POST_HELD,
        "position",
        HOLDER,
    ),
]


@pytest.mark.parametrize(
    ("proposal_", "of_post", "of_employee", "code", "field", "holder_id"),
    [case[1:] for case in REFUSED],
    ids=[case[0] for case in REFUSED],
)
def test_refused(proposal_, of_post, of_employee, code, field, holder_id):
    decision = check_assignment(proposal_, holdings_of_post=of_post, holdings_of_employee=of_employee)
    assert isinstance(decision, Refusal)
    assert (decision.code, decision.field, decision.holder_id) == (code, field, holder_id)
    assert decision.message_id and decision.message_en


# ------------------------------------------------------------------------------------ accepted --

OPEN_GURU = held(ME, DEF, JAN, pk=10)

# (case, proposal, holdings of the post, holdings of the employee, ends (pk, day), moves the employee on)
ACCEPTED = [
    ("definitive on a vacant structural post", proposal(DEF), [], [], [], MAR),
    (
        "definitive after the holder left",
        proposal(DEF),
        [held(HOLDER, DEF, JAN, date(2025, 2, 28))],
        [],
        [],
        MAR,
    ),
    (
        "definitive before a holder arrives (fixed term)",
        proposal(DEF, JAN, date(2025, 2, 28)),
        [held(HOLDER, DEF, MAR)],
        [],
        [],
        None,
    ),
    (
        "definitive on a shared post many hold",
        proposal(DEF, structural=False),
        [held(HOLDER, DEF, JAN), held(OTHER, DEF, JAN), held(ACTOR, DEF, MAR)],
        [],
        [],
        MAR,
    ),
    (
        "definitive on a structural post with a Plt acting",
        proposal(DEF),
        [held(ACTOR, PLT, JAN)],
        [],
        [],
        MAR,
    ),
    ("Plt on a vacant post", proposal(PLT), [], [], [], None),
    ("Plt after the previous Plt ended", proposal(PLT), [held(ACTOR, PLT, JAN, date(2025, 2, 28))], [], [], None),
    ("Plh while the holder is away", proposal(PLH, MAR, JUN), [held(HOLDER, DEF, JAN)], [], [], None),
    (
        "Plh after the previous Plh ended",
        proposal(PLH, JUN, JUN),
        [held(HOLDER, DEF, JAN), held(ACTOR, PLH, MAR, date(2025, 3, 10))],
        [],
        [],
        None,
    ),
    (
        "acting keeps one's own definitive post",
        proposal(PLT),
        [],
        [OPEN_GURU],
        [],
        None,
    ),
    ("transfer ends the previous post the day before", proposal(DEF), [], [OPEN_GURU], [(10, date(2025, 2, 28))], MAR),
    (
        "the same employee re-appointed to the same post with a later TMT",
        proposal(DEF, MAR),
        [OPEN_GURU],
        [OPEN_GURU],
        [(10, date(2025, 2, 28))],
        MAR,
    ),
    (
        "a closed definitive period that ended before the TMT",
        proposal(DEF, MAR),
        [],
        [held(ME, DEF, JAN, date(2025, 2, 28), pk=11)],
        [],
        MAR,
    ),
    (
        "a future-dated appointment ends the previous post the day before it",
        proposal(DEF, date(2026, 1, 1)),
        [],
        [OPEN_GURU],
        [(10, DEC)],
        date(2026, 1, 1),
    ),
    (
        "fixed-term definitive does not move the employee",
        proposal(DEF, MAR, JUN),
        [],
        [OPEN_GURU],
        [(10, date(2025, 2, 28))],
        None,
    ),
    (
        "the employee's own Plt does not count as a definitive post",
        proposal(DEF),
        [],
        [held(ME, PLT, JAN, pk=12)],
        [],
        MAR,
    ),
]


@pytest.mark.parametrize(
    ("proposal_", "of_post", "of_employee", "ends", "moves_on"),
    [case[1:] for case in ACCEPTED],
    ids=[case[0] for case in ACCEPTED],
)
def test_accepted(proposal_, of_post, of_employee, ends, moves_on):
    decision = check_assignment(proposal_, holdings_of_post=of_post, holdings_of_employee=of_employee)
    assert isinstance(decision, Accepted), decision
    assert [(e.holding.assignment_id, e.ends_on) for e in decision.ends] == ends
    assert decision.moves_employee_on == moves_on


# ------------------------------------------------------------------------------------ helpers --


def test_messages_name_the_holder_and_the_date():
    decision = check_assignment(
        proposal(DEF), holdings_of_post=[held(HOLDER, DEF, date(2024, 1, 2))], holdings_of_employee=[]
    )
    assert isinstance(decision, Refusal)
    named = decision.named("Budi Kadisdik")
    assert named.message_id == (
        "Jabatan ini dijabat definitif oleh Budi Kadisdik sejak 2 Januari 2024; akhiri penugasan itu dahulu."
    )
    assert named.message_en == (
        "This position is held definitively by Budi Kadisdik since 2 January 2024; end that assignment first."
    )
    assert named.holder == decision.holder


def test_acting_message_names_the_kind():
    decision = check_assignment(proposal(PLT), holdings_of_post=[held(ACTOR, PLT, JAN)], holdings_of_employee=[])
    assert isinstance(decision, Refusal)
    assert decision.named("Andi").message_id == "Jabatan ini sudah memiliki Plt: Andi pada periode yang sama."


def test_a_name_with_a_percent_sign_is_kept_as_written():
    decision = check_assignment(proposal(PLT), holdings_of_post=[held(HOLDER, DEF, JAN)], holdings_of_employee=[])
    assert isinstance(decision, Refusal)
    assert "oleh 100%(name)s Andi." in decision.named("100%(name)s Andi").message_id


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (proposal(PLH, structural=False), RefusalCode.ACTING_ON_SHARED_POST),
        (proposal(DEF, MAR, JAN), RefusalCode.ENDS_BEFORE_START),
        (proposal(PLH), None),  # needs the post's holders: check_assignment decides
        (proposal(DEF, structural=False), None),
    ],
)
def test_check_proposal_needs_no_holdings(case, expected):
    refusal = check_proposal(case)
    assert (refusal.code if refusal else None) == expected


def test_superseded_is_what_check_assignment_ends():
    holdings = [OPEN_GURU, held(ME, DEF, date(2024, 1, 1), date(2024, 12, 31), pk=13), held(ME, PLT, JAN, pk=14)]
    assert superseded(proposal(DEF), holdings_of_employee=holdings) == (Ending(OPEN_GURU, date(2025, 2, 28)),)
    assert superseded(proposal(PLT), holdings_of_employee=holdings) == ()


@pytest.mark.parametrize(
    ("starts_on", "today", "expected"),
    [(MAR, date(2025, 2, 28), False), (MAR, MAR, True), (MAR, date(2025, 3, 2), True)],
)
def test_takes_effect_now(starts_on, today, expected):
    assert takes_effect_now(starts_on, today) is expected


@pytest.mark.parametrize(
    ("period", "other", "expected"),
    [
        ((JAN, None), (MAR, None), True),
        ((JAN, date(2025, 2, 28)), (MAR, None), False),
        ((JAN, MAR), (MAR, None), True),  # ends_on is inclusive
        ((JUN, None), (JAN, MAR), False),
        ((JUN, None), (JAN, JUN), True),
        ((JAN, DEC), (MAR, JUN), True),
    ],
)
def test_overlaps(period, other, expected):
    assert held(ME, DEF, *period).overlaps(*other) is expected
