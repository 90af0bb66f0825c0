"""Notices of the ladder: new and escalated warnings to the superior addressed and to BKPSDM.

Called on commit of the evaluation or escalation. One notice per superior (listing his staff) and one per
BKPSDM officer per run, not one per warning: a night that raises forty warnings sends forty lines, not
forty notices to each officer. Queries grow with the number of superiors addressed, never with employees.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _

from pamong.access.roles import DISCIPLINE_MANAGE
from pamong.notices.services import notify
from pamong.people.rules.dates import date_id
from pamong.reports.recipients import holders

from ..models import Warning


def _line(warning: Warning) -> str:
    return _("%(name)s: %(kind)s, %(days)d hari (%(sanction)s), batas %(due)s") % {
        "name": warning.employee.name,
        "kind": warning.get_kind_display(),
        "days": warning.total_days,
        "sanction": warning.sanction,
        "due": date_id(warning.due_on),
    }


def _url(warnings: list[Warning]) -> str:
    if len(warnings) == 1:
        return reverse("discipline:warning_detail", args=[warnings[0].pk])
    return reverse("discipline:warning_list") + "?status=open"


def _bkpsdm(tenant_id: int, warnings: Iterable[Warning]) -> list[Any]:
    day = max(w.raised_on for w in warnings)
    users: dict[int, Any] = {}
    for path in sorted({w.org_unit.path for w in warnings}):
        for user in holders(tenant_id=tenant_id, path=path, actions=[DISCIPLINE_MANAGE], day=day):
            users[user.pk] = user
    return list(users.values())


def _send(tenant_id: int, warnings: list[Warning], *, title_one: str, title_many: str, key: str) -> int:
    if not warnings:
        return 0
    key = f"{key}:{sum(w.escalation_level for w in warnings)}"  # a second escalation is a new notice
    by_superior: dict[int, list[Warning]] = defaultdict(list)
    for warning in warnings:
        if warning.superior_id is not None:
            by_superior[warning.superior_id].append(warning)
    users_of: dict[int, list[Any]] = defaultdict(list)
    for user in get_user_model().objects.filter(tenant_id=tenant_id, employee_id__in=list(by_superior), is_active=True):
        users_of[user.employee_id].append(user)
    sent = 0
    for superior_id, own in by_superior.items():
        sent += notify(
            tenant_id=tenant_id,
            recipients=users_of.get(superior_id, []),
            title=(title_one % {"name": own[0].employee.name}) if len(own) == 1 else (title_many % {"n": len(own)}),
            body="\n".join(_line(w) for w in own),
            url=_url(own),
            dedupe_key=f"{key}:{superior_id}:{min(w.pk for w in own)}:{len(own)}",
        )
    sent += notify(
        tenant_id=tenant_id,
        recipients=_bkpsdm(tenant_id, warnings),
        title=(title_one % {"name": warnings[0].employee.name})
        if len(warnings) == 1
        else (title_many % {"n": len(warnings)}),
        body="\n".join(_line(w) for w in warnings[:50]),
        url=_url(warnings),
        dedupe_key=f"{key}:bkpsdm:{min(w.pk for w in warnings)}:{len(warnings)}",
    )
    return sent


def _load(tenant_id: int, warning_ids: Iterable[int]) -> list[Warning]:
    return list(
        Warning.objects.filter(tenant_id=tenant_id, pk__in=list(warning_ids))
        .select_related("employee", "org_unit")
        .order_by("pk")
    )


def notify_new_warnings(*, tenant_id: int, warning_ids: Iterable[int]) -> int:
    """Tell each superior addressed and BKPSDM about new warnings; return how many notices were written."""
    return _send(
        tenant_id,
        _load(tenant_id, warning_ids),
        title_one=_("Peringatan disiplin untuk %(name)s menunggu tindak lanjut"),
        title_many=_("%(n)d peringatan disiplin baru menunggu tindak lanjut"),
        key="discipline:warning:new",
    )


def notify_escalated(*, tenant_id: int, warning_ids: Iterable[int]) -> int:
    """Tell the superior a warning went up to, and BKPSDM, that the previous superior did not act in time."""
    return _send(
        tenant_id,
        _load(tenant_id, warning_ids),
        title_one=_("Peringatan disiplin untuk %(name)s dieskalasi kepada Anda: atasan sebelumnya belum bertindak"),
        title_many=_("%(n)d peringatan disiplin dieskalasi: atasan sebelumnya belum bertindak"),
        key="discipline:warning:escalated",
    )


def notify_declined(*, tenant_id: int, warning_id: int) -> int:
    """Tell BKPSDM that a warning was closed without a case, with the reason (not acting is visible)."""
    warnings = _load(tenant_id, [warning_id])
    if not warnings:
        return 0
    warning = warnings[0]
    return notify(
        tenant_id=tenant_id,
        recipients=_bkpsdm(tenant_id, warnings),
        title=_("Peringatan disiplin untuk %(name)s tidak dilanjutkan") % {"name": warning.employee.name},
        body=warning.reason[:300],
        url=reverse("discipline:warning_detail", args=[warning.pk]),
        dedupe_key=f"discipline:warning:declined:{warning.pk}",
    )
