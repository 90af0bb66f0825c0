"""Import batches: one uploaded file, validated whole, applied atomically."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from pamong.core.models import ScopedModel
from pamong.org.models import OrgUnit

from .choices import RUNNING_STATUSES, BatchStatus, ImportKind


def batch_upload_to(instance: ImportBatch, filename: str) -> str:
    """``imports/<tenant id>/<random>.<ext>``: the original name is kept in a field, never in the path."""
    suffix = PurePath(filename).suffix.lower()
    return f"imports/{instance.tenant_id}/{uuid.uuid4().hex}{suffix}"


class ImportBatch(ScopedModel):
    """One uploaded file of units, positions or employees and what became of it.

    The whole file is validated before anything is written; a file with any bad
    row is rejected with a per-row, per-column error list, and a good file is
    applied in one transaction. ``org_unit`` places the batch in the scope tree
    (the tenant root for a tenant-wide administrator) so only holders of
    ``imports.run`` over it can see it.
    """

    kind = models.CharField(_("jenis"), max_length=16, choices=ImportKind.choices)
    status = models.CharField(_("status"), max_length=16, choices=BatchStatus.choices, default=BatchStatus.UPLOADED)
    original_name = models.CharField(_("nama berkas asli"), max_length=255)
    sha256 = models.CharField(_("SHA-256 isi berkas"), max_length=64)
    size = models.PositiveIntegerField(_("ukuran (bita)"), default=0)
    file = models.FileField(_("berkas"), upload_to=batch_upload_to, max_length=255)
    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diunggah oleh"),
    )
    # Kept as text too: the system actor of the command line has no user row.
    created_by_label = models.CharField(_("diunggah oleh (nama)"), max_length=200, blank=True)
    rows_total = models.PositiveIntegerField(_("baris data"), default=0)
    rows_done = models.PositiveIntegerField(_("baris diperiksa"), default=0)
    created_count = models.PositiveIntegerField(_("baris baru"), default=0)
    updated_count = models.PositiveIntegerField(_("baris diubah"), default=0)
    unchanged_count = models.PositiveIntegerField(_("baris tetap"), default=0)
    error_count = models.PositiveIntegerField(_("kesalahan"), default=0)
    error_rows = models.PositiveIntegerField(_("baris bermasalah"), default=0)
    errors = models.JSONField(_("kesalahan"), default=list, blank=True, help_text=_("[{row, column, value, message}]"))
    summary = models.JSONField(_("ringkasan"), default=dict, blank=True)
    message = models.TextField(_("pesan"), blank=True)
    started_at = models.DateTimeField(_("mulai"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    scope_path_field = "org_unit__path"
    view_action = "imports.run"

    class Meta:
        ordering = ["tenant_id", "-created_at", "-pk"]
        verbose_name = _("impor berkas")
        verbose_name_plural = _("impor berkas")
        constraints = [
            models.CheckConstraint(condition=Q(rows_done__lte=F("rows_total")), name="imports_batch_done_le_total"),
        ]
        indexes = [
            models.Index(fields=["tenant", "created_at"], name="imports_batch_time_idx"),
            models.Index(fields=["tenant", "kind", "sha256"], name="imports_batch_hash_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"

    def scope_path(self) -> str:
        return self.org_unit.path

    @property
    def is_running(self) -> bool:
        return self.status in RUNNING_STATUSES

    @property
    def badge(self) -> str:
        """Bootstrap colour of the status badge."""
        return {
            BatchStatus.APPLIED: "success",
            BatchStatus.REJECTED: "danger",
            BatchStatus.FAILED: "danger",
            BatchStatus.UPLOADED: "secondary",
        }.get(BatchStatus(self.status), "info")

    @property
    def progress(self) -> int:
        """Percent of rows checked (100 once applied or rejected)."""
        if self.status in (BatchStatus.APPLIED, BatchStatus.REJECTED, BatchStatus.APPLYING):
            return 100
        if not self.rows_total:
            return 0
        return min(100, self.rows_done * 100 // self.rows_total)
