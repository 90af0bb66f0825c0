"""The standard texts of the performance agreement (PK) and the integrity pact, and how parties are titled.

Sources:
- PermenPANRB 53/2014 (Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas
  Laporan Kinerja Instansi Pemerintah), lampiran format PK, in force since 2014 [M: paraphrased from the
  form as pemda publish it]. In that form the lower official (the head of the OPD or Camat) is the
  **pihak pertama** who promises the targets, and the superior (the Bupati / Wali Kota) is the **pihak
  kedua** who supervises and evaluates (ADR 0015).
- PermenPANRB 49/2011 (Pedoman Umum Pakta Integritas di Lingkungan Kementerian, Lembaga dan Pemerintah
  Daerah), lampiran: the seven statements of the pakta integritas [M].

The texts are Indonesian whatever the user's language: they are the official document, and the statements
of the pact are part of the hashed content. ``PK_FORM`` / ``PACT_FORM`` name the version of each text; a
change of wording is a new form name, never an edit, so older signed documents keep their text.

Pure module: no Django, no clock, no I/O.
"""

from __future__ import annotations

from decimal import Decimal

from .content import decimal_text

PK_FORM = "permenpanrb-53-2014"
PACT_FORM = "permenpanrb-49-2011"

#: The opening of the PK before the two parties are named.
PK_OPENING = (
    "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta berorientasi "
    "pada hasil, kami yang bertanda tangan di bawah ini:"
)
PK_FIRST_PARTY_SUFFIX = "selanjutnya disebut pihak pertama."
PK_SECOND_PARTY_SUFFIX = "selaku atasan pihak pertama, selanjutnya disebut pihak kedua."
#: The promises after the parties are named.
PK_PROMISES = (
    "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian ini, "
    "dalam rangka mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam dokumen "
    "perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab kami.",
    "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap capaian "
    "kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka pemberian penghargaan "
    "dan sanksi.",
)

PACT_OPENING = "Saya yang bertanda tangan di bawah ini:"
PACT_PREAMBLE = (
    "dalam rangka mewujudkan pemerintahan yang bersih dan bebas dari korupsi, kolusi dan nepotisme, dengan ini "
    "menyatakan bahwa saya:"
)


def pact_statements(unit_name: str, region_name: str) -> tuple[str, ...]:
    """The seven statements of the pakta integritas, with the signer's agency named (PermenPANRB 49/2011)."""
    agency = f"{unit_name} {region_name}".strip()
    return (
        "Berperan secara pro aktif dalam upaya pencegahan dan pemberantasan korupsi, kolusi dan nepotisme "
        "serta tidak melibatkan diri dalam perbuatan tercela;",
        "Tidak meminta atau menerima pemberian secara langsung atau tidak langsung berupa suap, hadiah, "
        "bantuan, atau bentuk lainnya yang tidak sesuai dengan ketentuan yang berlaku;",
        "Bersikap transparan, jujur, obyektif, dan akuntabel dalam melaksanakan tugas;",
        "Menghindari pertentangan kepentingan (conflict of interest) dalam pelaksanaan tugas;",
        "Memberi contoh dalam kepatuhan terhadap peraturan perundang-undangan dalam melaksanakan tugas, "
        "terutama kepada pegawai yang berada di bawah pengawasan saya dan sesama pegawai di lingkungan kerja "
        "saya secara konsisten;",
        f"Akan menyampaikan informasi penyimpangan integritas di {agency} serta turut menjaga kerahasiaan "
        "saksi atas pelanggaran peraturan yang dilaporkannya;",
        "Bila saya melanggar hal-hal tersebut di atas, saya siap menghadapi konsekuensinya.",
    )


def region_name(tenant_name: str) -> str:
    """The region without its kind: ``"Kabupaten Uji"`` → ``"Uji"``, ``"Kota Lain"`` → ``"Lain"``."""
    for prefix in ("Kabupaten ", "Kab. ", "Kota "):
        if tenant_name.startswith(prefix):
            return tenant_name[len(prefix) :].strip()
    return tenant_name.strip()


def region_head_title(tenant_name: str) -> str:
    """The head of region's title: ``"Bupati Uji"`` for a kabupaten, ``"Wali Kota Lain"`` for a kota."""
    if tenant_name.startswith("Kota "):
        return f"Wali Kota {region_name(tenant_name)}"
    return f"Bupati {region_name(tenant_name)}"


def government_name(tenant_name: str) -> str:
    """The first line of the letterhead: ``"PEMERINTAH KABUPATEN UJI"``."""
    name = tenant_name.strip()
    if name.startswith("Kab. "):
        name = "Kabupaten " + name[len("Kab. ") :]
    return f"PEMERINTAH {name}".upper()


def head_title(position_name: str, *, acting: bool) -> str:
    """The head's post as printed; an acting head (Plt) is ``"Plt. Kepala Dinas Pendidikan"``."""
    name = position_name.strip()
    return f"Plt. {name}" if acting and not name.lower().startswith("plt") else name


def document_title(year: int, version: int) -> str:
    """``PERJANJIAN KINERJA TAHUN 2026``; a revision is ``PERJANJIAN KINERJA PERUBAHAN TAHUN 2026``."""
    kind = "PERJANJIAN KINERJA" if version <= 1 else "PERJANJIAN KINERJA PERUBAHAN"
    return f"{kind} TAHUN {year}"


def number_id(value: Decimal) -> str:
    """``Decimal("12345.5")`` → ``"12.345,5"``: Indonesian digit grouping on the document."""
    text = decimal_text(value)
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def rupiah(value: int) -> str:
    return "Rp " + f"{value:,}".replace(",", ".")
