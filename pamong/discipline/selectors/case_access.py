"""Who may take which step of a case, and which steps its state allows: one place for services and pages.

``case_access`` reads the actor's scope against a case loaded with its team (``case_queryset``):

- ``sees``: ``discipline.view`` over the case's unit (leadership, unit heads, BKPSDM), the examinee himself,
  a member of its Tim Pemeriksa, or the superior it names (the same reach as ``Case.scope_named_q``);
- ``acts``: the case's direct superior, or ``discipline.act`` over the unit (unit heads, BKPSDM);
- ``manages``: ``discipline.manage`` over the unit (BKPSDM);
- nobody acts on his own case.

``permitted(step, access)`` says whether the role allows a step, ``state_allows(step, case)`` whether the
case's state does; services raise 404 / 403 / 409 from the two, pages show only the steps both allow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from pamong.access.roles import DISCIPLINE_ACT, DISCIPLINE_MANAGE, DISCIPLINE_VIEW
from pamong.core.scope import scope_of

from ..choices import AppealOutcome, CaseStatus, LevelChoice
from ..models import Appeal, Case, Summons, TeamMember

#: Every step of a case, in the order of the procedure.
STEPS = (
    "summons",
    "missed",
    "team",
    "examination",
    "without_examination",
    "decision",
    "delivery",
    "appeal",
    "appeal_decide",
    "close",
)

_BEFORE_DECISION = (CaseStatus.OPENED, CaseStatus.SUMMONED, CaseStatus.SUMMONED_AGAIN, CaseStatus.EXAMINED)


def case_queryset() -> QuerySet[Case]:
    """Cases with everything the detail page, the PDFs and the step checks read (fixed query count)."""
    return Case.objects.select_related(
        "tenant",
        "employee",
        "employee__position",
        "org_unit",
        "superior",
        "opened_by",
        "examination",
        "decision",
        "decision__decided_by",
    ).prefetch_related(
        "violations",
        Prefetch("summonses", queryset=Summons.objects.order_by("sequence")),
        Prefetch("team", queryset=TeamMember.objects.select_related("employee").order_by("id")),
        Prefetch("appeals", queryset=Appeal.objects.order_by("filed_on", "id")),
    )


@dataclass(frozen=True, slots=True)
class CaseAccess:
    sees: bool
    acts: bool
    manages: bool
    team_member: bool
    examinee: bool
    employee_id: int | None


def case_access(actor: Any, case: Case) -> CaseAccess:
    """What ``actor`` may do on ``case`` (loaded with its team and unit)."""
    scope = scope_of(actor)
    if scope.tenant_id != case.tenant_id:
        return CaseAccess(False, False, False, False, False, None)
    path = case.org_unit.path
    me = scope.employee_id
    examinee = me is not None and me == case.employee_id
    team_member = me is not None and any(m.employee_id == me for m in case.team.all())
    named_superior = me is not None and me == case.superior_id
    sees = (
        scope.allows(DISCIPLINE_VIEW, tenant_id=case.tenant_id, path=path, employee_id=case.employee_id)
        or team_member
        or named_superior
    )
    if examinee:
        return CaseAccess(sees, False, False, False, True, me)
    manages = scope.allows(DISCIPLINE_MANAGE, tenant_id=case.tenant_id, path=path)
    acts = manages or named_superior or scope.allows(DISCIPLINE_ACT, tenant_id=case.tenant_id, path=path)
    return CaseAccess(sees, acts, manages, team_member, False, me)


def permitted(step: str, access: CaseAccess, case: Case, *, competent_ref: int | None = None) -> bool:
    """Whether the actor's role allows ``step`` (the case's state aside)."""
    if step in ("summons", "missed", "without_examination", "delivery", "close"):
        return access.acts
    if step == "team":
        return access.manages
    if step == "examination":
        if list(case.team.all()):
            return access.team_member or access.manages
        return access.acts
    if step == "decision":
        return access.manages or (access.employee_id is not None and access.employee_id == competent_ref)
    if step == "appeal":
        return access.manages or access.examinee
    if step == "appeal_decide":
        return access.manages
    return False


def last_summons(case: Case) -> Summons | None:
    summonses = list(case.summonses.all())
    return summonses[-1] if summonses else None


def pending_appeal(case: Case) -> Appeal | None:
    return next((a for a in case.appeals.all() if a.outcome == AppealOutcome.PENDING), None)


def state_allows(step: str, case: Case) -> bool:
    """Whether the case's state allows ``step`` now."""
    status = case.status
    last = last_summons(case)
    if step == "summons":
        return status == CaseStatus.OPENED or (
            status == CaseStatus.SUMMONED and last is not None and last.sequence == 1 and last.attended is False
        )
    if step in ("missed", "examination"):
        return status in (CaseStatus.SUMMONED, CaseStatus.SUMMONED_AGAIN) and last is not None and last.attended is None
    if step == "team":
        return case.level != LevelChoice.RINGAN and status in _BEFORE_DECISION[:3]
    if step == "without_examination":
        return (
            status == CaseStatus.SUMMONED_AGAIN and last is not None and last.sequence == 2 and last.attended is False
        )
    if step == "decision":
        return status == CaseStatus.EXAMINED
    if step == "delivery":
        return status == CaseStatus.DECIDED
    if step == "appeal":
        return status == CaseStatus.DELIVERED and not list(case.appeals.all())
    if step == "appeal_decide":
        return status == CaseStatus.APPEALED and pending_appeal(case) is not None
    if step == "close":
        return status in _BEFORE_DECISION
    return False


def allowed_steps(actor: Any, case: Case, *, competent_ref: int | None = None) -> list[str]:
    """The steps ``actor`` may take on ``case`` now, in procedural order (the buttons of the detail page)."""
    access = case_access(actor, case)
    return [
        step
        for step in STEPS
        if state_allows(step, case) and permitted(step, access, case, competent_ref=competent_ref)
    ]
