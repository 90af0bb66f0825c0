"""Kinds of notices; each app that sends one adds its kind here so the inbox can show an icon."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    GENERAL = "general", _("Umum")  # anything without a more specific kind
    REPORT_REMINDER = "report_reminder", _("Pengingat laporan")  # a periodic report's deadline is near
    REPORT_SUBMITTED = "report_submitted", _("Laporan diajukan")  # a report waits for verification
    REPORT_RETURNED = "report_returned", _("Laporan dikembalikan")  # the verifier returned a report with reasons
    REPORT_VERIFIED = "report_verified", _("Laporan diverifikasi")  # the verifier accepted a report
    AGREEMENT_SIGN = "agreement_sign", _("Perjanjian kinerja menunggu tanda tangan")  # a PK awaits a signature
    CONSEQUENCE = "consequence", _("Tindak lanjut konsekuensi")  # a follow-up was opened or assigned
