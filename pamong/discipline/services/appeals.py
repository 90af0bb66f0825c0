"""Upaya administratif (PP 79/2021): keberatan to the superior of the official who decided, banding to BPASN
for a dismissal (B3), filed within 14 working days of receiving the decision, and their outcomes.

While an appeal is pending the sanction does not take effect (the nightly advance skips the case). The
outcome is confirmed, lightened, heavier (the decision's sanction and executed text change, audited before
and after) or annulled (the case is closed). After a confirmed, lightened or heavier outcome the sanction
takes effect on its effective date, or on the day of the appeal decision if that is later.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from pamong.core import audit
from pamong.core.errors import Conflict
from pamong.people.rules.dates import date_id

from ..choices import AppealKind, AppealOutcome, CaseStatus
from ..models import Appeal, Case
from ..rules import procedure
from ..rules.errors import DisciplineRuleError
from ..rules.sanctions import Sanction, executed_label, terms
from ..selectors.case_access import pending_appeal
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

BPASN = "Badan Pertimbangan Aparatur Sipil Negara (BPASN)"
DECISION_FIELDS = ("sanction", "executed", "effective_on", "ends_on")


def _addressed_to(case: Case, kind: str, day: dt.date) -> str:
    if kind == AppealKind.APPEAL:
        return BPASN
    decider = case.decision.decided_by
    if decider is None:
        return "Pejabat Pembina Kepegawaian (Bupati/Wali Kota)"
    chain = officials_above(tenant_id=case.tenant_id, employee_id=decider.pk, unit_path=decider.org_unit.path, day=day)
    if not chain:
        return "Pejabat Pembina Kepegawaian (Bupati/Wali Kota)"
    return _("%(name)s (atasan %(decider)s)") % {"name": chain[0].name, "decider": decider.name}


@transaction.atomic
def appeal_file(
    *, actor: Any, case: Case, kind: str, filed_on: dt.date, grounds: str, today: dt.date | None = None
) -> Appeal:
    """File a keberatan (sanctions other than dismissal) or a banding to BPASN (dismissal, B3) within the window."""
    case = lock_case(case)
    require_step(actor, case, "appeal")
    decision = case.decision
    is_dismissal = decision.sanction == Sanction.B3
    if kind not in AppealKind.values:
        raise invalid("kind", _("Pilih jenis upaya administratif."))
    if kind == AppealKind.APPEAL and not is_dismissal:
        raise invalid(
            "kind",
            _("Banding administratif ke BPASN hanya untuk hukuman pemberhentian; ajukan keberatan (%(source)s).")
            % {"source": procedure.APPEAL_SOURCE},
        )
    if kind == AppealKind.OBJECTION and is_dismissal:
        raise invalid(
            "kind",
            _("Hukuman pemberhentian diajukan banding administratif ke BPASN, bukan keberatan (%(source)s).")
            % {"source": procedure.APPEAL_SOURCE},
        )
    grounds = (grounds or "").strip()
    if not grounds:
        raise invalid("grounds", _("Tuliskan alasan keberatan atau banding."))
    received = decision.received_on or decision.sent_on
    assert received is not None  # delivered
    calendar, settings = procedure_of(case, received, filed_on)
    try:
        procedure.check_appeal_filed(received, filed_on, calendar, settings.procedure)
    except DisciplineRuleError as err:
        raise rule_failed(err) from None
    today = today or case.tenant.today()
    if filed_on > today:
        raise invalid("filed_on", _("Tanggal pengajuan %(day)s belum terjadi.") % {"day": date_id(filed_on)})
    appeal = Appeal.objects.create(
        case=case,
        kind=kind,
        filed_on=filed_on,
        addressed_to=_addressed_to(case, kind, filed_on)[:255],
        grounds=grounds,
        recorded_by=user_or_none(actor) or case.opened_by,
    )
    before = audit.model_snapshot(case, SNAPSHOT)
    set_status(case, CaseStatus.APPEALED)
    record(
        actor,
        case,
        "appeal",
        before=before,
        after={**audit.model_snapshot(appeal, ("kind", "filed_on", "addressed_to")), "status": case.status},
        reason=grounds,
    )
    return appeal


@transaction.atomic
def appeal_decide(
    *,
    actor: Any,
    case: Case,
    appeal: Appeal,
    outcome: str,
    decided_on: dt.date,
    note: str,
    new_sanction: str = "",
    today: dt.date | None = None,
) -> Appeal:
    """Record the outcome of the pending appeal: confirmed, lightened, heavier (with the new sanction) or
    annulled (the case is closed)."""
    case = lock_case(case)
    require_step(actor, case, "appeal_decide")
    pending = pending_appeal(case)
    if pending is None or pending.pk != appeal.pk:
        raise Conflict(_("Upaya administratif ini sudah diputus; muat ulang halaman kasus."))
    appeal = pending
    if outcome not in AppealOutcome.values or outcome == AppealOutcome.PENDING:
        raise invalid("outcome", _("Pilih hasil: dikuatkan, diperingan, diperberat atau dibatalkan."))
    note = (note or "").strip()
    if not note:
        raise invalid("note", _("Tuliskan pertimbangan keputusan atas upaya administratif."))
    today = today or case.tenant.today()
    if decided_on < appeal.filed_on:
        raise invalid("decided_on", _("Tanggal keputusan sebelum upaya administratif diajukan."))
    if decided_on > today:
        raise invalid("decided_on", _("Tanggal %(day)s belum terjadi.") % {"day": date_id(decided_on)})
    decision = case.decision
    current = Sanction(decision.sanction)
    changes = outcome in (AppealOutcome.LIGHTENED, AppealOutcome.HEAVIER)
    if changes:
        try:
            chosen = Sanction(new_sanction)
        except ValueError:
            raise invalid("new_sanction", _("Pilih hukuman yang baru.")) from None
        if outcome == AppealOutcome.LIGHTENED and chosen.rank >= current.rank:
            raise invalid(
                "new_sanction",
                _("Hukuman yang diperingan harus lebih ringan dari %(s)s.") % {"s": terms(current).label_id},
            )
        if outcome == AppealOutcome.HEAVIER and chosen.rank <= current.rank:
            raise invalid(
                "new_sanction",
                _("Hukuman yang diperberat harus lebih berat dari %(s)s.") % {"s": terms(current).label_id},
            )
    else:
        new_sanction = ""
    decision_before = audit.model_snapshot(decision, DECISION_FIELDS)
    case_before = audit.model_snapshot(case, SNAPSHOT)
    appeal.outcome, appeal.decided_on, appeal.outcome_note, appeal.new_sanction = (
        outcome,
        decided_on,
        note,
        new_sanction,
    )
    appeal.save(update_fields=["outcome", "decided_on", "outcome_note", "new_sanction", "updated_at"])
    if outcome == AppealOutcome.ANNULLED:
        reason = _("Keputusan dibatalkan melalui %(kind)s: %(note)s") % {
            "kind": AppealKind(appeal.kind).label.lower(),
            "note": note,
        }
        set_status(case, CaseStatus.CLOSED, closed_on=decided_on, closed_reason=reason)
    else:
        if changes:
            settings = procedure_of(case, decided_on)[1]
            decision.sanction = new_sanction
            decision.executed = executed_label(new_sanction, transitional_substitute=settings.transitional_substitute)[
                0
            ]
        assert decision.effective_on is not None
        decision.effective_on = max(decision.effective_on, decided_on)
        decision.ends_on = sanction_ends_on(decision.sanction, decision.effective_on, executed=decision.executed)
        decision.save(update_fields=[*DECISION_FIELDS, "updated_at"])
        set_status(case, CaseStatus.DELIVERED)
    record(
        actor,
        case,
        "appeal_decide",
        before={"case": case_before, "decision": decision_before},
        after={
            "case": audit.model_snapshot(case, SNAPSHOT),
            "decision": audit.model_snapshot(decision, DECISION_FIELDS),
            "appeal": appeal.pk,
            "outcome": outcome,
        },
        reason=note,
    )
    notify_on_commit(
        case,
        employee_ids=[case.employee_id],
        title=_("Upaya administratif kasus %(number)s: %(outcome)s")
        % {"number": case.number, "outcome": AppealOutcome(outcome).label.lower()},
        body=note,
    )
    return appeal
