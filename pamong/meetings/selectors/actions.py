"""Reads of action items: the list in scope with filters, one item's page, the follow-through rate per OPD.

Everything starts from ``ActionItem.objects.visible_to(actor, "meetings.view")``. The follow-through rate
(``rules.follow_through.follow_through``: verified on time ÷ due) is computed over the items loaded in ONE query
per call and grouped by OPD (the first two path segments of the owner unit's path) in Python.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet

from pamong.access.roles import MEETINGS_VIEW
from pamong.core.scope import scope_of
from pamong.org.models import PATH_SEGMENT_WIDTH, OrgUnit

from ..models import ActionEvidence, ActionItem, ActionItemEvent
from ..rules.follow_through import FollowThrough, ItemFact, ItemStatus, follow_through, is_overdue

OVERDUE = "overdue"
OPD_PATH_LENGTH = 2 * (PATH_SEGMENT_WIDTH + 1)


@dataclass(frozen=True)
class ItemFilters:
    status: str = ""  # an ItemStatus value, or "overdue"
    unit_id: int | None = None  # the owner unit and its subtree
    meeting_id: int | None = None
    due_from: dt.date | None = None
    due_to: dt.date | None = None


def items_in_scope(*, actor: Any) -> QuerySet[ActionItem]:
    return ActionItem.objects.visible_to(actor, MEETINGS_VIEW)


def item_list(*, actor: Any, filters: ItemFilters, today: dt.date) -> QuerySet[ActionItem]:
    """The items in scope, filtered; one query per page (owner unit, owner and meeting joined)."""
    qs = items_in_scope(actor=actor).select_related("owner_unit", "owner", "meeting")
    if filters.status == OVERDUE:
        qs = qs.filter(status__in=[ItemStatus.OPEN, ItemStatus.IN_PROGRESS], due_on__lt=today)
    elif filters.status in {s.value for s in ItemStatus}:
        qs = qs.filter(status=filters.status)
    if filters.unit_id is not None:
        unit = OrgUnit.objects.filter(pk=filters.unit_id).values_list("path", flat=True).first()
        qs = qs.filter(owner_unit__path__startswith=unit) if unit else qs.none()
    if filters.meeting_id is not None:
        qs = qs.filter(meeting_id=filters.meeting_id)
    if filters.due_from is not None:
        qs = qs.filter(due_on__gte=filters.due_from)
    if filters.due_to is not None:
        qs = qs.filter(due_on__lte=filters.due_to)
    return qs.order_by("due_on", "id")


def overdue(item: ActionItem, today: dt.date) -> bool:
    return is_overdue(ItemStatus(item.status), item.due_on, today)


def item_detail_queryset(*, actor: Any) -> QuerySet[ActionItem]:
    """One item with its history and evidence (three queries)."""
    return (
        items_in_scope(actor=actor)
        .select_related("owner_unit", "owner", "meeting", "decision", "verified_by", "tenant")
        .prefetch_related(
            Prefetch("events", queryset=ActionItemEvent.objects.order_by("created_at", "id")),
            Prefetch(
                "evidence", queryset=ActionEvidence.objects.select_related("submitted_by").order_by("created_at", "id")
            ),
        )
    )


def evidence_in_scope(*, actor: Any) -> QuerySet[ActionEvidence]:
    """Evidence whose item the actor may see (a download out of scope is 404)."""
    return ActionEvidence.objects.filter(item__in=items_in_scope(actor=actor))


@dataclass
class UnitRate:
    unit_id: int
    name: str
    path: str
    figures: FollowThrough
    open: int = 0
    overdue: int = 0

    @property
    def rate(self) -> Decimal | None:
        return self.figures.rate


@dataclass
class RateTable:
    start: dt.date
    end: dt.date
    rows: list[UnitRate] = field(default_factory=list)

    @property
    def total(self) -> FollowThrough:
        return FollowThrough(
            due=sum(r.figures.due for r in self.rows),
            verified_on_time=sum(r.figures.verified_on_time for r in self.rows),
        )


def follow_through_by_opd(
    *, actor: Any, today: dt.date, start: dt.date | None = None, end: dt.date | None = None
) -> RateTable:
    """Verified on time ÷ due per OPD over ``start``..``end`` (default the current year), by ``today``.

    Two queries: the items in scope due in the period (one), the OPDs they belong to (one).
    """
    start = start or dt.date(today.year, 1, 1)
    end = end or dt.date(today.year, 12, 31)
    rows = list(
        items_in_scope(actor=actor)
        .filter(due_on__gte=start, due_on__lte=end)
        .values_list("owner_unit__path", "status", "due_on", "done_on")
    )
    facts: dict[str, list[ItemFact]] = defaultdict(list)
    open_count: dict[str, int] = defaultdict(int)
    late: dict[str, int] = defaultdict(int)
    for path, status, due_on, done_on in rows:
        opd = path[:OPD_PATH_LENGTH]
        item_status = ItemStatus(status)
        facts[opd].append(ItemFact(due_on=due_on, status=item_status, done_on=done_on))
        if not item_status.settled:
            open_count[opd] += 1
        if is_overdue(item_status, due_on, today):
            late[opd] += 1
    paths = list(facts) or [""]  # never an empty IN (no query): the count stays fixed
    units = OrgUnit.objects.filter(tenant_id=scope_of(actor).tenant_id or 0, path__in=paths).values_list(
        "pk", "name", "path"
    )
    table = RateTable(start=start, end=end)
    for pk, name, path in units:
        table.rows.append(
            UnitRate(
                unit_id=pk,
                name=name,
                path=path,
                figures=follow_through(facts[path], start=start, end=end, as_of=today),
                open=open_count[path],
                overdue=late[path],
            )
        )
    table.rows.sort(key=lambda r: (r.rate is None, -(r.rate or 0), r.name))
    return table
