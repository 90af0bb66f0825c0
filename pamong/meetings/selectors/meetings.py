"""Reads of meetings: the scoped list, one meeting with everything its page shows, the calendar of a month.

Every read starts from ``Meeting.objects.visible_to(actor, "meetings.view")`` (the organiser's subtree, plus the
meetings that name the actor as chair or secretary or invite one of his units) and runs a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from pamong.access.roles import DIRECTIVES_REPORT, MEETINGS_MANAGE, MEETINGS_VIEW
from pamong.core.scope import scope_of

from ..models import ActionItem, FieldVisit, Invitation, Meeting, MeetingSeries


def meetings_visible(actor: Any) -> QuerySet[Meeting]:
    return Meeting.objects.visible_to(actor, MEETINGS_VIEW).select_related("org_unit", "chair", "secretary")


def meeting_list(
    actor: Any, *, now: dt.datetime, when: str = "upcoming", kind: str = "", unit_id: int | None = None
) -> QuerySet[Meeting]:
    """Upcoming meetings soonest first, or past ones latest first; filtered by kind and invited/organising unit."""
    qs = meetings_visible(actor).annotate(invited_count=Count("invitations", distinct=True))
    if kind:
        qs = qs.filter(kind=kind)
    if unit_id:
        qs = qs.filter(Q(org_unit_id=unit_id) | Q(invitations__org_unit_id=unit_id)).distinct()
    if when == "past":
        return qs.filter(starts_at__lt=now).order_by("-starts_at", "-id")
    return qs.filter(starts_at__gte=now).order_by("starts_at", "id")


def may_run(actor: Any, meeting: Meeting) -> bool:
    """Whether the actor may run ``meeting`` (the rule of ``services.meetings.meeting_authorize``)."""
    scope = scope_of(actor)
    if scope.tenant_id != meeting.tenant_id:
        return False
    if scope.employee_id is not None and scope.employee_id in (meeting.chair_id, meeting.secretary_id):
        return True
    return scope.allows(MEETINGS_MANAGE, tenant_id=meeting.tenant_id, path=meeting.org_unit.path)


def own_invitation_ids(actor: Any, invitations: list[Invitation]) -> set[int]:
    """The invitations whose brief the actor reads as the invited unit (its head or staff in scope of it)."""
    scope = scope_of(actor)
    return {
        inv.pk
        for inv in invitations
        if scope.allows(MEETINGS_VIEW, tenant_id=scope.tenant_id or 0, path=inv.org_unit.path)
        and inv.meeting.tenant_id == scope.tenant_id
    }


def may_read_brief(actor: Any, invitation: Invitation) -> bool:
    """The chair, secretary or organiser reads every brief; an invited unit only its own."""
    return may_run(actor, invitation.meeting) or bool(own_invitation_ids(actor, [invitation]))


def may_note(actor: Any, invitation: Invitation) -> bool:
    scope = scope_of(actor)
    return scope.allows(DIRECTIVES_REPORT, tenant_id=invitation.meeting.tenant_id, path=invitation.org_unit.path)


@dataclass
class MeetingPage:
    meeting: Meeting
    invitations: list[Invitation]
    agenda: list[Any]
    decisions: list[Any]
    action_items: list[ActionItem]
    can_run: bool
    readable_briefs: set[int] = field(default_factory=set)


def meeting_page(actor: Any, pk: int) -> MeetingPage | None:
    """One meeting in sight with invitations, agenda (with decisions) and action items (fixed queries)."""
    meeting = (
        meetings_visible(actor)
        .select_related("series", "tenant")
        .prefetch_related(
            Prefetch("invitations", queryset=Invitation.objects.select_related("org_unit").order_by("org_unit__path")),
            "agenda",
            "decisions",
            Prefetch("action_items", queryset=ActionItem.objects.select_related("owner_unit", "owner")),
        )
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        return None
    invitations = list(meeting.invitations.all())
    for inv in invitations:
        inv.meeting = meeting
    can_run = may_run(actor, meeting)
    readable = {inv.pk for inv in invitations} if can_run else own_invitation_ids(actor, invitations)
    return MeetingPage(
        meeting=meeting,
        invitations=invitations,
        agenda=list(meeting.agenda.all()),
        decisions=list(meeting.decisions.all()),
        action_items=list(meeting.action_items.all()),
        can_run=can_run,
        readable_briefs=readable,
    )


def series_list(actor: Any) -> QuerySet[MeetingSeries]:
    rows: QuerySet[MeetingSeries] = (
        MeetingSeries.objects.visible_to(actor, MEETINGS_VIEW)
        .select_related("org_unit", "chair")
        .annotate(invited_count=Count("invited_units", distinct=True))
        .order_by("kind", "title")
    )
    return rows


@dataclass(frozen=True)
class CalendarEntry:
    day: dt.date
    starts_at: dt.datetime | None
    title: str
    kind: str
    url: str
    place: str


def calendar_entries(actor: Any, *, start: dt.date, end: dt.date, zone: Any) -> list[CalendarEntry]:
    """Meetings and field visits in sight from ``start`` to ``end`` inclusive (two queries)."""
    from django.urls import reverse

    lo = dt.datetime.combine(start, dt.time.min, tzinfo=zone)
    hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    entries = [
        CalendarEntry(
            day=m.starts_at.astimezone(zone).date(),
            starts_at=m.starts_at.astimezone(zone),
            title=m.title,
            kind="meeting",
            url=reverse("meetings:meeting_detail", args=[m.pk]),
            place=m.venue,
        )
        for m in Meeting.objects.visible_to(actor, MEETINGS_VIEW)
        .filter(starts_at__gte=lo, starts_at__lt=hi)
        .exclude(status="cancelled")
        .order_by("starts_at")
    ]
    entries += [
        CalendarEntry(day=v.visited_on, starts_at=None, title=str(v), kind="visit", url="", place=v.place.name)
        for v in FieldVisit.objects.visible_to(actor, MEETINGS_VIEW)
        .filter(visited_on__gte=start, visited_on__lte=end)
        .select_related("place")
    ]
    return sorted(
        entries, key=lambda e: (e.day, e.starts_at is None, e.starts_at or dt.datetime.min.replace(tzinfo=zone))
    )


def ics_meetings(actor: Any, *, since: dt.datetime) -> list[Meeting]:
    """Every meeting in sight from ``since`` on (one query), for the calendar feed."""
    return list(
        Meeting.objects.visible_to(actor, MEETINGS_VIEW)
        .filter(starts_at__gte=since)
        .select_related("org_unit")
        .order_by("starts_at")[:500]
    )
