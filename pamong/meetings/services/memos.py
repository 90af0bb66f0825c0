"""The commitments memo (CitiStat: "within 2 days after the meeting, a memo listing every request and
commitment", Baltimore City Code §61-4; ``domain/field-notes.md`` §1c) and the flag on memos not sent in time.

``memo_send`` marks the memo sent and notifies the head of every owner unit and the chair; the memo itself is the
PDF ``documents.memo_pdf`` renders from the decisions and the action items of the meeting at the time it is read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from pamong.access.roles import MEETINGS_MANAGE
from pamong.core import audit
from pamong.core.errors import Conflict
from pamong.core.models import Tenant
from pamong.notices.services import notify
from pamong.reports.recipients import holders

from ..choices import MeetingStatus
from ..models import ActionItem, Meeting
from .meetings import meeting_authorize, unit_heads


def meeting_items(meeting: Meeting) -> list[ActionItem]:
    """The action items born in ``meeting``, by due date (one query)."""
    return list(
        ActionItem.objects.filter(meeting=meeting).select_related("owner_unit", "owner").order_by("due_on", "id")
    )


@transaction.atomic
def memo_send(*, actor: Any, meeting: Meeting, now: dt.datetime) -> Meeting:
    """Send the commitments memo of a held meeting (once)."""
    meeting_authorize(actor, meeting)
    meeting = Meeting.objects.select_for_update().select_related("org_unit", "tenant").get(pk=meeting.pk)
    if meeting.status != MeetingStatus.HELD:
        raise Conflict(_("Memo komitmen dikirim setelah rapat dicatat terlaksana."))
    if meeting.memo_sent_at is not None:
        raise Conflict(_("Memo komitmen rapat ini sudah dikirim."))
    items = meeting_items(meeting)
    meeting.memo_sent_at = now
    meeting.save(update_fields=["memo_sent_at", "updated_at"])
    late = meeting.memo_due_on is not None and meeting.tenant.localtime(now).date() > meeting.memo_due_on
    audit.record(
        actor=actor,
        tenant_id=meeting.tenant_id,
        action="meetings.memo.send",
        target=meeting,
        org_unit_path=meeting.org_unit.path,
        after={"items": len(items), "late": late, "memo_due_on": meeting.memo_due_on},
    )
    day = meeting.tenant.localtime(now).date()
    owners = {item.owner_unit_id: item.owner_unit for item in items}
    heads = unit_heads(tenant_id=meeting.tenant_id, units=owners.values(), day=day)
    recipients = [user for users in heads.values() for user in users]
    if meeting.chair_id is not None:
        recipients += list(get_user_model().objects.filter(tenant_id=meeting.tenant_id, employee_id=meeting.chair_id))
    notify(
        tenant_id=meeting.tenant_id,
        recipients=recipients,
        title=_("Memo komitmen: %(title)s") % {"title": meeting.title},
        body=_("%(n)d tindak lanjut dengan penanggung jawab, batas waktu dan bukti yang diharapkan.")
        % {"n": len(items)},
        url=reverse("meetings:memo_pdf", args=[meeting.pk]),
        dedupe_key=f"meeting:memo:{meeting.pk}",
    )
    return meeting


def memos_overdue_flag(*, tenant: Tenant, today: dt.date) -> int:
    """Remind the organisers of held meetings whose memo is past due and not sent; returns the notices written."""
    sent = 0
    for meeting in (
        Meeting.objects.filter(
            tenant=tenant, status=MeetingStatus.HELD, memo_sent_at__isnull=True, memo_due_on__lt=today
        )
        .select_related("org_unit")
        .order_by("memo_due_on")
    ):
        recipients = holders(tenant_id=tenant.pk, path=meeting.org_unit.path, actions=[MEETINGS_MANAGE], day=today)
        people = [meeting.chair_id, meeting.secretary_id]
        recipients += list(
            get_user_model().objects.filter(tenant_id=tenant.pk, employee_id__in=[p for p in people if p])
        )
        with transaction.atomic():
            sent += notify(
                tenant_id=tenant.pk,
                recipients=recipients,
                title=_("Memo komitmen terlambat: %(title)s") % {"title": meeting.title},
                body=_("Batas memo komitmen %(due)s sudah lewat.") % {"due": meeting.memo_due_on},
                url=reverse("meetings:meeting_detail", args=[meeting.pk]),
                dedupe_key=f"meeting:memo_late:{meeting.pk}",
            )
    return sent
