"""Choices of periodic reports."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    REALISATION = "realisation", _("Laporan realisasi kinerja")  # values of the unit's indicators for a period
    GOVERNANCE = "governance", _("Laporan penyelenggaraan pemerintahan kecamatan")  # a Camat's governance report


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")  # being filled by the unit; not yet sent
    SUBMITTED = "submitted", _("Diajukan")  # sent by the head; waits for the verifier (also after a resubmission)
    RETURNED = "returned", _("Dikembalikan")  # the verifier sent it back with reasons; the unit corrects it
    VERIFIED = "verified", _("Terverifikasi")  # accepted by a verifier; its values count in the scores
