"""Choices of the meetings app, each value with its meaning."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .rules.follow_through import ItemStatus
from .rules.recurrence import Frequency


class MeetingKind(models.TextChoices):
    MONTHLY_RAKOR = "monthly_rakor", _("Rakor bulanan")  # chaired by the Sekda, every OPD
    CROSS_SECTOR = "cross_sector", _("Rakor lintas sektor")  # quarterly or semi-annual
    LIMITED = "limited", _("Rapat terbatas")  # with the OPDs concerned
    INTERNAL = "internal", _("Rapat internal OPD")


class FrequencyChoice(models.TextChoices):
    MONTHLY = Frequency.MONTHLY.value, _("Bulanan")
    QUARTERLY = Frequency.QUARTERLY.value, _("Triwulanan")
    SEMIANNUAL = Frequency.SEMIANNUAL.value, _("Semesteran")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Terjadwal")
    HELD = "held", _("Terlaksana")  # minutes taken; the commitments memo follows
    CANCELLED = "cancelled", _("Dibatalkan")


class AttendanceLevel(models.TextChoices):
    """Who came for an invited unit ("paling tidak ada yang mewakili")."""

    UNKNOWN = "unknown", _("Belum dicatat")
    HEAD = "head", _("Kepala hadir")
    DEPUTY = "deputy", _("Diwakili pejabat (sekretaris/kabid)")
    STAFF = "staff", _("Diwakili staf")
    ABSENT = "absent", _("Tidak hadir")


class ItemStatusChoice(models.TextChoices):
    OPEN = ItemStatus.OPEN.value, _("Terbuka")
    IN_PROGRESS = ItemStatus.IN_PROGRESS.value, _("Dalam proses")
    DONE = ItemStatus.DONE.value, _("Selesai, menunggu verifikasi")
    VERIFIED = ItemStatus.VERIFIED.value, _("Terverifikasi")
    DROPPED = ItemStatus.DROPPED.value, _("Dibatalkan dengan alasan")


class EvidenceKind(models.TextChoices):
    """What the owner must bring: a document, photos, a link, or figures."""

    DOCUMENT = "document", _("Dokumen (PDF)")
    PHOTO = "photo", _("Foto")
    LINK = "link", _("Tautan")
    DATA = "data", _("Data/angka")


class ComplianceStatus(models.TextChoices):
    NOT_REPORTED = "not_reported", _("Belum melapor")
    COMPLIED = "complied", _("Dilaksanakan")
    PARTIAL = "partial", _("Sebagian")
    NOT_COMPLIED = "not_complied", _("Belum dilaksanakan")
