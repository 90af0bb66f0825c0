"""Reads of the case pages and API: the register (filters, one page in a fixed number of queries) and one case
with its timeline, its deadlines and the steps the reader may take.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from pamong.access.roles import DISCIPLINE_VIEW
from pamong.org.rules.echelons import PositionType

from ..choices import AppealKind, AppealOutcome, CaseStatus
from ..models import Case
from ..rules import authority, procedure
from ..rules.sanctions import Level
from ..tenant_settings import discipline_settings
from .calendar import calendar_around
from .case_access import allowed_steps, case_queryset, last_summons
from .case_chain import officials_above


@dataclass(frozen=True, slots=True)
class CaseFilters:
    status: str = ""
    level: str = ""
    unit_path: str = ""
    year: int | None = None
    text: str = ""


def case_list(*, actor: Any, filters: CaseFilters = CaseFilters()) -> QuerySet[Case]:
    """The register: cases the actor may see, newest first, with what a row shows (one query per page)."""
    qs: QuerySet[Case] = Case.objects.visible_to(actor, DISCIPLINE_VIEW).select_related(
        "employee", "org_unit", "decision"
    )
    if filters.status == "active":
        qs = qs.exclude(status__in=(CaseStatus.CLOSED, CaseStatus.ENDED))
    elif filters.status:
        qs = qs.filter(status=filters.status)
    if filters.level:
        qs = qs.filter(level=filters.level)
    if filters.unit_path:
        qs = qs.filter(org_unit__path__startswith=filters.unit_path)
    if filters.year:
        qs = qs.filter(opened_on__year=filters.year)
    text = filters.text.strip()
    if text:
        qs = qs.filter(
            Q(number__icontains=text) | Q(employee__name__icontains=text) | Q(employee__nip__startswith=text)
        )
    return qs.order_by("-opened_on", "-pk")


def case_detail_queryset(*, actor: Any) -> QuerySet[Case]:
    """One case with its steps, within the actor's sight (out of sight: not found)."""
    qs: QuerySet[Case] = case_queryset().visible_to(actor, DISCIPLINE_VIEW)  # type: ignore[attr-defined]
    return qs


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    day: dt.date
    label: str
    detail: str = ""
    future: bool = False


@dataclass(frozen=True, slots=True)
class Deadline:
    label: str
    day: dt.date
    overdue: bool = False


@dataclass
class CasePage:
    case: Case
    steps: list[str]
    timeline: list[TimelineEntry] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    competent_label: str = ""
    competent_ref: int | None = None


def _competent(case: Case, day: dt.date) -> tuple[authority.Official | None, str]:
    decision = getattr(case, "decision", None)
    level = Level[case.level.upper()]
    if decision is not None:
        from ..rules.sanctions import Sanction

        level = Sanction(decision.sanction).level
    chain = officials_above(
        tenant_id=case.tenant_id, employee_id=case.employee_id, unit_path=case.org_unit.path, day=day
    )
    official = authority.competent_official(PositionType(case.position_type), level, chain, ahli_utama=case.ahli_utama)
    label = f"{official.name} ({official.authority.label_id})" if official else _("PPK (Bupati/Wali Kota)")
    return official, label


def _timeline(case: Case, today: dt.date) -> list[TimelineEntry]:
    rows = [TimelineEntry(case.opened_on, _("Kasus dibuka"), case.get_origin_display())]
    for s in case.summonses.all():
        roman = "I" if s.sequence == 1 else "II"
        rows.append(TimelineEntry(s.issued_on, _("Surat panggilan %(n)s") % {"n": roman}, s.letter_number))
        rows.append(TimelineEntry(s.received_on, _("Panggilan %(n)s diterima") % {"n": roman}))
        attended = {True: _("hadir"), False: _("tidak hadir"), None: ""}[s.attended]
        rows.append(
            TimelineEntry(
                s.exam_on,
                _("Jadwal pemeriksaan (%(n)s)") % {"n": roman},
                f"{s.exam_place} {attended}".strip(),
                s.exam_on > today,
            )
        )
    examination = getattr(case, "examination", None)
    if examination is not None:
        label = _("Pemeriksaan: %(who)s") % {"who": examination.get_examiner_display().lower()}
        rows.append(TimelineEntry(examination.held_on, label, examination.findings[:120]))
    decision = getattr(case, "decision", None)
    if decision is not None:
        rows.append(TimelineEntry(decision.signed_on, _("Keputusan ditetapkan"), decision.letter_number))
        if decision.received_on:
            rows.append(TimelineEntry(decision.received_on, _("Keputusan diterima pegawai")))
        if decision.sent_on:
            rows.append(TimelineEntry(decision.sent_on, _("Keputusan dikirim (tidak hadir menerima)")))
        if decision.effective_on and case.status != CaseStatus.CLOSED:
            rows.append(
                TimelineEntry(
                    decision.effective_on, _("Hukuman berlaku"), decision.executed, decision.effective_on > today
                )
            )
        if decision.ends_on and decision.ends_on != decision.effective_on and case.status != CaseStatus.CLOSED:
            rows.append(TimelineEntry(decision.ends_on, _("Hukuman berakhir"), "", decision.ends_on > today))
    for appeal in case.appeals.all():
        rows.append(TimelineEntry(appeal.filed_on, appeal.get_kind_display(), appeal.addressed_to))
        if appeal.decided_on:
            rows.append(
                TimelineEntry(
                    appeal.decided_on,
                    _("Hasil: %(o)s") % {"o": appeal.get_outcome_display()},
                    appeal.outcome_note[:120],
                )
            )
    if case.closed_on:
        rows.append(TimelineEntry(case.closed_on, _("Kasus ditutup"), case.closed_reason[:120]))
    return sorted(rows, key=lambda row: row.day)


def _deadlines(case: Case, today: dt.date) -> list[Deadline]:
    days = [today, case.opened_on]
    last = last_summons(case)
    decision = getattr(case, "decision", None)
    days += [d for d in (last.exam_on if last else None, decision.signed_on if decision else None) if d]
    calendar = calendar_around(case.tenant, *days)
    settings = discipline_settings(case.tenant).procedure
    out: list[Deadline] = []
    if case.status == CaseStatus.SUMMONED and last is not None and last.attended is False and last.sequence == 1:
        day = procedure.second_summons_deadline(last.exam_on, calendar, settings)
        out.append(Deadline(_("Batas surat panggilan II"), day, today > day))
    if case.status == CaseStatus.DECIDED and decision is not None:
        day = procedure.delivery_deadline(decision.signed_on, calendar, settings)
        out.append(Deadline(_("Batas penyampaian keputusan"), day, today > day))
    if case.status == CaseStatus.DELIVERED and decision is not None:
        received = decision.received_on or decision.sent_on
        if received and not list(case.appeals.all()):
            day = procedure.appeal_deadline(received, calendar, settings)
            out.append(Deadline(_("Batas upaya administratif"), day, today > day))
        if decision.effective_on:
            out.append(Deadline(_("Hukuman berlaku mulai"), decision.effective_on))
    if case.status == CaseStatus.APPEALED:
        pending = next((a for a in case.appeals.all() if a.outcome == AppealOutcome.PENDING), None)
        if pending is not None and pending.kind == AppealKind.APPEAL:
            out.append(Deadline(_("Banding menunggu putusan BPASN"), pending.filed_on))
    return out


def case_page(*, actor: Any, case: Case, today: dt.date) -> CasePage:
    """Everything the detail page shows (the case loaded with ``case_detail_queryset``)."""
    official, label = _competent(case, getattr(getattr(case, "decision", None), "signed_on", None) or today)
    ref = official.ref if official else None
    return CasePage(
        case=case,
        steps=allowed_steps(actor, case, competent_ref=ref),
        timeline=_timeline(case, today),
        deadlines=_deadlines(case, today),
        competent_label=label,
        competent_ref=ref,
    )
