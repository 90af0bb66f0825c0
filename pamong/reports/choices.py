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


class StepKind(models.TextChoices):
    """What one step of a report's history was (the audit action is ``reports.report.<value>``)."""

    OPEN = "open", _("Dibuka")  # the report was opened for its period (by the nightly job)
    SUBMIT = "submit", _("Diajukan")  # first submission by the unit's head
    RETURN = "return", _("Dikembalikan")  # the verifier sent it back, with a reason
    RESUBMIT = "resubmit", _("Diajukan ulang")  # submitted again after a return
    VERIFY = "verify", _("Diverifikasi")  # the verifier accepted it


class GovernanceTopic(models.TextChoices):
    """Sections of a Camat's governance report (ADR 0018).

    The Camat's tasks of UU 23/2014 Pasal 225(1) and PP 17/2018 Pasal 10(1), letters a–i, grouped into
    five sections [M]; public service follows the PATEN guideline (Permendagri 4/2010) [M].
    """

    PUBLIC_SERVICE = "public_service", _("Pelayanan publik (PATEN)")  # letter h and PATEN; e (public facilities)
    ORDER = "order", _("Ketenteraman dan ketertiban umum")  # letters c and d (Perda and Perkada enforcement)
    EMPOWERMENT = "empowerment", _("Pemberdayaan masyarakat desa/kelurahan")  # letter b
    VILLAGE_GUIDANCE = "village_guidance", _("Pembinaan dan pengawasan desa/kelurahan")  # letter g
    COORDINATION = "coordination", _("Koordinasi penyelenggaraan pemerintahan di kecamatan")  # letters a and f


class EvidenceContentType(models.TextChoices):
    """The kinds of evidence file accepted, recognised by their content (magic bytes), not their name."""

    PDF = "application/pdf", "PDF"
    JPEG = "image/jpeg", "JPEG"
    PNG = "image/png", "PNG"
    XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (.xlsx)"
    DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word (.docx)"
