"""Field visits (kunjungan kerja) to a kecamatan, kelurahan or OPD: participants, findings, photos."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pamong.access.roles import MEETINGS_VIEW
from pamong.core.models import ScopedModel, TimeStampedModel
from pamong.org.models import OrgUnit
from pamong.people.models import Employee


class FieldVisit(ScopedModel):
    """A visit to ``place`` (the unit visited: its Camat or head sees the findings and their follow-up)."""

    place = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("lokasi (unit)"))
    visited_on = models.DateField(_("tanggal"))
    title = models.CharField(_("judul"), max_length=200)
    led_by = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("dipimpin oleh")
    )
    participants = models.ManyToManyField(Employee, related_name="+", blank=True, verbose_name=_("peserta"))
    findings = models.TextField(_("temuan"))

    scope_path_field = "place__path"
    view_action = MEETINGS_VIEW

    class Meta:
        ordering = ["tenant_id", "-visited_on"]
        verbose_name = _("kunjungan kerja")
        verbose_name_plural = _("kunjungan kerja")

    def __str__(self) -> str:
        return self.title

    def scope_path(self) -> str:
        return self.place.path


def photo_upload_to(instance: VisitPhoto, filename: str) -> str:
    suffix = ".png" if filename.lower().endswith(".png") else ".jpg"
    return f"visits/{instance.visit.tenant_id}/{uuid.uuid4().hex}{suffix}"


class VisitPhoto(TimeStampedModel):
    """A photo of a visit: validated as an image, stored under a random name, served only in scope."""

    visit = models.ForeignKey(FieldVisit, on_delete=models.CASCADE, related_name="photos", verbose_name=_("kunjungan"))
    file = models.FileField(_("berkas"), upload_to=photo_upload_to, max_length=255)
    caption = models.CharField(_("keterangan"), max_length=200, blank=True)
    content_type = models.CharField(_("jenis berkas"), max_length=40)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("diunggah oleh")
    )

    class Meta:
        ordering = ["visit_id", "id"]
        verbose_name = _("foto kunjungan")
        verbose_name_plural = _("foto kunjungan")

    def __str__(self) -> str:
        return self.caption or str(self.pk)
