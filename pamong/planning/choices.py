"""Choices of the planning cascade.

The stored values are the ones ``pamong.performance.rules`` accepts, so an
indicator's definition can be handed to the achievement rules unchanged.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PeriodStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")  # being prepared; not yet the plan in force
    ACTIVE = "active", _("Berlaku")  # the plan in force; at most one per tenant
    # "Selesai" alone is ambiguous for translators (done? finished? closed?): the context says it is a status.
    CLOSED = "closed", pgettext_lazy("period status", "Selesai")  # a past plan, kept for history


class ProgramKind(models.TextChoices):
    PROGRAM = "program", _("Program prioritas")  # e.g. one of the "7 program pokok"
    MOVEMENT = "gerakan", _("Gerakan")  # a movement (gerakan) led by an OPD


class IndicatorLevel(models.TextChoices):
    REGIONAL = "regional", _("IKU daerah")  # a regional key indicator, placed on the tenant's root unit
    OPD = "opd", _("Indikator OPD")  # an OPD's (or kecamatan's) Renstra indicator


class Polarity(models.TextChoices):
    MAXIMIZE = "maximize", _("Semakin tinggi semakin baik")  # capaian = realisasi / target
    MINIMIZE = "minimize", _("Semakin rendah semakin baik")  # e.g. licensing time in days
    STABILIZE = "stabilize", _("Stabil pada target")  # best when realisation equals the target


class LowerIsBetterFormula(models.TextChoices):
    MAJALENGKA = "majalengka", _("(2 × target − realisasi) / target")  # rules.md §5.3, S-Majalengka
    TARGET_OVER_ACTUAL = "target_over_actual", _("target / realisasi")  # the other common formula


class Aggregation(models.TextChoices):
    CUMULATIVE = "cumulative", _("Kumulatif (dijumlahkan)")  # periods add up to the annual figure
    LATEST = "latest", _("Nilai terakhir")  # the latest period's value is the annual figure
    AVERAGE = "average", _("Rata-rata")  # the mean of the periods is the annual figure


class PeriodKind(models.TextChoices):
    MONTHLY = "monthly", _("Bulanan")  # 12 periods a year
    QUARTERLY = "quarterly", _("Triwulanan")  # 4 periods a year (TW I–IV)


PERIODS_PER_YEAR = {PeriodKind.MONTHLY: 12, PeriodKind.QUARTERLY: 4}

MONTH_NAMES = (
    _("Januari"),
    _("Februari"),
    _("Maret"),
    _("April"),
    _("Mei"),
    _("Juni"),
    _("Juli"),
    _("Agustus"),
    _("September"),
    _("Oktober"),
    _("November"),
    _("Desember"),
)
QUARTER_NAMES = (_("Triwulan I"), _("Triwulan II"), _("Triwulan III"), _("Triwulan IV"))


def period_label(period_kind: str, period_no: int) -> str:
    """The Indonesian name of a period: a month or a quarter."""
    names = MONTH_NAMES if period_kind == PeriodKind.MONTHLY else QUARTER_NAMES
    return str(names[period_no - 1])
