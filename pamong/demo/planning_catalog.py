"""What Kabupaten Tanah Bunga's RPJMD 2025–2030 says: static text and figures, no randomness.

``planning_plan`` turns this into a plan (jittering the figures by seed and drawing the
trajectories); the wording follows the regents in ``shared/seeds`` ("7 program pokok",
gerakan, "ASN adalah pelayan masyarakat", targets that can be measured: licensing
time, tourist visits, poverty). Figures are a plausible kabupaten's, not a real one's.

An indicator's figures are the condition at the start (``baseline``) and the 2026
target, as strings so their number of decimals is the precision of the trajectory.
The OPDs' Renstra is in ``planning_renstra``.
"""

from __future__ import annotations

from dataclasses import dataclass

CUMULATIVE, LATEST, AVERAGE = "cumulative", "latest", "average"
MONTHLY, QUARTERLY = "monthly", "quarterly"
SUM_M, SUM_Q = (CUMULATIVE, MONTHLY), (CUMULATIVE, QUARTERLY)
LAST_M, LAST_Q = (LATEST, MONTHLY), (LATEST, QUARTERLY)
AVG_M, AVG_Q = (AVERAGE, MONTHLY), (AVERAGE, QUARTERLY)
BPS = "BPS Kabupaten Tanah Bunga"


@dataclass(frozen=True)
class IndicatorSpec:
    """``low``: lower is better (Majalengka formula unless ``ratio``: target / realisasi); ``from_zero``: a
    ``LATEST`` progress figure (budget or physical realisation) whose trajectory climbs from 0, not the baseline."""

    name: str
    unit: str
    baseline: str
    target: str
    how: tuple[str, str] = LAST_Q
    low: bool = False
    ratio: bool = False
    weight: str = "1"
    source: str = ""
    program: str | None = None
    from_zero: bool = False


I = IndicatorSpec  # noqa: E741 - a short name keeps the catalogue one indicator per line


@dataclass(frozen=True)
class StrategicSpec:
    text: str
    regional: str | None
    program: str | None
    indicators: tuple[IndicatorSpec, ...]


@dataclass(frozen=True)
class TargetSpec:
    code: str
    text: str
    ikus: tuple[IndicatorSpec, ...]


@dataclass(frozen=True)
class ProgramSpec:
    code: str
    name: str
    kind: str
    owner: str  # unit tag
    description: str


NAME = "RPJMD 2025–2030"
START_YEAR, END_YEAR, TARGET_YEAR = 2025, 2030, 2026
VISION = (
    "Terwujudnya Tanah Bunga Mekar: Maju, Sejahtera, Religius dan Berdaya Saing, "
    "dengan Pemerintahan yang Melayani, Bukan Dilayani"
)

MISSIONS = (
    "Meningkatkan kualitas sumber daya manusia yang cerdas, sehat dan religius",
    "Membangun infrastruktur yang merata, mantap dan berwawasan lingkungan",
    "Mengembangkan ekonomi kerakyatan berbasis pertanian, kelautan, pariwisata dan UMKM",
    "Mewujudkan pemerintahan yang bersih, terbuka, disiplin dan melayani",
    "Meningkatkan kesejahteraan sosial, ketenteraman dan ketangguhan masyarakat",
)

#: (mission number, code, text)
GOALS = (
    (1, "T1.1", "Meningkatkan kualitas pendidikan"),
    (1, "T1.2", "Meningkatkan derajat kesehatan masyarakat"),
    (1, "T1.3", "Meningkatkan kehidupan beragama yang rukun"),
    (2, "T2.1", "Meningkatkan kualitas dan pemerataan infrastruktur"),
    (2, "T2.2", "Meningkatkan kualitas lingkungan hidup"),
    (3, "T3.1", "Meningkatkan pertumbuhan ekonomi daerah yang inklusif"),
    (3, "T3.2", "Meningkatkan daya tarik pariwisata daerah"),
    (3, "T3.3", "Memperluas kesempatan kerja dan investasi"),
    (4, "T4.1", "Mewujudkan birokrasi yang bersih dan akuntabel"),
    (4, "T4.2", "Meningkatkan kualitas pelayanan publik"),
    (4, "T4.3", "Meningkatkan kemandirian keuangan daerah"),
    (5, "T5.1", "Menurunkan kemiskinan dan ketimpangan"),
    (5, "T5.2", "Meningkatkan ketenteraman dan ketangguhan bencana"),
    (5, "T5.3", "Meningkatkan kualitas hidup perempuan dan anak"),
)

#: The regional targets (sasaran RPJMD) with their IKU daerah; the goal is the code's first two parts.
TARGETS = (
    TargetSpec(
        "S1.1.1",
        "Meningkatnya akses dan mutu pendidikan",
        (
            I("Rata-rata lama sekolah", "tahun", "8.12", "8.35", source=BPS),
            I("Harapan lama sekolah", "tahun", "12.95", "13.10", source=BPS),
        ),
    ),
    TargetSpec(
        "S1.2.1",
        "Menurunnya angka kematian bayi dan prevalensi stunting",
        (
            I("Angka kematian bayi", "per 1.000 KH", "14.2", "13.5", low=True, source="Dinas Kesehatan"),
            I("Prevalensi balita stunting", "%", "24.6", "21.5", low=True, source="SSGI"),
        ),
    ),
    TargetSpec(
        "S1.3.1",
        "Meningkatnya kerukunan dan pengamalan nilai agama",
        (I("Indeks kerukunan umat beragama", "indeks", "76.5", "78.0", source="Kementerian Agama"),),
    ),
    TargetSpec(
        "S2.1.1",
        "Meningkatnya kemantapan jalan dan jembatan kabupaten",
        (I("Persentase jalan kabupaten dalam kondisi mantap", "%", "68.4", "72.0", source="Dinas PUPRPKP"),),
    ),
    TargetSpec(
        "S2.1.2",
        "Meningkatnya akses air minum dan sanitasi layak",
        (
            I("Rumah tangga dengan akses air minum layak", "%", "87.1", "90.0", source=BPS),
            I("Rumah tangga dengan akses sanitasi layak", "%", "79.3", "82.5", source=BPS),
        ),
    ),
    TargetSpec(
        "S2.2.1",
        "Meningkatnya kualitas lingkungan hidup",
        (I("Indeks kualitas lingkungan hidup", "indeks", "69.8", "71.0", source="KLHK"),),
    ),
    TargetSpec(
        "S3.1.1",
        "Meningkatnya produktivitas pertanian dan perikanan",
        (
            I("Nilai tukar petani", "indeks", "101.8", "103.5", source=BPS),
            I("Produksi perikanan tangkap dan budi daya", "ton", "48500", "51000", SUM_Q),
        ),
    ),
    TargetSpec(
        "S3.2.1",
        "Meningkatnya kunjungan wisatawan",
        (I("Jumlah kunjungan wisatawan", "orang", "185000", "210000", SUM_M),),
    ),
    TargetSpec(
        "S3.3.1",
        "Menurunnya pengangguran dan meningkatnya investasi",
        (
            I("Tingkat pengangguran terbuka", "%", "4.86", "4.50", low=True, source=BPS),
            I("Nilai realisasi investasi", "Rp miliar", "640", "720", SUM_Q),
        ),
    ),
    TargetSpec(
        "S4.1.1",
        "Meningkatnya akuntabilitas kinerja pemerintah daerah",
        (
            I("Nilai SAKIP Pemerintah Kabupaten", "nilai", "64.2", "67.0", source="KemenPAN-RB"),
            I("Indeks Reformasi Birokrasi", "indeks", "62.1", "65.0", source="KemenPAN-RB"),
        ),
    ),
    TargetSpec(
        "S4.1.2",
        "Meningkatnya disiplin dan profesionalitas ASN",
        (
            I("Indeks profesionalitas ASN", "indeks", "68.0", "71.0", source="BKN"),
            I("ASN yang memenuhi ketentuan jam kerja", "%", "88.5", "95.0", AVG_M),
        ),
    ),
    TargetSpec(
        "S4.2.1",
        "Meningkatnya kepuasan masyarakat atas pelayanan publik",
        (
            I("Indeks kepuasan masyarakat", "indeks", "78.4", "81.0", AVG_Q),
            I("Indeks SPBE", "indeks", "2.45", "2.80", source="KemenPAN-RB"),
        ),
    ),
    TargetSpec(
        "S4.3.1",
        "Meningkatnya pendapatan asli daerah",
        (I("Rasio PAD terhadap pendapatan daerah", "%", "8.2", "9.5", source="BPKAD"),),
    ),
    TargetSpec(
        "S5.1.1",
        "Menurunnya angka kemiskinan",
        (
            I("Persentase penduduk miskin", "%", "12.36", "11.50", low=True, source=BPS),
            I("Indeks Gini", "indeks", "0.362", "0.355", low=True, ratio=True, source=BPS),
        ),
    ),
    TargetSpec(
        "S5.2.1",
        "Meningkatnya ketenteraman, ketertiban umum dan ketangguhan bencana",
        (
            I("Gangguan trantibum yang tertangani", "%", "86", "92"),
            I("Indeks risiko bencana", "indeks", "142.5", "136.0", low=True, source="BNPB"),
        ),
    ),
    TargetSpec(
        "S5.3.1",
        "Meningkatnya pemberdayaan perempuan dan perlindungan anak",
        (I("Indeks pembangunan gender", "indeks", "91.2", "92.0", source=BPS),),
    ),
)

PROGRAMS = (
    ProgramSpec("PP1", "Tanah Bunga Cerdas", "program", "opd:disdik", "Sekolah gratis, beasiswa dan guru penggerak"),
    ProgramSpec("PP2", "Tanah Bunga Sehat", "program", "opd:dinkes", "Puskesmas prima dan penurunan stunting"),
    ProgramSpec("PP3", "Tanah Bunga Prima", "program", "opd:dpmptsp", "Pelayanan publik prima: cepat, pasti, daring"),
    ProgramSpec("PP4", "Infrastruktur Mantap", "program", "opd:pupr", "Jalan mantap dan air bersih sampai kelurahan"),
    ProgramSpec("PP5", "Tanah Bunga Religius", "program", "setda", "Rumah ibadah, rumah tahfiz dan kerukunan"),
    ProgramSpec("PP6", "Petani dan Nelayan Bangkit", "program", "opd:pertanian", "Benih, alat dan pasar hasil tani"),
    ProgramSpec("PP7", "Pemerintahan Terbuka", "program", "opd:kominfo", "Data terbuka, SPBE dan layanan pengaduan"),
    ProgramSpec("GR1", "Gerakan Disiplin ASN", "gerakan", "opd:bkpsdm", "ASN hadir tepat waktu dan melayani"),
    ProgramSpec("GR2", "Gerakan Gotong Royong Kampung Bersih", "gerakan", "opd:dpmd", "Kerja bakti bulanan"),
)


def S(text: str, regional: str | None, program: str | None, *indicators: IndicatorSpec) -> StrategicSpec:
    return StrategicSpec(text, regional, program, indicators)
