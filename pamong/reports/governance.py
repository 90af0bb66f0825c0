"""The optional figures of each section of a Camat's governance report (ADR 0018).

Figures are counts a Camat already keeps (PATEN registers, trantibum logs, village
reports), so that kecamatan can be compared period by period; every figure is optional.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from .choices import GovernanceTopic


@dataclass(frozen=True)
class Figure:
    code: str
    label: Any  # a lazy translation
    unit: Any


FIGURES: dict[str, tuple[Figure, ...]] = {
    GovernanceTopic.PUBLIC_SERVICE: (
        Figure("services", _("Layanan PATEN yang diselesaikan"), _("layanan")),
        Figure("services_on_time", _("Layanan selesai tepat waktu"), _("layanan")),
        Figure("complaints", _("Pengaduan masyarakat yang diterima"), _("pengaduan")),
    ),
    GovernanceTopic.ORDER: (
        Figure("incidents", _("Kejadian gangguan ketenteraman dan ketertiban"), _("kejadian")),
        Figure("incidents_handled", _("Kejadian yang sudah ditangani"), _("kejadian")),
        Figure("enforcement", _("Kegiatan penegakan Perda/Perkada"), _("kegiatan")),
    ),
    GovernanceTopic.EMPOWERMENT: (
        Figure("activities", _("Kegiatan pemberdayaan masyarakat"), _("kegiatan")),
        Figure("participants", _("Warga yang terlibat"), _("orang")),
    ),
    GovernanceTopic.VILLAGE_GUIDANCE: (
        Figure("villages", _("Desa/kelurahan di kecamatan"), _("desa/kelurahan")),
        Figure("village_reports", _("Desa yang menyampaikan laporan penggunaan dana desa"), _("desa")),
        Figure("guidance_visits", _("Kunjungan pembinaan ke desa/kelurahan"), _("kunjungan")),
    ),
    GovernanceTopic.COORDINATION: (
        Figure("meetings", _("Rapat koordinasi (Forkopimcam, lintas sektor)"), _("rapat")),
        Figure("opd_activities", _("Kegiatan perangkat daerah yang dikoordinasikan"), _("kegiatan")),
    ),
}

#: The sections in the order the report shows them.
TOPICS: tuple[str, ...] = tuple(GovernanceTopic.values)


def figures_of(topic: str) -> tuple[Figure, ...]:
    return FIGURES.get(topic, ())
