"""Sending and reading notices.

``notify`` is called by other services, inside their transaction: the rows are
written with the state change (so a rolled-back change sends nothing) and the
e-mail copies go out on commit. Marking one's own notice read is a preference of
the reader's inbox, not a change of governed data, so it writes no audit event.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.core.errors import NotFoundError

from .choices import NoticeKind
from .models import Notice

logger = logging.getLogger(__name__)


def notify(
    *,
    tenant_id: int,
    recipients: Iterable[Any],
    kind: str = NoticeKind.GENERAL,
    title: str,
    body: str = "",
    url: str = "",
    dedupe_key: str = "",
) -> int:
    """Write one notice per distinct recipient of ``tenant_id``; return how many were new.

    Recipients of another tenant are skipped (a notice never crosses tenants). With
    a ``dedupe_key`` a recipient who already has that key gets nothing new.
    """
    people = {user.pk: user for user in recipients if user is not None and user.tenant_id == tenant_id}
    if not people:
        return 0
    if dedupe_key:
        already = set(
            Notice.objects.filter(recipient_id__in=people, dedupe_key=dedupe_key).values_list("recipient_id", flat=True)
        )
        people = {pk: user for pk, user in people.items() if pk not in already}
    rows = [
        Notice(
            tenant_id=tenant_id, recipient=user, kind=kind, title=title[:200], body=body, url=url, dedupe_key=dedupe_key
        )
        for user in people.values()
    ]
    Notice.objects.bulk_create(rows, ignore_conflicts=bool(dedupe_key))
    mails = [(title, _mail_body(body, url), None, [user.email]) for user in people.values() if user.email]
    if mails:
        transaction.on_commit(lambda: _send(mails))
    return len(rows)


def notice_mark_read(*, actor: Any, notice_id: int) -> Notice:
    """Mark one of the actor's own notices read (another user's notice is not found)."""
    notice = Notice.objects.for_user(actor).filter(pk=notice_id).first()
    if notice is None:
        raise NotFoundError(_("Pemberitahuan tidak ditemukan."))
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at", "updated_at"])
    return notice


def notices_mark_all_read(*, actor: Any) -> int:
    """Mark all of the actor's unread notices read; return how many."""
    return Notice.objects.for_user(actor).unread().update(read_at=timezone.now(), updated_at=timezone.now())


def _mail_body(body: str, url: str) -> str:
    base = getattr(settings, "PAMONG_BASE_URL", "").rstrip("/")
    link = f"\n\n{base}{url}" if url and base else (f"\n\n{url}" if url else "")
    return f"{body}{link}"


def _send(mails: list[tuple[str, str, None, list[str]]]) -> None:
    try:
        send_mass_mail(tuple(mails), fail_silently=False)
    except Exception:  # a mail server outage must not undo a committed state change; the inbox has it
        logger.exception("sending %d notice e-mail(s) failed", len(mails))
