"""Case services: every refusal (citing its rule where a rule refuses), the appeal outcomes, opening from a
ladder warning, and who may act (404 out of sight, 403 in sight but not allowed)."""

from __future__ import annotations

import pytest

from pamong.core.errors import Conflict, Forbidden, NotFoundError, ValidationFailed
from pamong.core.models import AuditEvent
from pamong.discipline.choices import AppealOutcome, CaseStatus, ExaminerKind, WarningStatus
from pamong.discipline.models import Warning
from pamong.discipline.services.appeals import appeal_decide, appeal_file
from pamong.discipline.services.case_steps import (
    decide_without_examination,
    examination_missed,
    team_set,
)
from pamong.discipline.services.cases import case_close, case_open, cases_advance
from pamong.people.models import Employee

from .test_cases_stages import (
    OPENED,
    D,
    decide,
    deliver,
    delivered_case,
    examine,
    form_team,
    open_case,
    summon,
)

pytestmark = pytest.mark.django_db


def test_an_examination_date_too_soon_is_refused_citing_the_rule(cast):
    case = open_case(cast, level="sedang")
    with pytest.raises(ValidationFailed) as refused:
        summon(cast, case, received=D(2026, 10, 5), exam=D(2026, 10, 13))  # 6 working days
    assert refused.value.code == "exam_too_soon"
    message = refused.value.field_errors["exam_on"][0]
    assert "paling cepat 14 Oktober 2026" in message and "PP 94/2021 Pasal 26–37" in message


def test_summons_two_after_its_deadline_is_refused(cast):
    case = open_case(cast, level="sedang")
    summon(cast, case)
    examination_missed(actor=cast.users["kepala_opd"], case=case, today=D(2026, 10, 14))
    with pytest.raises(ValidationFailed) as refused:
        summon(cast, case, received=D(2026, 10, 26), exam=D(2026, 11, 4))  # deadline Fri 23 Oct
    assert "23 Oktober 2026" in refused.value.field_errors["issued_on"][0]


def test_missed_before_the_examination_day_is_refused(cast):
    case = open_case(cast, level="sedang")
    summon(cast, case)
    with pytest.raises(ValidationFailed):
        examination_missed(actor=cast.users["kepala_opd"], case=case, today=D(2026, 10, 13))


def test_summons_two_ignored_goes_to_decision_without_examination(cast):
    case = open_case(cast, level="sedang")
    summon(cast, case)
    examination_missed(actor=cast.users["kepala_opd"], case=case, today=D(2026, 10, 14))
    summon(cast, case, received=D(2026, 10, 15), exam=D(2026, 10, 26))
    examination_missed(actor=cast.users["kepala_opd"], case=case, today=D(2026, 10, 26))
    examination = decide_without_examination(actor=cast.users["hr_admin"], case=case, today=D(2026, 10, 27))
    assert examination.examiner == ExaminerKind.NONE
    decision = decide(cast, case, sanctions=("S2",), decided_by=cast.employees["kepala_opd"])
    assert decision.sanction == "S2"


def test_a_decision_by_an_official_without_authority_is_refused(cast):
    case = open_case(cast, level="berat")
    form_team(cast, case)
    summon(cast, case)
    examine(cast, case)
    with pytest.raises(ValidationFailed) as refused:
        decide(cast, case, sanctions=("B1",), decided_by=cast.employees["kepala_opd"])
    assert refused.value.code == "not_competent"
    assert "PPK (Bupati/Wali Kota)" in str(refused.value) and "PP 94/2021 Pasal 18–25" in str(refused.value)
    # Nor may the Kepala Dinas record a berat decision himself: the PPK decides, BKPSDM records it.
    with pytest.raises(Forbidden):
        decide(cast, case, sanctions=("B1",), decided_by=None, persona="kepala_opd")


def test_a_ringan_decision_by_a_camat_outside_the_chain_is_refused(cast):
    case = open_case(cast, level="ringan")
    summon(cast, case)
    examine(cast, case, persona="kepala_opd", recommended="R1")
    with pytest.raises(ValidationFailed) as refused:
        decide(cast, case, sanctions=("R1",), decided_by=cast.employees["camat"])
    assert "Budi Kadisdik" in str(refused.value)


def test_only_the_heaviest_sanction_is_imposed(cast):
    case = open_case(cast, level="sedang", codes=("4f", "5h", "3e"))
    summon(cast, case)
    examine(cast, case, persona="kepala_opd", recommended="S1")
    decision = decide(cast, case, sanctions=("R2", "S1", "R3"), decided_by=cast.employees["kepala_opd"])
    assert decision.sanction == "S1"
    # The sedang sanction is executed as its transitional substitute (tenant default).
    assert decision.executed == "Penundaan kenaikan gaji berkala selama 1 tahun"
    event = AuditEvent.objects.get(action="discipline.case.decision")
    assert event.after["offered"] == ["R2", "R3", "S1"] and event.after["sanction"] == "S1"


def test_a_sanction_heavier_than_the_level_examined_is_refused(cast):
    case = open_case(cast, level="ringan")
    summon(cast, case)
    examine(cast, case, persona="kepala_opd")
    with pytest.raises(ValidationFailed):
        decide(cast, case, sanctions=("S1",), decided_by=cast.employees["kepala_opd"])


def test_a_berat_case_cannot_be_examined_without_a_team(cast):
    case = open_case(cast, level="berat")
    summon(cast, case)
    with pytest.raises(ValidationFailed) as refused:
        examine(cast, case, persona="kepala_opd")
    assert refused.value.code == "team_required"


def test_a_team_member_below_the_examinee_s_rank_is_refused(cast):
    Employee.objects.filter(pk=cast.employees["verifier"].pk).update(grade="II/d")
    case = open_case(cast, level="berat")
    with pytest.raises(ValidationFailed) as refused:
        form_team(cast, case)
    assert refused.value.code == "team_member_below_rank"


def test_an_incomplete_team_is_refused(cast):
    case = open_case(cast, level="berat")
    with pytest.raises(ValidationFailed) as refused:
        team_set(actor=cast.users["hr_admin"], case=case, members=[(cast.employees["kepala_opd"], "superior")])
    assert refused.value.code == "team_incomplete"


def test_a_bap_stays_valid_when_the_examinee_refuses_to_sign(cast):
    case = open_case(cast, level="sedang")
    summon(cast, case)
    examination = examine(cast, case, persona="kepala_opd", refused_to_sign=True, refusal_note="Menolak")
    assert (examination.refused_to_sign, examination.refusal_note) == (True, "Menolak")
    case.refresh_from_db()
    assert case.status == CaseStatus.EXAMINED


def test_an_examination_before_the_summoned_day_is_refused(cast):
    case = open_case(cast, level="sedang")
    summon(cast, case)
    with pytest.raises(ValidationFailed):
        examine(cast, case, persona="kepala_opd", held=D(2026, 10, 13))


def test_an_appeal_after_the_deadline_is_refused_citing_the_rule(cast):
    case = delivered_case(cast)  # received Thu 29 Oct 2026: the window ends Wed 18 Nov
    with pytest.raises(ValidationFailed) as refused:
        appeal_file(
            actor=cast.users["asn"],
            case=case,
            kind="keberatan",
            filed_on=D(2026, 11, 19),
            grounds="x",
            today=D(2026, 11, 19),
        )
    assert refused.value.code == "appeal_too_late"
    assert "18 November 2026" in str(refused.value) and "PP 79/2021" in str(refused.value)


def test_a_banding_is_only_for_dismissal(cast):
    case = delivered_case(cast)
    with pytest.raises(ValidationFailed):
        appeal_file(
            actor=cast.users["asn"],
            case=case,
            kind="banding",
            filed_on=D(2026, 11, 2),
            grounds="x",
            today=D(2026, 11, 2),
        )


def _appealed(cast):
    case = delivered_case(cast)
    appeal = appeal_file(
        actor=cast.users["asn"],
        case=case,
        kind="keberatan",
        filed_on=D(2026, 11, 2),
        grounds="Sakit",
        today=D(2026, 11, 2),
    )
    return case, appeal


APPEAL_DECIDED = D(2026, 11, 30)


def _decide_appeal(cast, case, appeal, outcome, new_sanction="", on=APPEAL_DECIDED):
    return appeal_decide(
        actor=cast.users["hr_admin"],
        case=case,
        appeal=appeal,
        outcome=outcome,
        decided_on=on,
        note="Pertimbangan atasan pejabat",
        new_sanction=new_sanction,
        today=on,
    )


def test_a_pending_appeal_holds_the_sanction_back(cast):
    case, appeal = _appealed(cast)
    # Budi Kadisdik decided; above him is the root, headed by nobody: the keberatan goes to the PPK.
    assert appeal.addressed_to == "Pejabat Pembina Kepegawaian (Bupati/Wali Kota)"
    assert cases_advance(tenant=cast.tenant, today=D(2026, 11, 20)) == {"effective": 0, "ended": 0}
    case.refresh_from_db()
    assert case.status == CaseStatus.APPEALED


def test_appeal_confirmed_then_effective_from_the_later_date(cast):
    case, appeal = _appealed(cast)
    _decide_appeal(cast, case, appeal, AppealOutcome.CONFIRMED)
    case.refresh_from_db()
    decision = case.decision
    assert (case.status, decision.sanction, decision.effective_on) == (CaseStatus.DELIVERED, "S1", D(2026, 11, 30))
    # S1 runs as its transitional substitute (KGB deferred one year): a year, not six months.
    assert decision.ends_on == D(2027, 11, 29)
    assert cases_advance(tenant=cast.tenant, today=D(2026, 11, 30))["effective"] == 1


def test_appeal_lightened_changes_the_sanction_audited_before_and_after(cast):
    case, appeal = _appealed(cast)
    _decide_appeal(cast, case, appeal, AppealOutcome.LIGHTENED, "R3")
    case.refresh_from_db()
    assert (case.decision.sanction, case.decision.executed) == ("R3", "Pernyataan tidak puas secara tertulis")
    event = AuditEvent.objects.get(action="discipline.case.appeal_decide")
    assert event.before["decision"]["sanction"] == "S1" and event.after["decision"]["sanction"] == "R3"


def test_appeal_lightened_must_be_lighter(cast):
    case, appeal = _appealed(cast)
    with pytest.raises(ValidationFailed):
        _decide_appeal(cast, case, appeal, AppealOutcome.LIGHTENED, "S2")


def test_appeal_heavier(cast):
    case, appeal = _appealed(cast)
    _decide_appeal(cast, case, appeal, AppealOutcome.HEAVIER, "S3")
    case.refresh_from_db()
    assert case.decision.sanction == "S3" and case.decision.executed.startswith("Penurunan pangkat")


def test_appeal_annulled_closes_the_case(cast):
    case, appeal = _appealed(cast)
    _decide_appeal(cast, case, appeal, AppealOutcome.ANNULLED)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and "dibatalkan melalui keberatan" in case.closed_reason
    with pytest.raises(Conflict):
        _decide_appeal(cast, case, appeal, AppealOutcome.CONFIRMED)


def test_closing_without_a_sanction_needs_a_reason(cast):
    case = open_case(cast, level="ringan")
    with pytest.raises(ValidationFailed) as refused:
        case_close(actor=cast.users["kepala_opd"], case=case, reason="  ")
    assert "reason" in refused.value.field_errors
    case = case_close(actor=cast.users["kepala_opd"], case=case, reason="Tidak terbukti", today=D(2026, 10, 2))
    assert (case.status, case.closed_on) == (CaseStatus.CLOSED, D(2026, 10, 2))
    with pytest.raises(Conflict):
        summon(cast, case)


def test_who_may_open_a_case(cast):
    def attempt(persona, employee="asn"):
        return case_open(
            actor=cast.users[persona],
            employee=cast.employees[employee],
            level="ringan",
            summary="x",
            violations=[("4f", None, None, "")],
            today=OPENED,
        )

    with pytest.raises(NotFoundError):
        attempt("camat")
    with pytest.raises(NotFoundError):
        attempt("asn_other_opd")
    with pytest.raises(Forbidden):
        attempt("asisten")
    with pytest.raises(Forbidden):
        attempt("asn")  # her own case
    with pytest.raises(ValidationFailed) as refused:
        case_open(
            actor=cast.users["kepala_opd"],
            employee=cast.employees["asn"],
            level="ringan",
            summary="x",
            violations=[("9z", None, None, "")],
            today=OPENED,
        )
    assert refused.value.code == "unknown_violation"
    assert attempt("hr_admin").number == "HD/2026/0001"


def _warning(cast):
    citra = cast.employees["asn"]
    return Warning.objects.create(
        tenant=cast.tenant,
        employee=citra,
        org_unit=citra.org_unit,
        year=2026,
        kind="band",
        sanction="S1",
        total_days=11,
        evidence={"dates": ["2026-03-02", "2026-09-15"]},
        raised_on=D(2026, 9, 20),
        due_on=D(2026, 9, 27),
        superior=cast.employees["kepala_opd"],
    )


def test_opening_from_a_ladder_warning(cast):
    warning = _warning(cast)
    case = case_open(
        actor=cast.users["kepala_opd"], employee=cast.employees["asn"], summary="", warning=warning, today=OPENED
    )
    warning.refresh_from_db()
    assert (case.origin, case.level) == ("ladder", "sedang")
    assert [(v.code, v.occurred_from, v.occurred_to) for v in case.violations.all()] == [
        ("4f", D(2026, 3, 2), D(2026, 9, 15))
    ]
    assert (warning.status, warning.case_id, warning.acted_on) == (WarningStatus.CASE_OPENED, case.pk, OPENED)
    assert warning.acted_by == cast.users["kepala_opd"]
    case_close(actor=cast.users["hr_admin"], case=case, reason="Ada surat dokter", today=OPENED)
    with pytest.raises(Conflict) as refused:
        case_open(actor=cast.users["hr_admin"], employee=cast.employees["asn"], summary="", warning=warning)
    assert "ditutup tanpa hukuman" in str(refused.value)


def test_the_delivery_sets_the_dates_and_the_examinee_is_told(cast, django_capture_on_commit_callbacks):
    from pamong.notices.models import Notice

    with django_capture_on_commit_callbacks(execute=True):
        case = open_case(cast, level="ringan")
        summon(cast, case)
        examine(cast, case, persona="kepala_opd")
        decide(cast, case, sanctions=("R2",), decided_by=cast.employees["kepala_opd"], persona="kepala_opd")
        decision = deliver(cast, case)
    assert (decision.effective_on, decision.ends_on) == (D(2026, 11, 19), D(2026, 11, 19))
    titles = list(Notice.objects.filter(recipient=cast.users["asn"]).values_list("title", flat=True))
    assert any("Surat panggilan I" in t for t in titles) and any("Keputusan" in t for t in titles)


def test_without_the_transitional_substitute_a_sedang_sanction_runs_its_own_months(cast):
    cast.tenant.settings = {"discipline": {"transitional_substitute": False}}
    cast.tenant.save(update_fields=["settings"])
    case = delivered_case(cast)
    assert case.decision.executed == "Pemotongan tunjangan kinerja 25% selama 6 bulan"
    assert (case.decision.effective_on, case.decision.ends_on) == (D(2026, 11, 19), D(2027, 5, 18))


def test_the_nightly_run_advances_delivered_cases_too(cast):
    """``discipline_nightly`` evaluates the ladder, escalates and advances cases in one run."""
    from io import StringIO

    from django.core.management import call_command

    case = delivered_case(cast)
    effective_on = case.decision.effective_on
    out = StringIO()
    call_command("discipline_nightly", "--tenant", "73.99", "--date", effective_on.isoformat(), stdout=out)
    assert "1 mulai berlaku" in out.getvalue()
    case.refresh_from_db()
    assert case.status == CaseStatus.EFFECTIVE
    call_command("discipline_nightly", "--tenant", "73.99", "--date", effective_on.isoformat(), stdout=StringIO())
    assert AuditEvent.objects.filter(action="discipline.case.effective").count() == 1
