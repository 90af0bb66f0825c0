"""Choices of the attendance app; each value's meaning in its comment."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduleKind(models.TextChoices):
    FIXED_WEEK = "fixed_week", _("Pekan tetap")  # the same hours every week (5- or 6-day), with holidays off
    ROSTER = "roster", _("Jadwal dinas (shift)")  # 24-hour units: each day's shift comes from the roster


class HolidayKind(models.TextChoices):
    NATIONAL = "national", _("Libur nasional")  # SKB 3 Menteri: national public holiday
    CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")  # SKB 3 Menteri: collective leave (counts against annual leave)
    LOCAL = "local", _("Libur daerah")  # declared by the regency (e.g. its anniversary)


class PunchSource(models.TextChoices):
    DEVICE = "device", _("Mesin (ADMS)")  # pushed by a fingerprint/face device over ADMS (iclock)
    FILE = "file", _("Berkas")  # imported from a .dat, CSV or Excel file
    MOBILE = "mobile", _("Aplikasi/web")  # the web/mobile check-in page (PWA), with location
    MANUAL = "manual", _("Input manual")  # entered by an attendance officer, with a reason


class BatchSource(models.TextChoices):
    DEVICE = "device", _("Kiriman mesin")
    FILE = "file", _("Unggahan berkas")
    MOBILE = "mobile", _("Presensi aplikasi")
    MANUAL = "manual", _("Input manual")


class CommandStatus(models.TextChoices):
    QUEUED = "queued", _("Antre")  # waiting for the device's next poll
    SENT = "sent", _("Terkirim")  # handed to the device, no result yet
    SUCCEEDED = "succeeded", _("Berhasil")  # the device answered Return=0
    FAILED = "failed", _("Gagal")  # the device answered a negative Return
    CANCELLED = "cancelled", _("Dibatalkan")  # withdrawn before it was sent


class ExcuseKind(models.TextChoices):
    LEAVE = "leave", _("Cuti")  # PP 11/2017 leave, with its kind in ``leave_kind``
    SICK = "sick", _("Sakit")  # sick without taking sick leave (short, with a note)
    DUTY_TRAVEL = "duty_travel", _("Dinas luar")  # official duty away from the office (SPT)
    PERMIT = "permit", _("Izin")  # a permit, whole day or part of a day
    DISPENSATION = "dispensation", _("Dispensasi")  # dispensation granted by the head
    WFH = "wfh", _("WFH/FWA")  # work from home / flexible working arrangement day


class ExcuseStatus(models.TextChoices):
    REQUESTED = "requested", _("Diajukan")  # waiting for the direct superior
    APPROVED = "approved", _("Disetujui")  # counts as a valid reason for the days it covers
    REJECTED = "rejected", _("Ditolak")  # refused by the superior, with a reason
    CANCELLED = "cancelled", _("Dibatalkan")  # withdrawn by the requester, or revoked with a reason


class DayStatusChoice(models.TextChoices):
    """One employee-day's status (mirrors ``rules.daystatus.DayStatus``)."""

    PRESENT = "present", _("Hadir")
    LATE = "late", _("Terlambat")
    EARLY_LEAVE = "early_leave", _("Pulang cepat")
    LATE_AND_EARLY_LEAVE = "late_and_early_leave", _("Terlambat dan pulang cepat")
    MISSING_CHECK_OUT = "missing_check_out", _("Tidak presensi pulang")
    ABSENT = "absent", _("Tanpa keterangan")
    EXCUSED = "excused", _("Berketerangan")
    OFF = "off", _("Libur")


class AnomalyKind(models.TextChoices):
    SHARED_COORDINATES = "shared_coordinates", _("Koordinat sama dipakai beberapa ASN")
    REPEATED_COORDINATES = "repeated_coordinates", _("Koordinat identik berulang")
    IMPOSSIBLE_TRAVEL = "impossible_travel", _("Perpindahan mustahil")
    SHARED_DEVICE = "shared_device", _("Satu perangkat untuk banyak akun")
    MOCK_LOCATION = "mock_location", _("Lokasi palsu terdeteksi")
    CLOCK_DRIFT = "clock_drift", _("Jam mesin menyimpang")


class AnomalyStatus(models.TextChoices):
    OPEN = "open", _("Perlu ditinjau")  # raised by the nightly job, nobody has looked yet
    DISMISSED = "dismissed", _("Wajar")  # reviewed: explained, no action
    CONFIRMED = "confirmed", _("Terbukti")  # reviewed: a real abuse, handed to discipline (issue 5)
