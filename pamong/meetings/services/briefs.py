"""The pre-read brief of every invited unit, 48 hours before the meeting (CitiStat's "memo with all relevant
data", Baltimore City Code §61-4; ``domain/field-notes.md`` §1c).

``briefs_make`` computes the figures from live data for all invited units at once, whatever their number: red and
behind-trajectory indicators of the latest scored month (one query), periodic reports past their deadline and not
submitted (one query), open discipline warnings and cases per OPD (two grouped queries), and the unit's open action
items of earlier meetings (one query). Each invitation stores its figures (``Invitation.brief``) as they stood when
made, and the head of each unit is told the brief is ready and that he may add a note.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from pamong.core import audit
from pamong.core.models import Tenant
from pamong.core.scope import SystemActor
from pamong.discipline.selectors.supervision_figures import opd_path_of, open_counts_by_opd
from pamong.notices.services import notify
from pamong.performance.choices import Colour, TrajectoryStatus
from pamong.performance.models import IndicatorScore
from pamong.planning.choices import period_label
from pamong.reports.choices import ReportStatus
from pamong.reports.models import Report

from ..choices import ItemStatusChoice, MeetingStatus
from ..models import ActionItem, Invitation, Meeting
from .meetings import unit_heads

#: Action items still to be settled (not verified, not dropped).
UNSETTLED = (ItemStatusChoice.OPEN, ItemStatusChoice.IN_PROGRESS, ItemStatusChoice.DONE)
LIST_LIMIT = 20  # rows per section in the stored brief (the counts are always complete)


def _subtrees(field: str, paths: Sequence[str]) -> Q:
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def _owner(paths: Sequence[str], path: str) -> str | None:
    """The invited unit (longest matching path) a row at ``path`` belongs to."""
    best = None
    for candidate in paths:
        if path.startswith(candidate) and (best is None or len(candidate) > len(best)):
            best = candidate
    return best


def brief_figures(*, meeting: Meeting, invitations: Sequence[Invitation], today: dt.date) -> dict[int, dict[str, Any]]:
    """The figures of every invitation of ``meeting`` by invitation id (a fixed number of queries)."""
    tenant_id = meeting.tenant_id
    paths = [inv.org_unit.path for inv in invitations]
    by_path: dict[str, dict[str, Any]] = {
        inv.org_unit.path: {
            "indicators": [],
            "indicators_count": 0,
            "late_reports": [],
            "late_reports_count": 0,
            "discipline": {"open_warnings": 0, "open_cases": 0},
            "open_items": [],
            "open_items_count": 0,
            "overdue_items_count": 0,
        }
        for inv in invitations
    }
    if not paths:
        return {}
    latest = (
        IndicatorScore.objects.filter(tenant_id=tenant_id)
        .filter(Q(year__lt=today.year) | Q(year=today.year, month__lte=today.month))
        .aggregate(last=Max(models_year_month()))
    )["last"]
    if latest:
        year, month = divmod(int(latest), 100)
        for score in (
            IndicatorScore.objects.filter(tenant_id=tenant_id, year=year, month=month)
            .filter(_subtrees("org_unit__path", paths))
            .filter(Q(colour=Colour.RED) | Q(trajectory_status=TrajectoryStatus.BEHIND))
            .select_related("indicator", "org_unit")
            .order_by("capaian", "indicator__code")
        ):
            owner = _owner(paths, score.org_unit.path)
            if owner is None:
                continue
            fig = by_path[owner]
            fig["indicators_count"] += 1
            if len(fig["indicators"]) < LIST_LIMIT:
                fig["indicators"].append(
                    {
                        "code": score.indicator.code,
                        "name": str(score.indicator),
                        "unit": score.org_unit.name,
                        "capaian": None if score.capaian is None else str(score.capaian),
                        "colour": score.colour,
                        "trajectory": score.trajectory_status,
                        "period": f"{score.period_label} {year}",
                    }
                )
    for report in (
        Report.objects.filter(tenant_id=tenant_id, status__in=(ReportStatus.DRAFT, ReportStatus.RETURNED))
        .filter(deadline__lt=today)
        .filter(_subtrees("org_unit__path", paths))
        .select_related("org_unit")
        .order_by("deadline")
    ):
        owner = _owner(paths, report.org_unit.path)
        if owner is None:
            continue
        fig = by_path[owner]
        fig["late_reports_count"] += 1
        if len(fig["late_reports"]) < LIST_LIMIT:
            fig["late_reports"].append(
                {
                    "unit": report.org_unit.name,
                    "period": f"{period_label(report.period_kind, report.period_no)} {report.year}",
                    "deadline": report.deadline.isoformat(),
                    "days_late": (today - report.deadline).days,
                }
            )
    warnings, cases = open_counts_by_opd(tenant_id=tenant_id)
    for path, fig in by_path.items():
        opd = opd_path_of(path)
        fig["discipline"] = {"open_warnings": warnings.get(opd, 0), "open_cases": cases.get(opd, 0)}
    for item in (
        ActionItem.objects.filter(tenant_id=tenant_id, status__in=UNSETTLED)
        .exclude(meeting=meeting)
        .filter(_subtrees("owner_unit__path", paths))
        .select_related("owner_unit", "meeting")
        .order_by("due_on", "id")
    ):
        owner = _owner(paths, item.owner_unit.path)
        if owner is None:
            continue
        fig = by_path[owner]
        fig["open_items_count"] += 1
        fig["overdue_items_count"] += int(item.due_on < today)
        if len(fig["open_items"]) < LIST_LIMIT:
            fig["open_items"].append(
                {
                    "id": item.pk,
                    "title": item.title,
                    "due_on": item.due_on.isoformat(),
                    "status": item.status,
                    "overdue": item.due_on < today,
                    "meeting": item.meeting.title if item.meeting else "",
                }
            )
    return {inv.pk: {**by_path[inv.org_unit.path], "as_of": today.isoformat()} for inv in invitations}


def models_year_month() -> Any:
    """``year * 100 + month``: the latest scored month in one aggregate."""
    from django.db.models import F

    return F("year") * 100 + F("month")


@transaction.atomic
def briefs_make(*, meeting: Meeting, now: dt.datetime) -> int:
    """Make (or remake) the brief of every invited unit; notify each unit's head once. Returns the briefs made."""
    meeting = Meeting.objects.select_for_update().select_related("tenant", "org_unit").get(pk=meeting.pk)
    if meeting.status != MeetingStatus.SCHEDULED:
        return 0
    tenant = meeting.tenant
    today = tenant.localtime(now).date()
    invitations = list(Invitation.objects.filter(meeting=meeting).select_related("org_unit"))
    figures = brief_figures(meeting=meeting, invitations=invitations, today=today)
    for inv in invitations:
        inv.brief = figures[inv.pk]
        inv.brief_made_at = now
    Invitation.objects.bulk_update(invitations, ["brief", "brief_made_at", "updated_at"])
    first = meeting.briefs_sent_at is None
    meeting.briefs_sent_at = now
    meeting.save(update_fields=["briefs_sent_at", "updated_at"])
    audit.record(
        actor=SystemActor(tenant_id=tenant.pk, label="meetings_briefs"),
        tenant_id=tenant.pk,
        action="meetings.briefs.make",
        target=meeting,
        org_unit_path=meeting.org_unit.path,
        after={"briefs": len(invitations)},
    )
    if first:
        heads = unit_heads(tenant_id=tenant.pk, units=[inv.org_unit for inv in invitations], day=today)
        for inv in invitations:
            notify(
                tenant_id=tenant.pk,
                recipients=heads.get(inv.org_unit_id, []),
                title=_("Bahan rapat siap: %(title)s") % {"title": meeting.title},
                body=_("Bahan rapat unit Anda sudah tersedia. Anda dapat menambahkan catatan sebelum rapat dimulai."),
                url=reverse("meetings:brief", args=[inv.pk]),
                dedupe_key=f"meeting:brief:{inv.pk}",
            )
    return len(invitations)


@dataclass(frozen=True)
class RunReport:
    generated: int
    briefs: int
    memos_flagged: int

    def summary(self) -> str:
        return f"meetings generated={self.generated} briefs={self.briefs} memos_late={self.memos_flagged}"


def meetings_run(*, tenant: Tenant, now: dt.datetime) -> RunReport:
    """The hourly job of one tenant: the next meetings of every series, the briefs whose pre-read time has come
    (each meeting once), and the reminders of memos past due. Safe to run twice."""
    from .meeting_minutes import series_generate
    from .memos import memos_overdue_flag

    today = tenant.localtime(now).date()
    generated = len(series_generate(tenant=tenant, today=today))
    due = list(
        Meeting.objects.filter(
            tenant=tenant,
            status=MeetingStatus.SCHEDULED,
            briefs_sent_at__isnull=True,
            pre_read_at__lte=now,
            starts_at__gt=now,
        ).order_by("starts_at")
    )
    briefs = sum(briefs_make(meeting=meeting, now=now) for meeting in due)
    return RunReport(generated, briefs, memos_overdue_flag(tenant=tenant, today=today))
