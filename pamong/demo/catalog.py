"""The building blocks of the demo regions: staff jobs, standard units, and the region spec.

Static data only: ``regions`` lists the two regions (``opds`` the dinas and
badan of Tanah Bunga), ``structure`` turns them into units and posts. The
organisation follows PP 18/2016 on Perangkat Daerah (rules.md §10) for a large
kabupaten with tipe A perangkat daerah: a Sekretariat Daerah with three Asisten
and ten bagian, a Sekretariat DPRD with four bagian, an Inspektorat with a
sekretariat and five inspektur pembantu (four wilayah and one khusus), dinas and
badan with a sekretariat and 4 bidang (5 in the largest, 3 in BPBD), an RSUD
kelas B (two Wakil Direktur over six bagian and bidang), and kecamatan with
kelurahan. Which OPD each Asisten coordinates follows the typical set of rules.md
§10.3 (Pendidikan, Kesehatan and the RSUD as "kesra" under Asisten I).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Job:
    """A staff (non-structural) post: pelaksana or fungsional, at one level.

    ``level`` picks the grade band (see ``roster.LEVELS``); ``edu`` the
    education and academic titles (see ``names.EDUCATION``); ``pppk`` the relative
    chance that a holder is a PPPK rather than a PNS (0: never).
    """

    name: str
    level: str
    edu: str
    weight: float = 1.0
    female: float = 0.5
    pppk: float = 0.5

    @property
    def position_type(self) -> str:
        return "pelaksana" if self.level.startswith("pelaksana") else "fungsional"


Bidang = str | tuple[str, tuple[str, ...]]


@dataclass(frozen=True)
class Opd:
    """One dinas, badan or similar OPD: its bidang, special units and staff jobs.

    ``bidang`` entries are a name, or ``(name, seksi names)`` when the seksi are
    given; otherwise the seksi names follow ``SEKSI_PATTERNS``.
    """

    slug: str
    kind: str
    name: str
    short_name: str
    head: str
    cluster: str | None
    bidang: tuple[Bidang, ...]
    edu: str = "admin"
    staff_weight: float = 0.6
    jobs: tuple[Job, ...] = ()
    upts: tuple[str, ...] = ()
    secretariat: str = "Sekretaris"


# --- staff jobs --------------------------------------------------------------------------------

OFFICE_JOBS = (
    Job("Pengadministrasi Perkantoran", "pelaksana_sma", "sma", 16, 0.5, 1.0),
    Job("Pengolah Data dan Informasi", "pelaksana_d3", "d3", 12, 0.55, 1.0),
    Job("Penata Layanan Operasional", "pelaksana_s1", "admin", 14, 0.55, 0.8),
    Job("Pengelola Umum Operasional", "pelaksana_sma", "sma", 6, 0.3, 1.0),
    Job("Operator Layanan Operasional", "pelaksana_sma", "sma", 6, 0.4, 1.0),
    Job("Penelaah Teknis Kebijakan", "pelaksana_s1", "admin", 8, 0.5, 0.5),
    Job("Arsiparis Terampil", "terampil", "d3", 2, 0.6, 0.3),
    Job("Pranata Komputer Ahli Pertama", "ahli_pertama", "komputer", 2, 0.35, 0.5),
    Job("Perencana Ahli Pertama", "ahli_pertama", "ekonomi", 2, 0.5, 0.3),
    Job("Analis Kebijakan Ahli Pertama", "ahli_pertama", "admin", 3, 0.5, 0.3),
    Job("Analis Kebijakan Ahli Muda", "ahli_muda", "admin", 2, 0.45, 0.0),
    Job("Pengelola Pengadaan Barang/Jasa Ahli Pertama", "ahli_pertama", "ekonomi", 1, 0.4, 0.0),
)

TEACHER_JOBS = (
    Job("Guru Ahli Pertama", "ahli_pertama", "guru", 44, 0.68, 1.6),
    Job("Guru Ahli Muda", "ahli_muda", "guru", 30, 0.66, 0.3),
    Job("Guru Ahli Madya", "ahli_madya", "guru", 14, 0.6, 0.0),
    Job("Pengelola Layanan Sekolah", "pelaksana_sma", "sma", 8, 0.45, 0.6),
    Job("Pengawas Sekolah Ahli Madya", "ahli_madya", "guru", 2, 0.45, 0.0),
    Job("Penilik Ahli Muda", "ahli_muda", "guru", 2, 0.5, 0.0),
)

HEALTH_CENTRE_JOBS = (
    Job("Perawat Terampil", "terampil", "perawat_d3", 18, 0.72, 1.4),
    Job("Perawat Ahli Pertama", "ahli_pertama", "ners", 10, 0.75, 1.4),
    Job("Bidan Terampil", "terampil", "bidan_d3", 16, 1.0, 1.4),
    Job("Bidan Ahli Pertama", "ahli_pertama", "bidan_s", 5, 1.0, 1.0),
    Job("Dokter Ahli Pertama", "ahli_pertama", "dokter", 5, 0.6, 0.6),
    Job("Dokter Ahli Muda", "ahli_muda", "dokter", 2, 0.55, 0.0),
    Job("Dokter Gigi Ahli Pertama", "ahli_pertama", "dokter_gigi", 2, 0.7, 0.6),
    Job("Apoteker Ahli Pertama", "ahli_pertama", "apoteker", 2, 0.75, 1.0),
    Job("Asisten Apoteker Terampil", "terampil", "farmasi_d3", 3, 0.75, 1.0),
    Job("Sanitarian Terampil", "terampil", "kesling", 4, 0.55, 1.0),
    Job("Nutrisionis Terampil", "terampil", "gizi", 4, 0.85, 1.0),
    Job("Pranata Laboratorium Kesehatan Terampil", "terampil", "lab", 4, 0.7, 1.0),
    Job("Penyuluh Kesehatan Masyarakat Ahli Pertama", "ahli_pertama", "skm", 3, 0.7, 0.8),
    Job("Epidemiolog Kesehatan Ahli Pertama", "ahli_pertama", "skm", 1, 0.6, 0.3),
    Job("Perekam Medis Terampil", "terampil", "rekam_medis", 3, 0.65, 1.0),
    Job("Pengadministrasi Perkantoran", "pelaksana_sma", "sma", 8, 0.5, 1.0),
)

HOSPITAL_JOBS = (
    Job("Perawat Terampil", "terampil", "perawat_d3", 22, 0.7, 1.2),
    Job("Perawat Ahli Pertama", "ahli_pertama", "ners", 14, 0.72, 1.2),
    Job("Perawat Ahli Muda", "ahli_muda", "ners", 4, 0.7, 0.0),
    Job("Bidan Terampil", "terampil", "bidan_d3", 8, 1.0, 1.2),
    Job("Dokter Ahli Pertama", "ahli_pertama", "dokter", 5, 0.55, 0.5),
    Job("Dokter Ahli Madya", "ahli_madya", "spesialis", 5, 0.45, 0.0),
    Job("Apoteker Ahli Pertama", "ahli_pertama", "apoteker", 2, 0.75, 1.0),
    Job("Radiografer Terampil", "terampil", "radiologi", 2, 0.4, 1.0),
    Job("Fisioterapis Terampil", "terampil", "fisio", 2, 0.6, 1.0),
    Job("Pranata Laboratorium Kesehatan Terampil", "terampil", "lab", 3, 0.7, 1.0),
    Job("Perekam Medis Terampil", "terampil", "rekam_medis", 3, 0.65, 1.0),
    Job("Nutrisionis Terampil", "terampil", "gizi", 2, 0.85, 1.0),
    Job("Pengadministrasi Perkantoran", "pelaksana_sma", "sma", 8, 0.5, 1.0),
)

AUDIT_JOBS = (
    Job("Auditor Ahli Pertama", "ahli_pertama", "ekonomi", 8, 0.5, 0.0),
    Job("Auditor Ahli Muda", "ahli_muda", "ekonomi", 5, 0.45, 0.0),
    Job("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Pertama", "ahli_pertama", "admin", 5, 0.5, 0.0),
    Job("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Muda", "ahli_muda", "hukum", 3, 0.45, 0.0),
)

#: Staff posts held by the demo's own logins, created whatever the number of employees.
RESERVED_JOBS = {
    "asn.pendidikan": Job("Guru Ahli Pertama", "ahli_pertama", "guru", female=1.0, pppk=0.0),
    "asn.kesehatan": Job("Perawat Ahli Pertama", "ahli_pertama", "ners", female=1.0, pppk=0.0),
    "verifikator.bappeda": Job("Perencana Ahli Muda", "ahli_muda", "ekonomi", female=0.0, pppk=0.0),
    "perencana.bappeda": Job("Perencana Ahli Madya", "ahli_madya", "ekonomi", female=1.0, pppk=0.0),
    "verifikator.inspektorat": Job("Auditor Ahli Muda", "ahli_muda", "ekonomi", female=1.0, pppk=0.0),
    "admin.bkpsdm": Job("Analis Sumber Daya Manusia Aparatur Ahli Muda", "ahli_muda", "admin", female=0.0, pppk=0.0),
    "operator.pendidikan": Job("Perencana Ahli Pertama", "ahli_pertama", "ekonomi", female=1.0, pppk=0.0),
    "admin.teluksunyi": Job("Analis Sumber Daya Manusia Aparatur Ahli Pertama", "ahli_pertama", "admin", female=1.0),
}


def jobs_of(*specs: tuple[str, str, str, float]) -> tuple[Job, ...]:
    return tuple(Job(name, level, edu, weight, 0.45, 0.4) for name, level, edu, weight in specs)


# --- Kabupaten Tanah Bunga ---------------------------------------------------------------------

SEKSI_PATTERNS = (
    "Seksi Perencanaan dan Data {topic}",
    "Seksi Pembinaan {topic}",
    "Seksi Pengendalian dan Evaluasi {topic}",
)

#: The three Asisten clusters (code, numeral, name, the Staf Ahli of the same field).
CLUSTERS = (
    ("AS-I", "I", "Asisten Pemerintahan dan Kesejahteraan Rakyat", "Pemerintahan, Hukum dan Politik"),
    ("AS-II", "II", "Asisten Perekonomian dan Pembangunan", "Ekonomi, Keuangan dan Pembangunan"),
    ("AS-III", "III", "Asisten Administrasi Umum", "Kemasyarakatan dan Sumber Daya Manusia"),
)

#: Bagian of the Sekretariat Daerah: (cluster, name, subbagian).
SETDA_BAGIAN = (
    ("AS-I", "Bagian Tata Pemerintahan", ("Pemerintahan Umum", "Otonomi Daerah", "Kerja Sama")),
    (
        "AS-I",
        "Bagian Kesejahteraan Rakyat",
        ("Bina Mental dan Spiritual", "Kesejahteraan Sosial", "Pendidikan dan Kesehatan"),
    ),
    ("AS-I", "Bagian Hukum", ("Perundang-undangan", "Bantuan Hukum", "Dokumentasi dan Informasi Hukum")),
    ("AS-II", "Bagian Perekonomian dan Sumber Daya Alam", ("Perekonomian", "Sumber Daya Alam", "BUMD dan BLUD")),
    (
        "AS-II",
        "Bagian Administrasi Pembangunan",
        ("Penyusunan Program", "Pengendalian Program", "Evaluasi dan Pelaporan"),
    ),
    ("AS-II", "Bagian Pengadaan Barang/Jasa", ("Pengelolaan Pengadaan", "Layanan Pengadaan Secara Elektronik")),
    ("AS-III", "Bagian Umum", ("Tata Usaha Pimpinan", "Rumah Tangga", "Perlengkapan")),
    (
        "AS-III",
        "Bagian Organisasi",
        ("Kelembagaan dan Analisis Jabatan", "Tata Laksana", "Kinerja dan Reformasi Birokrasi"),
    ),
    ("AS-III", "Bagian Protokol dan Komunikasi Pimpinan", ("Protokol", "Komunikasi Pimpinan", "Dokumentasi Pimpinan")),
    ("AS-III", "Bagian Perencanaan dan Keuangan", ("Perencanaan", "Keuangan", "Verifikasi")),
)

SETWAN_BAGIAN = (
    ("Bagian Umum dan Keuangan", ("Umum", "Keuangan")),
    ("Bagian Persidangan dan Perundang-undangan", ("Persidangan dan Risalah", "Perundang-undangan")),
    ("Bagian Fasilitasi Penganggaran dan Pengawasan", ("Fasilitasi Penganggaran", "Fasilitasi Pengawasan")),
    ("Bagian Hubungan Masyarakat dan Protokol", ("Hubungan Masyarakat", "Protokol")),
)

INSPECTORATE_IRBAN = (
    "Inspektur Pembantu Wilayah I",
    "Inspektur Pembantu Wilayah II",
    "Inspektur Pembantu Wilayah III",
    "Inspektur Pembantu Wilayah IV",
    "Inspektur Pembantu Khusus",
)

#: RSUD (kelas B): its name, the two Wakil Direktur (III.a) and the bagian/bidang (III.b) under them.
HOSPITAL_NAME = ("Rumah Sakit Umum Daerah Tanah Bunga", "RSUD", "Direktur Rumah Sakit Umum Daerah Tanah Bunga")
HOSPITAL_DEPUTIES = ("Wakil Direktur Umum dan Keuangan", "Wakil Direktur Pelayanan")
HOSPITAL_BAGIAN = ("Bagian Umum dan Kepegawaian", "Bagian Keuangan", "Bagian Perencanaan dan Program")
HOSPITAL_BIDANG = ("Bidang Pelayanan Medik", "Bidang Keperawatan", "Bidang Penunjang")

SECRETARIAT_SUBBAG_A = ("Umum dan Kepegawaian", "Keuangan", "Perencanaan dan Pelaporan")
SECRETARIAT_SUBBAG_B = ("Umum dan Kepegawaian", "Perencanaan dan Keuangan")

KECAMATAN_SEKSI = (
    "Seksi Pemerintahan",
    "Seksi Ketenteraman dan Ketertiban Umum",
    "Seksi Pemberdayaan Masyarakat dan Desa",
    "Seksi Kesejahteraan Sosial",
)
KECAMATAN_JOBS = jobs_of(
    ("Pengelola Layanan Kependudukan", "pelaksana_sma", "sma", 4),
    ("Penata Kelola Pemerintahan", "pelaksana_s1", "stp", 3),
)
SETDA_JOBS = jobs_of(
    ("Analis Hukum Ahli Pertama", "ahli_pertama", "hukum", 3),
    ("Perancang Peraturan Perundang-undangan Ahli Pertama", "ahli_pertama", "hukum", 2),
    ("Analis Kebijakan Ahli Muda", "ahli_muda", "admin", 3),
    ("Pranata Hubungan Masyarakat Ahli Pertama", "ahli_pertama", "admin", 2),
    ("Pengelola Pengadaan Barang/Jasa Ahli Muda", "ahli_muda", "ekonomi", 2),
    ("Pengemudi", "pelaksana_sma", "sma", 4),
)

#: Share of the staff (non-structural employees) by where they work; the rest is spread by ``staff_weight``.
STAFF_SHARES = {"disdik": 0.50, "dinkes": 0.15, "rsud": 0.07}


@dataclass(frozen=True)
class RegionSpec:
    """What a demo region is made of; ``structure`` builds its units and posts from it."""

    name: str
    seat: str
    region_code: str
    time_zone: str
    head_title: str
    opds: tuple[Opd, ...]
    kecamatan: tuple[tuple[str, tuple[str, ...]], ...]
    setda_bagian: tuple[tuple[str, str, tuple[str, ...]], ...] = SETDA_BAGIAN
    clusters: tuple[tuple[str, str, str, str], ...] = CLUSTERS
    has_council_secretariat: bool = True
    has_hospital: bool = True
    irban: tuple[str, ...] = INSPECTORATE_IRBAN
    lurah_eselon: str = "IV.a"  # "IV.a" (Pengawas) or "III.b" (Administrator): the local SOTK decides
    staff_shares: dict[str, float] = field(default_factory=lambda: dict(STAFF_SHARES))
