"""Action items: every commitment of a meeting, directive or field visit, with its evidence and history."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pamong.access.roles import MEETINGS_VIEW
from pamong.core.models import ScopedModel, TimeStampedModel
from pamong.org.models import OrgUnit
from pamong.people.models import Employee

from ..choices import EvidenceKind, ItemStatusChoice, MeetingKind
from .meetings import Meeting, MeetingDecision


class ActionItem(ScopedModel):
    """A commitment: owner unit (and person), due date, the evidence expected, its status (``rules.follow_through``).

    Born in a meeting (``meeting``, and the ``decision`` it follows from), a field visit (``visit``) or on its own;
    ``kind`` is the meeting kind whose next meeting it comes back to until verified or dropped.
    """

    owner_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit penanggung jawab")
    )
    owner = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("penanggung jawab")
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="action_items", verbose_name=_("rapat")
    )
    decision = models.ForeignKey(
        MeetingDecision, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("keputusan")
    )
    visit = models.ForeignKey(
        "meetings.FieldVisit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("kunjungan kerja"),
    )
    kind = models.CharField(_("dibahas lagi pada"), max_length=16, choices=MeetingKind.choices, blank=True)
    title = models.CharField(_("tindak lanjut"), max_length=255)
    due_on = models.DateField(_("batas waktu"))
    expected_evidence = models.CharField(_("bukti yang diharapkan"), max_length=255)
    evidence_kind = models.CharField(_("jenis bukti"), max_length=10, choices=EvidenceKind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=ItemStatusChoice.choices, default=ItemStatusChoice.OPEN
    )
    done_on = models.DateField(_("selesai pada"), null=True, blank=True)
    verified_on = models.DateField(_("diverifikasi pada"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diverifikasi oleh"),
    )
    drop_reason = models.TextField(_("alasan dibatalkan"), blank=True)

    scope_path_field = "owner_unit__path"
    view_action = MEETINGS_VIEW

    class Meta:
        ordering = ["tenant_id", "due_on", "id"]
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ItemStatusChoice.DROPPED) | ~Q(drop_reason=""), name="meetings_item_drop_reason"
            ),
        ]
        indexes = [
            models.Index(fields=["tenant", "status", "due_on"], name="meetings_item_due"),
            models.Index(fields=["tenant", "owner_unit", "due_on"], name="meetings_item_unit"),
        ]

    def __str__(self) -> str:
        return self.title

    def scope_path(self) -> str:
        return self.owner_unit.path


def evidence_upload_to(instance: ActionEvidence, filename: str) -> str:
    """``meetings/<tenant id>/<random>.<ext>``: not guessable; the uploader's name is kept in a field."""
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return f"meetings/{instance.item.tenant_id}/{uuid.uuid4().hex}{suffix[:6]}"


class ActionEvidence(TimeStampedModel):
    """Evidence for an item: a validated file (PDF, JPEG, PNG), a link, or figures in ``note``."""

    item = models.ForeignKey(
        ActionItem, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("tindak lanjut")
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=EvidenceKind.choices)
    file = models.FileField(_("berkas"), upload_to=evidence_upload_to, max_length=255, blank=True)
    original_name = models.CharField(_("nama berkas asli"), max_length=255, blank=True)
    content_type = models.CharField(_("jenis berkas"), max_length=80, blank=True)
    size = models.PositiveIntegerField(_("ukuran (bita)"), default=0)
    sha256 = models.CharField(_("SHA-256 isi berkas"), max_length=64, blank=True)
    link = models.URLField(_("tautan"), blank=True)
    note = models.TextField(_("keterangan"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("dikirim oleh")
    )

    class Meta:
        ordering = ["item_id", "created_at", "id"]
        verbose_name = _("bukti tindak lanjut")
        verbose_name_plural = _("bukti tindak lanjut")

    def __str__(self) -> str:
        return self.original_name or self.link or self.note[:40]


class ActionItemEvent(TimeStampedModel):
    """One step of an item's history: who moved it from which status to which, when, and why."""

    item = models.ForeignKey(
        ActionItem, on_delete=models.CASCADE, related_name="events", verbose_name=_("tindak lanjut")
    )
    from_status = models.CharField(_("dari"), max_length=12, choices=ItemStatusChoice.choices, blank=True)
    to_status = models.CharField(_("menjadi"), max_length=12, choices=ItemStatusChoice.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oleh"),
    )
    actor_label = models.CharField(_("oleh (nama)"), max_length=200)
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        ordering = ["item_id", "created_at", "id"]
        verbose_name = _("riwayat tindak lanjut")
        verbose_name_plural = _("riwayat tindak lanjut")

    def __str__(self) -> str:
        return f"{self.item_id} {self.from_status}->{self.to_status}"
