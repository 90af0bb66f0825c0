"""Choices of performance agreements; the values are the ones ``pamong.agreements.rules.workflow`` uses."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .rules.workflow import Document, Party, Status


class AgreementStatus(models.TextChoices):
    DRAFT = Status.DRAFT.value, _("Draf")  # being prepared; editable, nothing signed
    AWAITING = Status.AWAITING.value, _("Menunggu tanda tangan")  # content frozen and hashed; parties sign
    SIGNED = Status.SIGNED.value, _("Berlaku")  # fully signed: the version in force, never edited
    SUPERSEDED = Status.SUPERSEDED.value, _("Digantikan")  # a later version (PK perubahan) came into force
    CANCELLED = Status.CANCELLED.value, _("Dibatalkan")  # an unsigned version abandoned, kept for history


class SignedDocument(models.TextChoices):
    AGREEMENT = Document.AGREEMENT.value, _("Perjanjian kinerja")  # the PK itself
    INTEGRITY_PACT = Document.INTEGRITY_PACT.value, _("Pakta integritas")  # the head's integrity pact


class SignerParty(models.TextChoices):
    HEAD = Party.HEAD.value, _("Pihak pertama (kepala unit)")  # the head of the OPD or the Camat (definitive or Plt)
    REGION_HEAD = Party.REGION_HEAD.value, _("Pihak kedua (Bupati/Wali Kota)")  # the head of region
