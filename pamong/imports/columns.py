"""The columns an import file may carry, per kind, in the shape of a SIASN/SIMPEG export.

Headers are matched case- and space-insensitively (``Nip Baru``, ``NIP_BARU`` and
``nip-baru`` are the same column), each column has a canonical header and aliases
(the names other exports use), and columns the file has but Pamong does not know
are ignored (SIASN exports carry dozens). ``docs/imports.md`` documents every
column; keep the two in step.

A column that is *absent* from the file leaves that field of existing rows as it
is; a column that is *present* is authoritative, so an empty cell clears an
optional field.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .choices import ImportKind

_NON_ALNUM = re.compile(r"[^0-9A-Z]+")


def normalize_header(text: str) -> str:
    """``" Nip  Baru "`` → ``"NIP_BARU"``; ``"Kode-Unor"`` → ``"KODE_UNOR"``."""
    return _NON_ALNUM.sub("_", text.upper()).strip("_")


@dataclass(frozen=True)
class Column:
    """One recognised column: its field key, canonical header, aliases and meaning."""

    key: str
    header: str
    description: str | Promise
    aliases: tuple[str, ...] = ()
    required: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return (self.header, *self.aliases)


@dataclass(frozen=True)
class Spec:
    kind: str
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def lookup(self) -> dict[str, Column]:
        return {normalize_header(name): column for column in self.columns for name in column.names}


UNIT_SPEC = Spec(
    ImportKind.UNITS,
    (
        Column(
            "code",
            "KODE_UNOR",
            _("Kode unit organisasi (ID unor SIASN atau kode SIMPEG); kunci impor."),
            ("UNOR_ID", "ID_UNOR", "KODE_UNIT", "KODE_SATKER"),
            required=True,
        ),
        Column("name", "NAMA_UNOR", _("Nama unit."), ("UNOR_NAMA", "NAMA_UNIT", "NAMA_SATKER"), required=True),
        Column(
            "parent_code",
            "KODE_UNOR_INDUK",
            _("Kode unit induk, dari berkas ini atau yang sudah ada; kosong = langsung di bawah pemerintah daerah."),
            ("DIATASAN_ID", "UNOR_INDUK_ID", "KODE_INDUK", "INDUK_UNOR_ID"),
        ),
        Column(
            "kind",
            "JENIS_UNOR",
            _(
                "Jenis unit: Dinas, Badan, Kecamatan, Kelurahan, Bidang, Seksi, Bagian, Subbagian, UPT, Puskesmas, "
                "RSUD, Inspektorat, Sekretariat Daerah, Sekretariat DPRD."
            ),
            ("JENIS_UNIT", "JENIS_UNOR_NAMA"),
            required=True,
        ),
        Column("short_name", "NAMA_SINGKAT", _("Singkatan, mis. DPUPR."), ("SINGKATAN",)),
        Column(
            "cluster_code",
            "KODE_ASISTEN",
            _("Kode klaster Asisten Sekda yang mengoordinasikan unit ini (harus sudah terdaftar)."),
            ("ASISTEN", "KODE_KLASTER"),
        ),
        Column("closed_on", "TANGGAL_TUTUP", _("Tanggal unit ditutup/dilebur; kosong = aktif."), ("TGL_TUTUP",)),
    ),
)

POSITION_SPEC = Spec(
    ImportKind.POSITIONS,
    (
        Column(
            "code",
            "KODE_JABATAN",
            _("Kode jabatan; kunci impor."),
            ("JABATAN_ID", "ID_JABATAN"),
            required=True,
        ),
        Column("name", "NAMA_JABATAN", _("Nama jabatan."), ("JABATAN_NAMA", "JABATAN"), required=True),
        Column(
            "unit_code",
            "KODE_UNOR",
            _("Kode unit tempat jabatan berada (unit harus sudah ada)."),
            ("UNOR_ID", "KODE_UNIT"),
            required=True,
        ),
        Column(
            "position_type",
            "JENIS_JABATAN",
            _("Struktural JPT Pratama, Administrator, Pengawas, Pelaksana atau Fungsional."),
            ("JENIS_JABATAN_NAMA",),
            required=True,
        ),
        Column(
            "eselon",
            "ESELON",
            _("II.a–IV.b untuk jabatan struktural; kosong untuk Pelaksana dan Fungsional."),
            ("ESELON_NAMA", "ESELON_ID"),
        ),
        Column("job_class", "KELAS_JABATAN", _("Kelas jabatan 1–17."), ("KELAS", "KELAS_JAB")),
        Column("duties", "TUPOKSI", _("Tugas pokok dan fungsi."), ("URAIAN_TUGAS", "TUGAS_POKOK")),
        Column(
            "is_head",
            "KEPALA_UNIT",
            _("Y bila jabatan ini kepala unitnya (satu kepala per unit), N atau kosong bila bukan."),
            ("KEPALA", "IS_KEPALA"),
        ),
    ),
)

EMPLOYEE_SPEC = Spec(
    ImportKind.EMPLOYEES,
    (
        Column(
            "nip",
            "NIP_BARU",
            _("NIP 18 digit; kunci impor. Di Excel format kolom sebagai Teks."),
            ("NIP", "NIP18"),
            required=True,
        ),
        Column("nip_lama", "NIP_LAMA", _("NIP lama 9 digit (bila ada).")),
        Column("name", "NAMA", _("Nama tanpa gelar."), ("NAMA_PEGAWAI", "NAMA_LENGKAP"), required=True),
        Column("front_title", "GELAR_DEPAN", _("Gelar depan, mis. Dr. atau Ir.")),
        Column("back_title", "GELAR_BELAKANG", _("Gelar belakang, mis. S.T., M.Si.")),
        Column(
            "kind",
            "JENIS_PEGAWAI",
            _('PNS (termasuk CPNS) atau PPPK; kosong = PPPK bila digit 13–14 NIP "21", selain itu PNS.'),
            ("JENIS_PEGAWAI_NAMA", "STATUS_PEGAWAI", "JENIS_ASN"),
        ),
        Column(
            "grade",
            "GOL_AKHIR",
            _("Golongan/ruang terakhir: III/a untuk PNS, I–XVII untuk PPPK."),
            ("GOLONGAN", "GOL", "GOL_AKHIR_NAMA", "GOL_RUANG", "GOLONGAN_RUANG"),
        ),
        Column(
            "unit_code",
            "KODE_UNOR",
            _("Kode unit tempat pegawai bekerja (unit harus sudah ada)."),
            ("UNOR_ID", "KODE_UNIT"),
            required=True,
        ),
        Column(
            "position_code",
            "KODE_JABATAN",
            _("Kode jabatan yang diduduki (jabatan harus sudah ada); kosong = penugasan tidak diubah."),
            ("JABATAN_ID",),
        ),
        Column(
            "assignment_kind",
            "JENIS_PENUGASAN",
            _("Definitif, Plt atau Plh; kosong = Definitif."),
            ("PENUGASAN", "STATUS_JABATAN"),
        ),
        Column(
            "starts_on",
            "TMT_JABATAN",
            _("Terhitung mulai tanggal jabatan; wajib bila KODE_JABATAN diisi."),
            ("TMT", "TMT_JAB"),
        ),
        Column("email", "EMAIL", _("Alamat surel."), ("EMAIL_GOV", "SUREL")),
        Column("phone", "NOMOR_HP", _("Nomor HP, mis. 081234567890."), ("NO_HP", "HP", "TELEPON", "NOMOR_TELEPON")),
    ),
)

SPECS: dict[str, Spec] = {spec.kind: spec for spec in (UNIT_SPEC, POSITION_SPEC, EMPLOYEE_SPEC)}

#: Example files the upload page offers, one per kind, in ``samples/``; they import cleanly in this order.
SAMPLE_DIR = Path(__file__).resolve().parent / "samples"
SAMPLES: dict[str, str] = {
    ImportKind.UNITS: "units.csv",
    ImportKind.POSITIONS: "positions.csv",
    ImportKind.EMPLOYEES: "employees.xlsx",
}


@dataclass(frozen=True)
class HeaderMatch:
    """How a header row maps onto a spec."""

    indexes: dict[str, int] = field(default_factory=dict)  # column key -> cell index
    labels: dict[str, str] = field(default_factory=dict)  # column key -> header text as written in the file
    missing: tuple[Column, ...] = ()
    duplicates: tuple[tuple[Column, tuple[str, ...]], ...] = ()
    ignored: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.missing and not self.duplicates

    @property
    def present(self) -> frozenset[str]:
        return frozenset(self.indexes)


def match_header(cells: Sequence[str], spec: Spec) -> HeaderMatch:
    """Map the header cells of a file onto ``spec``'s columns."""
    lookup = spec.lookup
    indexes: dict[str, int] = {}
    labels: dict[str, str] = {}
    seen: dict[str, list[str]] = {}
    ignored: list[str] = []
    for index, text in enumerate(cells):
        text = text.strip()
        if not text:
            continue
        column = lookup.get(normalize_header(text))
        if column is None:
            ignored.append(text)
            continue
        seen.setdefault(column.key, []).append(text)
        if column.key not in indexes:
            indexes[column.key] = index
            labels[column.key] = text
    missing = tuple(c for c in spec.columns if c.required and c.key not in indexes)
    duplicates = tuple((spec.column(key), tuple(texts)) for key, texts in seen.items() if len(texts) > 1)
    return HeaderMatch(indexes, labels, missing, duplicates, tuple(ignored))


def label(match: HeaderMatch, spec: Spec, key: str) -> str:
    """The header of ``key`` as the file wrote it, or the canonical header when the file lacks it."""
    return match.labels.get(key) or spec.column(key).header
