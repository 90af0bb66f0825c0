"""Choices of the imports app, each value with its meaning."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    """What one file holds; each kind has its own column set (``columns.py``)."""

    UNITS = "units", _("Unit organisasi")
    POSITIONS = "positions", _("Jabatan")
    EMPLOYEES = "employees", _("Pegawai")


class BatchStatus(models.TextChoices):
    """Where a batch is in its life: uploaded → validating → rejected | applying → applied | failed."""

    UPLOADED = "uploaded", _("Menunggu")  # stored; the background job has not picked it up yet
    VALIDATING = "validating", _("Diperiksa")  # the job is reading and checking every row
    REJECTED = "rejected", _("Ditolak")  # at least one error: nothing was written
    APPLYING = "applying", _("Disimpan")  # the whole file is valid and is being written in one transaction
    APPLIED = "applied", _("Diterapkan")  # written (possibly with no change at all)
    FAILED = "failed", _("Gagal")  # an unexpected failure; the transaction rolled back, nothing was written


#: States in which the job is still working: the detail page keeps polling.
RUNNING_STATUSES = frozenset({BatchStatus.UPLOADED, BatchStatus.VALIDATING, BatchStatus.APPLYING})
