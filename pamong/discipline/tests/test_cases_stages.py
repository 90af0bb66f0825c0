"""The whole life-cycle of a case through the services, and the stage builders the other case tests reuse.

Cast: Citra Staf (persona ``asn``, pelaksana, III/a) in Bidang Pembinaan SD, whose Kabid post is vacant, so her
direct superior is Budi Kadisdik (``kepala_opd``, JPT Pratama). The Tim Pemeriksa of a berat case: Budi
(superior), Fajar Inspektur (``verifier``, Inspektorat) and Gita Analis (``hr_admin``, BKPSDM). No holidays
are seeded: working days are Monday to Friday.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pamong.core.models import AuditEvent
from pamong.discipline.choices import CaseStatus, ExaminerKind
from pamong.discipline.models import Case
from pamong.discipline.selectors.sanctions import active_sanctions
from pamong.discipline.services.case_steps import (
    decision_delivered,
    decision_record,
    examination_missed,
    examination_record,
    summons_issue,
    team_set,
)
from pamong.discipline.services.cases import case_open, cases_advance

pytestmark = pytest.mark.django_db

D = dt.date
OPENED = D(2026, 10, 1)
RECEIVED, EXAM, SIGNED, DELIVERED = D(2026, 10, 5), D(2026, 10, 14), D(2026, 10, 28), D(2026, 10, 29)
ANSWERS = [{"question": "Mengapa tidak masuk kerja?", "answer": "Mengurus keluarga yang sakit."}]


def open_case(cast, *, level="berat", persona="kepala_opd", employee="asn", codes=("4f",)) -> Case:
    return case_open(
        actor=cast.users[persona],
        employee=cast.employees[employee],
        level=level,
        summary="Tidak masuk kerja tanpa keterangan.",
        violations=[(code, D(2026, 9, 1), D(2026, 9, 30), "Hasil sidak") for code in codes],
        today=OPENED,
    )


def form_team(cast, case: Case) -> None:
    team_set(
        actor=cast.users["hr_admin"],
        case=case,
        members=[
            (cast.employees["kepala_opd"], "superior"),
            (cast.employees["verifier"], "supervision"),
            (cast.employees["hr_admin"], "personnel"),
        ],
    )


def summon(cast, case: Case, *, received=RECEIVED, exam=EXAM, persona="kepala_opd"):
    return summons_issue(
        actor=cast.users[persona],
        case=case,
        letter_number="800/PGL/2026",
        issued_on=received,
        received_on=received,
        exam_on=exam,
        exam_place="Ruang rapat Dinas Pendidikan",
    )


def examine(cast, case: Case, *, persona="verifier", held=EXAM, **kw):
    values = {"place": "Ruang rapat", "answers": ANSWERS, "findings": "Terbukti.", "recommended": "B2"}
    values.update(kw)
    return examination_record(
        actor=cast.users[persona], case=case, held_on=held, today=held + dt.timedelta(days=1), **values
    )


def decide(cast, case: Case, *, sanctions=("B2",), decided_by=None, persona="hr_admin", signed=SIGNED):
    return decision_record(
        actor=cast.users[persona],
        case=case,
        sanctions=list(sanctions),
        decided_by=decided_by,
        letter_number="800.1.6/HD/2026",
        signed_on=signed,
        considerations="Terbukti tidak masuk kerja tanpa alasan yang sah.",
        today=signed,
    )


def deliver(cast, case: Case, *, received=DELIVERED, persona="hr_admin"):
    return decision_delivered(actor=cast.users[persona], case=case, received_on=received, today=received)


def delivered_case(cast, *, level="sedang", sanctions=("S1",)) -> Case:
    """A sedang case of Citra examined by Budi, decided S1 by him and received on Thu 29 Oct 2026."""
    case = open_case(cast, level=level)
    summon(cast, case)
    examine(cast, case, persona="kepala_opd", recommended=sanctions[0])
    decide(cast, case, sanctions=sanctions, decided_by=cast.employees["kepala_opd"], persona="kepala_opd")
    deliver(cast, case)
    case.refresh_from_db()
    return case


def test_whole_life_cycle_of_a_berat_case(cast):
    case = open_case(cast)
    assert case.number == "HD/2026/0001"
    assert (case.position_type, case.grade, case.superior_id) == ("pelaksana", "III/a", cast.employees["kepala_opd"].pk)
    form_team(cast, case)
    summon(cast, case)
    examination_missed(actor=cast.users["kepala_opd"], case=case, today=D(2026, 10, 14))
    # Summons II within 7 working days of the missed examination (by Fri 23 Oct), the exam 7 working days on.
    second = summon(cast, case, received=D(2026, 10, 15), exam=D(2026, 10, 26))
    assert second.sequence == 2
    case.refresh_from_db()
    assert case.status == CaseStatus.SUMMONED_AGAIN
    examination = examine(cast, case, held=D(2026, 10, 26))
    assert examination.examiner == ExaminerKind.TEAM
    decision = decide(cast, case, sanctions=("S1", "B2"))
    assert (decision.sanction, decision.decided_by_id) == ("B2", None)
    assert len(decision.content_hash) == 64
    decision = deliver(cast, case)
    # 15 working days after Thu 29 Oct 2026; twelve months from then.
    assert (decision.effective_on, decision.ends_on) == (D(2026, 11, 19), D(2027, 11, 18))
    assert cases_advance(tenant=cast.tenant, today=D(2026, 11, 18)) == {"effective": 0, "ended": 0}
    assert cases_advance(tenant=cast.tenant, today=D(2026, 11, 19)) == {"effective": 1, "ended": 0}
    citra = cast.employees["asn"].pk
    active = active_sanctions(tenant_id=cast.tenant.pk, employee_ids=[citra], on=D(2027, 3, 1))
    assert [a.sanction.value for a in active[citra]] == ["B2"]
    assert active[citra][0].blocks_pay_step_and_rank
    assert cases_advance(tenant=cast.tenant, today=D(2027, 11, 18)) == {"effective": 0, "ended": 0}
    assert cases_advance(tenant=cast.tenant, today=D(2027, 11, 19)) == {"effective": 0, "ended": 1}
    case.refresh_from_db()
    assert case.status == CaseStatus.ENDED
    # Still answers for a past day, never for a day after the end.
    assert active_sanctions(tenant_id=cast.tenant.pk, employee_ids=[citra], on=D(2027, 11, 19)) == {}
    assert citra in active_sanctions(tenant_id=cast.tenant.pk, employee_ids=[citra], on=D(2027, 11, 18))
    steps = list(
        AuditEvent.objects.filter(target_id=str(case.pk), action__startswith="discipline.case.")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert steps == [
        "discipline.case.open",
        "discipline.case.team",
        "discipline.case.summons",
        "discipline.case.missed",
        "discipline.case.summons",
        "discipline.case.examination",
        "discipline.case.decision",
        "discipline.case.delivery",
        "discipline.case.effective",
        "discipline.case.end",
    ]


def test_numbers_run_per_tenant_and_year(cast):
    first = open_case(cast, level="ringan")
    second = open_case(cast, level="ringan", employee="asn_other_opd", persona="hr_admin")
    assert (first.number, second.number) == ("HD/2026/0001", "HD/2026/0002")


def test_a_ringan_sanction_ends_as_soon_as_it_is_effective(cast):
    case = open_case(cast, level="ringan")
    summon(cast, case)
    examine(cast, case, persona="kepala_opd", recommended="R2")
    decide(cast, case, sanctions=("R2",), decided_by=cast.employees["kepala_opd"], persona="kepala_opd")
    deliver(cast, case)
    assert cases_advance(tenant=cast.tenant, today=D(2026, 11, 19)) == {"effective": 1, "ended": 1}
    case.refresh_from_db()
    assert case.status == CaseStatus.ENDED


def test_the_nightly_task_advances_once(cast):
    from pamong.discipline.case_tasks import cases_advance_daily

    delivered_case(cast)  # effective on Thu 19 Nov 2026
    assert cases_advance_daily.call(cast.tenant.pk, "2026-11-19").endswith("1 berlaku, 0 selesai")
    assert cases_advance_daily.call(cast.tenant.pk, "2026-11-19").endswith("0 berlaku, 0 selesai")
