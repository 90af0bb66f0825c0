"""The steps of a case between opening and appeal: summonses, the Tim Pemeriksa, the examination (BAP),
the decision and its delivery (PP 94/2021 Pasal 26–37; PerBKN 6/2022).

Each function authorises the step (``selectors.case_access``), checks the dates with ``rules.procedure``
in the tenant's working days, locks the case, writes, records ``discipline.case.<step>`` and tells the
examinee on commit. A refusal by a rule cites the rule.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from pamong.core import audit
from pamong.org.rules.echelons import PositionType
from pamong.people.models import Employee
from pamong.people.rules.dates import date_id
from pamong.people.rules.grades import GradeError, grade_by_code

from ..choices import CaseStatus, ExaminerKind, LevelChoice, TeamRoleChoice
from ..models import Case, Decision, Examination, Summons, TeamMember
from ..rules import authority, procedure
from ..rules.errors import DisciplineRuleError
from ..rules.sanctions import Level, Sanction, executed_label, heaviest, terms
from ..selectors.case_access import last_summons
from ..selectors.case_chain import officials_above
from .case_common import (
    SNAPSHOT,
    invalid,
    lock_case,
    notify_on_commit,
    procedure_of,
    record,
    require_step,
    rule_failed,
    sanction_ends_on,
    set_status,
    user_or_none,
)

PPK_LABEL = "Pejabat Pembina Kepegawaian (Bupati/Wali Kota)"


def _level(case: Case) -> Level:
    return Level[case.level.upper()]


def grade_ordinal(code: str) -> int | None:
    """The golongan/ruang ordinal (I/a = 1 … IV/e = 17); None for a blank or non-PNS grade."""
    if not code:
        return None
    try:
        return grade_by_code(code).ordinal
    except GradeError:
        return None


def _not_future(field: str, day: dt.date, today: dt.date) -> None:
    if day > today:
        raise invalid(field, _("Tanggal %(day)s belum terjadi; isi tanggal yang sudah lewat.") % {"day": date_id(day)})


@transaction.atomic
def summons_issue(
    *,
    actor: Any,
    case: Case,
    letter_number: str,
    issued_on: dt.date,
    received_on: dt.date,
    exam_on: dt.date,
    exam_place: str,
) -> Summons:
    """Summon the examinee (I, or II after he missed the first): received at least 7 working days before the
    examination; summons II sent within 7 working days of the missed one."""
    case = lock_case(case)
    require_step(actor, case, "summons")
    previous = last_summons(case)
    sequence = 1 if previous is None else 2
    letter_number, exam_place = (letter_number or "").strip(), (exam_place or "").strip()
    if not letter_number:
        raise invalid("letter_number", _("Isi nomor surat panggilan."))
    if not exam_place:
        raise invalid("exam_place", _("Isi tempat (atau tautan) pemeriksaan."))
    if received_on < issued_on:
        raise invalid("received_on", _("Tanggal diterima tidak boleh sebelum tanggal surat."))
    calendar, settings = procedure_of(case, issued_on, exam_on)
    if previous is not None:
        deadline = procedure.second_summons_deadline(previous.exam_on, calendar, settings.procedure)
        if issued_on > deadline:
            message = _(
                "Surat panggilan II paling lambat %(deadline)s (%(n)s hari kerja sejak jadwal pemeriksaan yang tidak "
                "dihadiri, %(missed)s; %(source)s)."
            ) % {
                "deadline": date_id(deadline),
                "n": settings.second_summons_within_working_days,
                "missed": date_id(previous.exam_on),
                "source": procedure.SUMMONS_SOURCE,
            }
            raise invalid("issued_on", message)
    try:
        procedure.check_examination_date(received_on, exam_on, calendar, settings.procedure)
    except DisciplineRuleError as err:
        raise rule_failed(err) from None
    summons = Summons.objects.create(
        case=case,
        sequence=sequence,
        letter_number=letter_number,
        issued_on=issued_on,
        received_on=received_on,
        exam_on=exam_on,
        exam_place=exam_place,
        issued_by=user_or_none(actor) or case.opened_by,
    )
    before = audit.model_snapshot(case, SNAPSHOT)
    set_status(case, CaseStatus.SUMMONED if sequence == 1 else CaseStatus.SUMMONED_AGAIN)
    record(
        actor,
        case,
        "summons",
        before=before,
        after={**audit.model_snapshot(summons, ("sequence", "letter_number", "issued_on", "received_on", "exam_on"))},
    )
    notify_on_commit(
        case,
        employee_ids=[case.employee_id],
        title=_("Surat panggilan %(seq)s: pemeriksaan %(day)s")
        % {"seq": "I" if sequence == 1 else "II", "day": date_id(exam_on)},
        body=exam_place,
    )
    return summons


@transaction.atomic
def examination_missed(*, actor: Any, case: Case, today: dt.date | None = None) -> Summons:
    """Record that the examinee did not come to the examination he was summoned to."""
    case = lock_case(case)
    require_step(actor, case, "missed")
    summons = last_summons(case)
    assert summons is not None  # state_allows checked it
    today = today or case.tenant.today()
    if today < summons.exam_on:
        raise invalid(
            "exam_on",
            _("Jadwal pemeriksaan %(day)s belum tiba; ketidakhadiran dicatat pada atau sesudah hari itu.")
            % {"day": date_id(summons.exam_on)},
        )
    summons.attended = False
    summons.save(update_fields=["attended", "updated_at"])
    record(actor, case, "missed", after={"sequence": summons.sequence, "exam_on": summons.exam_on})
    return summons


MemberInput = tuple[Employee, str]


@transaction.atomic
def team_set(*, actor: Any, case: Case, members: Sequence[MemberInput]) -> list[TeamMember]:
    """Form (or re-form) the Tim Pemeriksa: the direct superior, Inspektorat and BKPSDM, none ranked below the
    examinee (mandatory for berat)."""
    case = lock_case(case)
    require_step(actor, case, "team")
    employees = {e.pk: e for e in Employee.objects.filter(tenant_id=case.tenant_id, pk__in=[e.pk for e, _r in members])}
    rows: list[tuple[Employee, str]] = []
    for employee, role in members:
        found = employees.get(employee.pk)
        if found is None:
            raise invalid("members", _("Anggota tim tidak ditemukan."))
        if role not in TeamRoleChoice.values:
            raise invalid("members", _("Pilih unsur setiap anggota tim."))
        if found.pk == case.employee_id:
            raise invalid("members", _("Pegawai yang diperiksa tidak dapat menjadi anggota Tim Pemeriksa."))
        if any(found.pk == e.pk for e, _r in rows):
            raise invalid("members", _("%(name)s tercantum dua kali.") % {"name": found.name})
        rows.append((found, role))
    try:
        authority.check_team(
            _level(case),
            grade_ordinal(case.grade),
            [authority.TeamMember(e.pk, authority.TeamRole(r), grade_ordinal(e.grade), e.name) for e, r in rows],
        )
    except DisciplineRuleError as err:
        raise rule_failed(err) from None
    before = [{"employee": m.employee_id, "role": m.role} for m in case.team.all()]
    TeamMember.objects.filter(case=case).delete()
    created = TeamMember.objects.bulk_create(
        [TeamMember(case=case, employee=e, role=r, grade=e.grade) for e, r in rows]
    )
    record(
        actor,
        case,
        "team",
        before={"members": before} if before else None,
        after={"members": [{"employee": e.pk, "role": r} for e, r in rows]},
    )
    notify_on_commit(
        case,
        employee_ids=[e.pk for e, _r in rows],
        title=_("Anda ditunjuk sebagai anggota Tim Pemeriksa kasus %(number)s") % {"number": case.number},
    )
    return created


def _answers(raw: Sequence[dict[str, str]]) -> list[dict[str, str]]:
    rows = []
    for item in raw:
        question = str(item.get("question", "")).strip()
        answer = str(item.get("answer", "")).strip()
        if not question and not answer:
            continue
        if not question:
            raise invalid("answers", _("Setiap jawaban perlu pertanyaannya."))
        rows.append({"question": question, "answer": answer})
    return rows


@transaction.atomic
def examination_record(
    *,
    actor: Any,
    case: Case,
    held_on: dt.date,
    place: str,
    answers: Sequence[dict[str, str]],
    findings: str,
    recommended: str = "",
    examinee_signed: bool = False,
    refused_to_sign: bool = False,
    refusal_note: str = "",
    today: dt.date | None = None,
) -> Examination:
    """Record the examination and its BAP, by the direct superior or (when formed) the Tim Pemeriksa. A BAP the
    examinee refuses to sign stays valid; the refusal is recorded."""
    case = lock_case(case)
    require_step(actor, case, "examination")
    team = list(case.team.all())
    if not team:
        try:
            authority.check_team(_level(case), grade_ordinal(case.grade), [])
        except DisciplineRuleError as err:
            raise rule_failed(err) from None
    summons = last_summons(case)
    assert summons is not None
    today = today or case.tenant.today()
    if held_on < summons.exam_on:
        raise invalid(
            "held_on",
            _("Pemeriksaan tidak boleh sebelum tanggal yang tercantum di surat panggilan (%(day)s; %(source)s).")
            % {"day": date_id(summons.exam_on), "source": procedure.SUMMONS_SOURCE},
        )
    _not_future("held_on", held_on, today)
    rows = _answers(answers)
    if not rows:
        raise invalid("answers", _("Catat sedikitnya satu pertanyaan dan jawabannya dalam BAP."))
    findings = (findings or "").strip()
    if not findings:
        raise invalid("findings", _("Tuliskan kesimpulan pemeriksa."))
    if recommended and recommended not in Sanction.__members__:
        raise invalid("recommended", _("Pilih usul hukuman dari daftar."))
    if examinee_signed and refused_to_sign:
        raise invalid("refused_to_sign", _("BAP ditandatangani atau ditolak ditandatangani, tidak keduanya."))
    refusal_note = (refusal_note or "").strip()
    if refused_to_sign and not refusal_note:
        refusal_note = _("Terperiksa menolak menandatangani BAP; BAP tetap sah dan penolakan dicatat.")
    examination = Examination.objects.create(
        case=case,
        examiner=ExaminerKind.TEAM if team else ExaminerKind.SUPERIOR,
        held_on=held_on,
        place=(place or summons.exam_place).strip(),
        answers=rows,
        findings=findings,
        recommended=recommended,
        examinee_signed=examinee_signed,
        refused_to_sign=refused_to_sign,
        refusal_note=refusal_note if refused_to_sign else "",
        recorded_by=user_or_none(actor) or case.opened_by,
    )
    summons.attended = True
    summons.save(update_fields=["attended", "updated_at"])
    before = audit.model_snapshot(case, SNAPSHOT)
    set_status(case, CaseStatus.EXAMINED)
    record(
        actor,
        case,
        "examination",
        before=before,
        after=audit.model_snapshot(
            examination, ("examiner", "held_on", "recommended", "examinee_signed", "refused_to_sign")
        ),
    )
    return examination


@transaction.atomic
def decide_without_examination(*, actor: Any, case: Case, note: str = "", today: dt.date | None = None) -> Examination:
    """The examinee ignored summons II: the case goes to decision on the evidence, without examination."""
    case = lock_case(case)
    require_step(actor, case, "without_examination")
    today = today or case.tenant.today()
    findings = (note or "").strip() or _(
        "Terperiksa tidak memenuhi panggilan kedua; hukuman dijatuhkan berdasarkan alat bukti tanpa pemeriksaan "
        "(%(source)s)."
    ) % {"source": procedure.SUMMONS_SOURCE}
    examination = Examination.objects.create(
        case=case,
        examiner=ExaminerKind.NONE,
        held_on=today,
        findings=findings,
        recorded_by=user_or_none(actor) or case.opened_by,
    )
    before = audit.model_snapshot(case, SNAPSHOT)
    set_status(case, CaseStatus.EXAMINED)
    record(actor, case, "without_examination", before=before, after={"status": case.status, "findings": findings})
    return examination


def decision_hash(case: Case, fields: dict[str, Any]) -> str:
    """SHA-256 of the decision's content (canonical JSON), kept at signing."""
    content = {
        "case": case.number,
        "employee_nip": case.employee.nip,
        "employee_name": case.employee.name,
        "violations": [v.code for v in case.violations.all()],
        **{k: str(v) for k, v in fields.items()},
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def competent_for(case: Case, level: Level, day: dt.date) -> tuple[authority.Official | None, list[authority.Official]]:
    """The PYBMH of ``case`` for a ``level`` sanction on ``day`` (None: the PPK) and the chain it came from."""
    chain = officials_above(
        tenant_id=case.tenant_id, employee_id=case.employee_id, unit_path=case.org_unit.path, day=day
    )
    official = authority.competent_official(PositionType(case.position_type), level, chain, ahli_utama=case.ahli_utama)
    return official, chain


def _heaviest(case: Case, sanctions: Sequence[str]) -> Sanction | None:
    try:
        return heaviest(s for s in sanctions if s)
    except ValueError:
        return None


@transaction.atomic
def decision_record(
    *,
    actor: Any,
    case: Case,
    sanctions: Sequence[str],
    decided_by: Employee | None,
    letter_number: str,
    signed_on: dt.date,
    considerations: str,
    today: dt.date | None = None,
) -> Decision:
    """Record the signed decision: only the heaviest of ``sanctions`` is imposed, by the competent official
    (PYBMH; ``decided_by`` None = the PPK), recorded by BKPSDM or by that official himself."""
    case = lock_case(case)
    chosen = _heaviest(case, sanctions)
    level = chosen.level if chosen is not None else _level(case)
    competent, chain = competent_for(case, level, signed_on)
    require_step(actor, case, "decision", competent_ref=competent.ref if competent else None)
    if chosen is None:
        for code in sanctions:
            try:
                terms(code)
            except DisciplineRuleError as err:
                raise rule_failed(err) from None
        raise invalid("sanctions", _("Pilih hukuman disiplin yang dijatuhkan."))
    if chosen.level > _level(case):
        raise invalid(
            "sanctions",
            _(
                "Kasus ini diperiksa pada tingkat %(level)s; hukuman %(sanction)s lebih berat dari itu. Buka kasus "
                "baru pada tingkat yang sesuai (pemeriksa berbeda menurut tingkat, PP 94/2021 Pasal 26–37)."
            )
            % {"level": LevelChoice(case.level).label.lower(), "sanction": terms(chosen).label_id},
        )
    if decided_by is not None and decided_by.tenant_id != case.tenant_id:
        raise invalid("decided_by", _("Pejabat tidak ditemukan."))
    try:
        authority.check_decider(
            decider_ref=decided_by.pk if decided_by is not None else None,
            offender=PositionType(case.position_type),
            level=chosen.level,
            chain=chain,
            ahli_utama=case.ahli_utama,
        )
    except DisciplineRuleError as err:
        raise rule_failed(err) from None
    letter_number, considerations = (letter_number or "").strip(), (considerations or "").strip()
    if not letter_number:
        raise invalid("letter_number", _("Isi nomor keputusan."))
    if not considerations:
        raise invalid("considerations", _("Tuliskan pertimbangan keputusan."))
    today = today or case.tenant.today()
    examination = case.examination
    if signed_on < examination.held_on:
        raise invalid(
            "signed_on",
            _("Keputusan tidak boleh ditetapkan sebelum pemeriksaan (%(day)s).")
            % {"day": date_id(examination.held_on)},
        )
    _not_future("signed_on", signed_on, today)
    settings = procedure_of(case, signed_on)[1]
    executed = executed_label(chosen, transitional_substitute=settings.transitional_substitute)[0]
    if decided_by is None:
        label = PPK_LABEL
    else:
        post = decided_by.position.name if decided_by.position is not None else ""
        label = f"{decided_by.name}, {post}" if post else decided_by.name
    fields = {
        "sanction": chosen.value,
        "executed": executed,
        "decided_by": label,
        "letter_number": letter_number,
        "signed_on": signed_on.isoformat(),
        "considerations": considerations,
    }
    decision = Decision.objects.create(
        case=case,
        sanction=chosen.value,
        decided_by=decided_by,
        decided_by_label=label[:255],
        letter_number=letter_number,
        signed_on=signed_on,
        considerations=considerations,
        executed=executed[:255],
        content_hash=decision_hash(case, fields),
        recorded_by=user_or_none(actor) or case.opened_by,
    )
    before = audit.model_snapshot(case, SNAPSHOT)
    set_status(case, CaseStatus.DECIDED)
    record(
        actor,
        case,
        "decision",
        before=before,
        after={**fields, "offered": sorted({s for s in sanctions if s}), "content_hash": decision.content_hash},
    )
    notify_on_commit(
        case,
        employee_ids=[case.employee_id],
        title=_("Keputusan hukuman disiplin kasus %(number)s telah ditetapkan") % {"number": case.number},
        body=executed,
    )
    return decision


@transaction.atomic
def decision_delivered(
    *,
    actor: Any,
    case: Case,
    received_on: dt.date | None = None,
    sent_on: dt.date | None = None,
    today: dt.date | None = None,
) -> Decision:
    """Record that the examinee received the decision (or, when he did not come, that it was sent); sets the
    effective date (15th day after, ``rules.procedure.effective_date``) and the end of a timed sanction."""
    case = lock_case(case)
    require_step(actor, case, "delivery")
    decision = case.decision
    if received_on is None and sent_on is None:
        raise invalid(
            "received_on", _("Isi tanggal keputusan diterima, atau tanggal dikirim bila tidak hadir menerima.")
        )
    base = received_on or sent_on
    assert base is not None
    today = today or case.tenant.today()
    field = "received_on" if received_on else "sent_on"
    if base < decision.signed_on:
        raise invalid(
            field, _("Tanggal ini sebelum keputusan ditetapkan (%(day)s).") % {"day": date_id(decision.signed_on)}
        )
    _not_future(field, base, today)
    calendar, settings = procedure_of(case, decision.signed_on, base)
    deadline = procedure.delivery_deadline(decision.signed_on, calendar, settings.procedure)
    send_by = procedure.send_deadline(deadline, calendar, settings.procedure)
    late = (received_on is not None and received_on > deadline) or (
        received_on is None and sent_on is not None and sent_on > send_by
    )
    before = audit.model_snapshot(decision, ("received_on", "sent_on", "effective_on", "ends_on"))
    decision.received_on, decision.sent_on = received_on, sent_on
    decision.effective_on = procedure.effective_date(base, calendar, settings.procedure)
    decision.ends_on = sanction_ends_on(decision.sanction, decision.effective_on, executed=decision.executed)
    decision.save(update_fields=["received_on", "sent_on", "effective_on", "ends_on", "updated_at"])
    set_status(case, CaseStatus.DELIVERED)
    record(
        actor,
        case,
        "delivery",
        before=before,
        after={
            **audit.model_snapshot(decision, ("received_on", "sent_on", "effective_on", "ends_on")),
            "delivery_deadline": deadline,
            "late": late,
        },
    )
    return decision
