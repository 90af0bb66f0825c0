"""A notice addressed to one user: shown in the inbox and sent by e-mail when the user has an address."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pamong.core.models import TenantModel
from pamong.core.querysets import TenantQuerySet

from .choices import NoticeKind


class NoticeQuerySet(TenantQuerySet):
    def for_user(self, user: object) -> NoticeQuerySet:
        """A user's own notices: the only way notices are read (nobody reads another's inbox)."""
        return self.filter(recipient=user, tenant_id=getattr(user, "tenant_id", None))

    def unread(self) -> NoticeQuerySet:
        return self.filter(read_at__isnull=True)


class Notice(TenantModel):
    """One message to one user, e.g. "Laporan Triwulan III Dinas Pendidikan jatuh tempo 10 Oktober".

    ``dedupe_key`` makes a job's notices idempotent: a reminder job that runs twice
    on one day sends each reminder once (unique per recipient when not blank).
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices", verbose_name=_("penerima")
    )
    kind = models.CharField(_("jenis"), max_length=32, choices=NoticeKind.choices, default=NoticeKind.GENERAL)
    title = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("isi"), blank=True)
    url = models.CharField(_("tautan"), max_length=300, blank=True)
    dedupe_key = models.CharField(_("kunci unik"), max_length=120, blank=True)
    read_at = models.DateTimeField(_("dibaca pada"), null=True, blank=True)

    objects: ClassVar[NoticeQuerySet] = NoticeQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("pemberitahuan")
        verbose_name_plural = _("pemberitahuan")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"], condition=~Q(dedupe_key=""), name="notices_notice_dedupe"
            )
        ]
        indexes = [models.Index(fields=["tenant", "recipient", "read_at"], name="notices_notice_inbox_idx")]

    def __str__(self) -> str:
        return self.title
