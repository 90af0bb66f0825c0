"""Choices of the people app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .rules.assignments import HoldingKind
from .rules.kinds import EmployeeKind, Gender


class EmployeeKindChoice(models.TextChoices):
    """ASN types (UU 20/2023): PNS hold a permanent appointment, PPPK a contract."""

    PNS = EmployeeKind.PNS.value, _("PNS")
    PPPK = EmployeeKind.PPPK.value, _("PPPK")


class GenderChoice(models.TextChoices):
    MALE = Gender.MALE.value, _("Laki-laki")
    FEMALE = Gender.FEMALE.value, _("Perempuan")


class AssignmentKind(models.TextChoices):
    """How a person holds a post."""

    DEFINITIVE = HoldingKind.DEFINITIVE.value, _("Definitif")  # appointed by SK to the post
    PLT = HoldingKind.PLT.value, _("Plt")  # pelaksana tugas: acting while the post is vacant (longer)
    PLH = HoldingKind.PLH.value, _("Plh")  # pelaksana harian: acting while the holder is briefly away
