"""Choices of scores, likelihood ratings and the consequences register.

The stored values are the ones ``pamong.performance.rules`` uses (``Colour``, ``TrajectoryStatus``,
``Likelihood``, ``EntryStatus``, ``Step``), so a row can be handed to the rules unchanged.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Colour(models.TextChoices):
    GREEN = "green", _("Hijau")  # capaian at or above the tenant's green threshold
    YELLOW = "yellow", _("Kuning")  # at or above the yellow threshold, below green
    RED = "red", _("Merah")  # below the yellow threshold


class TrajectoryStatus(models.TextChoices):
    AHEAD = "ahead", _("Di atas lintasan")  # better than the trajectory to date by more than the tolerance
    ON_TRACK = "on_track", _("Sesuai lintasan")  # within the tolerance of the trajectory to date
    BEHIND = "behind", _("Tertinggal")  # worse than the trajectory to date by more than the tolerance
    NO_DATA = "no_data", _("Belum ada data")  # nothing verified yet up to this period


class ScoreNote(models.TextChoices):
    OK = "", _("Dihitung")  # capaian computed from verified values
    NO_DATA = "no_data", _("Belum ada realisasi terverifikasi")  # counted as missing in the index (tenant policy)
    NOT_DUE = "not_due", _("Belum ada target s.d. periode ini")  # target to date 0: left out of the index
    NO_TRAJECTORY = "no_trajectory", _("Target per periode belum lengkap")  # cannot be measured: left out
    INVALID = "invalid", _("Nilai tidak dapat dihitung")  # a rule refused the values (message in note_text)


class UnitGroup(models.TextChoices):
    OPD = "opd", _("OPD")  # a perangkat daerah: ranked with the other OPDs
    KECAMATAN = "kecamatan", _("Kecamatan")  # ranked with the other kecamatan
    REGION = "region", _("Pemerintah daerah")  # the root (IKU daerah): not ranked


class Likelihood(models.TextChoices):
    GREEN = "green", _("Hijau: akan tercapai")  # on course; no major problems
    AMBER_GREEN = "amber_green", _("Kuning-hijau: ada masalah yang dapat diatasi")  # solvable with attention
    AMBER_RED = "amber_red", _("Kuning-merah: masalah serius")  # serious problems, some not under control
    RED = "red", _("Merah: tidak akan tercapai tanpa tindakan segera")  # unlikely without urgent action


class ConsequenceKind(models.TextChoices):
    RED_STREAK = "red_streak", _("Indikator merah berturut-turut")  # red for N periods in a row
    REPORT_LATE = "report_late", _("Laporan terlambat")  # submitted after its deadline
    REPORT_MISSING = "report_missing", _("Laporan tidak disampaikan")  # deadline passed, nothing submitted
    YEARLY_BELOW_THRESHOLD = "yearly_below", _("Capaian tahunan di bawah ambang: masa perbaikan")  # 6 months


class ConsequenceStatus(models.TextChoices):
    OPEN = "open", _("Terbuka")  # raised by a trigger; nobody has reported on it yet
    IN_PROGRESS = "in_progress", _("Sedang ditindaklanjuti")  # the owner works on the follow-up
    RESOLVED = "resolved", _("Selesai ditindaklanjuti")  # the owner says done; a manager closes or reopens
    CLOSED = "closed", _("Ditutup")  # accepted by a manager; final
    DISMISSED = "dismissed", _("Dibatalkan")  # ended without follow-up, with a reason; final


#: Entries still needing attention (at most one per subject and kind).
ACTIVE_STATUSES = (ConsequenceStatus.OPEN, ConsequenceStatus.IN_PROGRESS, ConsequenceStatus.RESOLVED)


#: The API's status filter: one status, or ``active`` for every entry still needing attention.
CONSEQUENCE_STATUS_FILTERS = [("active", _("Masih aktif")), *ConsequenceStatus.choices]


class ConsequenceStep(models.TextChoices):
    OPENED = "opened", _("Dibuka")  # opened by a trigger (system)
    ASSIGN = "assign", _("Penanggung jawab ditunjuk")  # a new owner
    PROGRESS = "progress", _("Kemajuan dicatat")  # the owner reports what was done
    RESOLVE = "resolve", _("Dinyatakan selesai")  # the owner says the follow-up is done
    REOPEN = "reopen", _("Dibuka kembali")  # a manager does not accept the resolution
    CLOSE = "close", _("Ditutup")  # a manager accepts the resolution
    DISMISS = "dismiss", _("Dibatalkan")  # ended without follow-up, with a reason
