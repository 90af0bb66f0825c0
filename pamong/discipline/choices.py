"""Choices of the discipline app, each value with its meaning."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .rules.sanctions import Sanction


class SanctionChoice(models.TextChoices):
    """PP 94/2021 Pasal 8 (``rules.sanctions``)."""

    R1 = Sanction.R1.value, _("Teguran lisan")
    R2 = Sanction.R2.value, _("Teguran tertulis")
    R3 = Sanction.R3.value, _("Pernyataan tidak puas secara tertulis")
    # xgettext:no-python-format
    S1 = Sanction.S1.value, _("Pemotongan tunjangan kinerja 25% selama 6 bulan")
    # xgettext:no-python-format
    S2 = Sanction.S2.value, _("Pemotongan tunjangan kinerja 25% selama 9 bulan")
    # xgettext:no-python-format
    S3 = Sanction.S3.value, _("Pemotongan tunjangan kinerja 25% selama 12 bulan")
    B1 = Sanction.B1.value, _("Penurunan jabatan setingkat lebih rendah selama 12 bulan")
    B2 = Sanction.B2.value, _("Pembebasan dari jabatan menjadi pelaksana selama 12 bulan")
    B3 = Sanction.B3.value, _("Pemberhentian dengan hormat tidak atas permintaan sendiri")


class LevelChoice(models.TextChoices):
    RINGAN = "ringan", _("Ringan")
    SEDANG = "sedang", _("Sedang")
    BERAT = "berat", _("Berat")


class WarningKind(models.TextChoices):
    BAND = "band", _("Ambang kumulatif tahunan")  # the year's total reached a band of PP 94 Pasal 9–11
    STREAK = "streak", _("10 hari kerja berturut-turut")  # PP 94 Pasal 11(2) d angka 4


class WarningStatus(models.TextChoices):
    OPEN = "open", _("Menunggu tindak lanjut")  # the superior has not acted yet
    CASE_OPENED = "case_opened", _("Kasus dibuka")  # a case was opened from it
    DECLINED = "declined", _("Tidak dilanjutkan, dengan alasan")  # the superior recorded why no case


class CaseOrigin(models.TextChoices):
    LADDER = "ladder", _("Dari rekap kehadiran")  # opened from a warning of the absence ladder
    MANUAL = "manual", _("Dibuka manual")  # a sidak, a complaint, an audit finding


class CaseStatus(models.TextChoices):
    """The case's place in PP 94/2021 Pasal 26–37 and PP 79/2021 (``services.cases``)."""

    OPENED = "opened", _("Dibuka")
    SUMMONED = "summoned", _("Dipanggil")  # summons I sent
    SUMMONED_AGAIN = "summoned_again", _("Dipanggil kedua kali")  # the examinee missed the examination
    # BAP recorded (or decided on the evidence after summons II)
    EXAMINED = "examined", pgettext_lazy("discipline case status", "Diperiksa")
    DECIDED = "decided", _("Diputus")  # the decision is signed
    DELIVERED = "delivered", _("Keputusan diterima")  # the examinee received (or was sent) the decision
    APPEALED = "appealed", _("Upaya administratif")  # keberatan or banding pending
    EFFECTIVE = "effective", _("Berlaku")  # the sanction runs
    ENDED = "ended", _("Selesai dijalani")  # served (or not timed, once effective)
    CLOSED = "closed", _("Ditutup tanpa hukuman")  # closed without a sanction, with reasons


#: Statuses of a case still in progress (the register's "aktif").
OPEN_CASE_STATUSES = (
    CaseStatus.OPENED,
    CaseStatus.SUMMONED,
    CaseStatus.SUMMONED_AGAIN,
    CaseStatus.EXAMINED,
    CaseStatus.DECIDED,
    CaseStatus.DELIVERED,
    CaseStatus.APPEALED,
)


class ExaminerKind(models.TextChoices):
    SUPERIOR = "superior", _("Atasan langsung")
    TEAM = "team", _("Tim Pemeriksa")
    NONE = "none", _("Tanpa pemeriksaan (tidak memenuhi panggilan kedua)")


class TeamRoleChoice(models.TextChoices):
    SUPERIOR = "superior", _("Atasan langsung")
    SUPERVISION = "supervision", _("Unsur pengawasan (Inspektorat)")
    PERSONNEL = "personnel", _("Unsur kepegawaian (BKPSDM)")
    OTHER = "other", _("Lainnya")


class AppealKind(models.TextChoices):
    OBJECTION = "keberatan", _("Keberatan")  # to the superior of the official who decided (PP 79/2021)
    APPEAL = "banding", _("Banding administratif (BPASN)")  # dismissals


class AppealOutcome(models.TextChoices):
    PENDING = "pending", _("Menunggu keputusan")
    CONFIRMED = "confirmed", _("Dikuatkan")
    LIGHTENED = "lightened", _("Diperingan")
    HEAVIER = "heavier", _("Diperberat")
    ANNULLED = "annulled", _("Dibatalkan")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Dikirim ke Asisten")
    REVIEWED = "reviewed", _("Ditelaah Asisten")
