"""Notices of action items: assignment and status changes to the owner side, reminders and overdue flags.

Called on commit of the services (and by the daily job). The owner side is the item's owner (his users) and the
holders of ``actions.update`` over the owner unit (its head, the performance operator). Each reminder and each
overdue flag carries a dedupe key, so a second run of the job sends nothing new.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _

from pamong.access.roles import ACTIONS_UPDATE
from pamong.notices.services import notify
from pamong.people.rules.dates import date_id
from pamong.reports.recipients import holders

from ..models import ActionItem


def _url(item: ActionItem) -> str:
    return reverse("meetings:item_detail", args=[item.pk])


def _users_of(tenant_id: int, employee_ids: Iterable[int | None]) -> dict[int, list[Any]]:
    ids = {e for e in employee_ids if e is not None}
    found: dict[int, list[Any]] = {}
    if not ids:
        return found
    for user in get_user_model().objects.filter(tenant_id=tenant_id, employee_id__in=ids, is_active=True):
        found.setdefault(user.employee_id, []).append(user)
    return found


def owner_side(item: ActionItem, day: dt.date, owners: dict[int, list[Any]] | None = None) -> list[Any]:
    """The item's owner and whoever updates the owner unit's items (its head, the operator)."""
    people = {
        u.pk: u for u in holders(tenant_id=item.tenant_id, path=item.owner_unit.path, actions=[ACTIONS_UPDATE], day=day)
    }
    if owners is None:
        owners = _users_of(item.tenant_id, [item.owner_id])
    for user in owners.get(item.owner_id or 0, []):
        people[user.pk] = user
    return list(people.values())


def _load(ids: Iterable[int]) -> list[ActionItem]:
    return list(ActionItem.objects.filter(pk__in=list(ids)).select_related("tenant", "owner_unit", "meeting"))


def item_assigned(ids: Iterable[int]) -> int:
    sent = 0
    for item in _load(ids):
        sent += notify(
            tenant_id=item.tenant_id,
            recipients=owner_side(item, item.tenant.today()),
            title=_("Tindak lanjut baru: %(title)s") % {"title": item.title},
            body=_("Batas waktu %(due)s. Bukti yang diharapkan: %(evidence)s.")
            % {"due": date_id(item.due_on), "evidence": item.expected_evidence},
            url=_url(item),
        )
    return sent


def item_moved(item_id: int) -> int:
    items = _load([item_id])
    if not items:
        return 0
    item = items[0]
    return notify(
        tenant_id=item.tenant_id,
        recipients=owner_side(item, item.tenant.today()),
        title=_("Tindak lanjut “%(title)s”: %(status)s") % {"title": item.title, "status": item.get_status_display()},
        body=item.drop_reason,
        url=_url(item),
    )


def remind(item: ActionItem, today: dt.date, owners: dict[int, list[Any]]) -> int:
    """A reminder before the due date (once per item, due date and reminder day)."""
    return notify(
        tenant_id=item.tenant_id,
        recipients=owner_side(item, today, owners),
        title=_("Pengingat: tindak lanjut “%(title)s” jatuh tempo %(due)s")
        % {"title": item.title, "due": date_id(item.due_on)},
        body=_("Bukti yang diharapkan: %(evidence)s.") % {"evidence": item.expected_evidence},
        url=_url(item),
        dedupe_key=f"meetings.item.remind:{item.pk}:{item.due_on.isoformat()}:{today.isoformat()}",
    )


def overdue(item: ActionItem, today: dt.date, people: dict[int, list[Any]]) -> int:
    """Overdue: the owner side and the meeting's chair, once per item and due date."""
    recipients = owner_side(item, today, people)
    if item.meeting is not None:
        recipients += people.get(item.meeting.chair_id or 0, [])
    return notify(
        tenant_id=item.tenant_id,
        recipients=recipients,
        title=_("Tindak lanjut terlambat: %(title)s") % {"title": item.title},
        body=_("%(unit)s: batas waktu %(due)s terlewati; bukti belum dikirim.")
        % {"unit": item.owner_unit.name, "due": date_id(item.due_on)},
        url=_url(item),
        dedupe_key=f"meetings.item.overdue:{item.pk}:{item.due_on.isoformat()}",
    )


def users_of(tenant_id: int, employee_ids: Iterable[int | None]) -> dict[int, list[Any]]:
    return _users_of(tenant_id, employee_ids)
