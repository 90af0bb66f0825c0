"""The daily run of action items: reminders before the due date and overdue flags (``actions_daily``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from pamong.core.models import Tenant

from ..models import ActionItem
from ..rules.follow_through import ItemStatus, is_overdue
from ..rules.timing import DEFAULT_TIMING, reminder_dates
from . import actions_notices


@dataclass(frozen=True)
class RemindResult:
    reminded: int
    overdue: int
    notices: int

    def summary(self) -> str:
        return f"reminded={self.reminded} overdue={self.overdue} notices={self.notices}"


@transaction.atomic
def actions_remind(*, tenant_id: int, today: dt.date | None = None) -> RemindResult:
    """Remind owners on ``rules.timing.reminder_dates`` and flag overdue items; safe to run twice (dedupe keys)."""
    tenant = Tenant.objects.get(pk=tenant_id)
    today = today or tenant.today()
    days_before = sorted(set(DEFAULT_TIMING.reminder_days_before))
    due_soon = [today + dt.timedelta(days=n) for n in days_before if n > 0]
    active = [ItemStatus.OPEN.value, ItemStatus.IN_PROGRESS.value]
    items = list(
        ActionItem.objects.filter(tenant_id=tenant_id, status__in=active)
        .filter(Q(due_on__in=due_soon) | Q(due_on__lt=today))
        .select_related("tenant", "owner_unit", "meeting")
        .order_by("due_on", "id")
    )
    people = actions_notices.users_of(
        tenant_id, [i.owner_id for i in items] + [i.meeting.chair_id for i in items if i.meeting is not None]
    )
    reminded = flagged = notices = 0
    for item in items:
        if is_overdue(ItemStatus(item.status), item.due_on, today):
            flagged += 1
            notices += actions_notices.overdue(item, today, people)
        elif today in reminder_dates(item.due_on, DEFAULT_TIMING):
            reminded += 1
            notices += actions_notices.remind(item, today, people)
    return RemindResult(reminded=reminded, overdue=flagged, notices=notices)
