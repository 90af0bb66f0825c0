"""Choices of the organisation app, each value with its meaning."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .rules.echelons import Eselon, PositionType


class OrgUnitKind(models.TextChoices):
    """What kind of unit a node of the tree is (PP 18/2016 on Perangkat Daerah)."""

    REGION = "region", _("Pemerintah daerah")  # the root: the kabupaten/kota itself
    SECRETARIAT = "secretariat", _("Sekretariat Daerah")
    COUNCIL_SECRETARIAT = "council_secretariat", _("Sekretariat DPRD")
    INSPECTORATE = "inspectorate", _("Inspektorat")
    DINAS = "dinas", _("Dinas")
    BADAN = "badan", _("Badan")
    KECAMATAN = "kecamatan", _("Kecamatan")
    KELURAHAN = "kelurahan", _("Kelurahan")
    UPT = "upt", _("UPT / Puskesmas")
    HOSPITAL = "hospital", _("RSUD")
    BAGIAN = "bagian", _("Bagian")
    BIDANG = "bidang", _("Bidang")
    SUBBAGIAN = "subbagian", _("Subbagian")
    SEKSI = "seksi", _("Seksi")


#: Kinds that are a perangkat daerah (OPD) in their own right: the unit whose head signs agreements.
OPD_KINDS = frozenset(
    {
        OrgUnitKind.SECRETARIAT,
        OrgUnitKind.COUNCIL_SECRETARIAT,
        OrgUnitKind.INSPECTORATE,
        OrgUnitKind.DINAS,
        OrgUnitKind.BADAN,
        OrgUnitKind.KECAMATAN,
        OrgUnitKind.HOSPITAL,
    }
)


class PositionTypeChoice(models.TextChoices):
    """Position types under UU ASN (see rules.echelons)."""

    JPT_PRATAMA = PositionType.JPT_PRATAMA.value, _("JPT Pratama")
    ADMINISTRATOR = PositionType.ADMINISTRATOR.value, _("Administrator")
    PENGAWAS = PositionType.PENGAWAS.value, _("Pengawas")
    PELAKSANA = PositionType.PELAKSANA.value, _("Pelaksana")
    FUNGSIONAL = PositionType.FUNGSIONAL.value, _("Fungsional")


class EselonChoice(models.TextChoices):
    """Structural echelons (PP 100/2000 as amended by PP 13/2002); V.a is abolished."""

    I_A = Eselon.I_A.value, "I.a"
    I_B = Eselon.I_B.value, "I.b"
    II_A = Eselon.II_A.value, "II.a"
    II_B = Eselon.II_B.value, "II.b"
    III_A = Eselon.III_A.value, "III.a"
    III_B = Eselon.III_B.value, "III.b"
    IV_A = Eselon.IV_A.value, "IV.a"
    IV_B = Eselon.IV_B.value, "IV.b"
