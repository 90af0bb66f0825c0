"""The two fictional demo regions: Kabupaten Tanah Bunga (WITA) and Kota Teluk Sunyi (WIT).

Neither exists; their region codes (73.90, 91.79) belong to no real kabupaten or
kota. Tanah Bunga is a large kabupaten with tipe A perangkat daerah (PP 18/2016):
17 dinas and 7 badan, each with a sekretariat (III.a) and 4 bidang (III.b); 5 in
the four largest (Pendidikan dan Kebudayaan, Kesehatan, PUPR, BPKAD) and in the
three that merge two urusan (Satpol PP dan Damkar, DP3A, Pertanian dan Ketahanan
Pangan); 3 in BPBD, whose bidang the disaster rules fix. Besides: an RSUD kelas B,
and 12 kecamatan with 56 kelurahan. Its SOTK makes the lurah an Administrator
(III.b), which rules.md §9.3 leaves to the local SOTK; Kota Teluk Sunyi keeps the
usual Pengawas (IV.a). Eselon III: 58 III.a (10 bagian Setda, 4 Setwan, sekretaris
and 5 inspektur pembantu of the Inspektorat, 24 sekretaris, 2 Wakil Direktur, 12
camat) and 176 III.b (102 bidang, 6 RSUD bagian and bidang, 12 sekretaris
kecamatan, 56 lurah): 234. The Asisten clusters follow rules.md §10.3.
"""

from __future__ import annotations

from pamong.org.choices import OrgUnitKind

from .catalog import Opd, RegionSpec
from .opds import OPDS

D, B = OrgUnitKind.DINAS.value, OrgUnitKind.BADAN.value

#: Kecamatan and their kelurahan (the first is the regency capital).
KECAMATAN = (
    (
        "Bunga Tengah",
        (
            "Tanah Bunga",
            "Mekar Sari",
            "Taman Sari",
            "Bukit Indah",
            "Pasar Baru",
            "Kota Lama",
            "Bunga Rampai",
            "Taman Kencana",
        ),
    ),
    ("Melati", ("Melati Jaya", "Sungai Jernih", "Padang Lestari", "Melati Hilir", "Melati Hulu", "Rawa Indah")),
    ("Cempaka", ("Cempaka Putih", "Batu Putih", "Lembah Hijau", "Sumber Rejeki", "Cempaka Baru")),
    ("Kenanga", ("Kenanga Raya", "Tanjung Harapan", "Kenanga Hilir")),
    ("Seroja", ("Seroja Indah", "Karang Lestari", "Pasir Putih", "Seroja Permai", "Tanjung Seroja")),
    ("Teratai", ("Teratai Baru", "Kampung Baru", "Labuang Indah", "Teratai Indah", "Danau Teduh")),
    ("Kamboja", ("Kamboja Permai", "Bonto Lestari", "Kamboja Baru")),
    ("Asoka", ("Asoka Jaya", "Sukamaju", "Tanjung Baru", "Padang Raya", "Asoka Indah", "Pematang Sari")),
    ("Dahlia", ("Dahlia Asri", "Kebun Sirih", "Dahlia Permai")),
    ("Flamboyan", ("Flamboyan Indah", "Bukit Harapan", "Sawah Lebar", "Flamboyan Baru", "Bukit Merah")),
    ("Bakung", ("Bakung Raya", "Padang Bakung", "Bakung Indah")),
    ("Pulau Kembang", ("Pulau Kembang", "Pantai Bahari", "Karang Tengah", "Teluk Kembang")),
)

TANAH_BUNGA = RegionSpec(
    name="Kabupaten Tanah Bunga",
    seat="Tanah Bunga",
    region_code="73.90",
    time_zone="Asia/Makassar",
    head_title="Bupati",
    opds=OPDS,
    kecamatan=KECAMATAN,
    lurah_eselon="III.b",
)

# --- Kota Teluk Sunyi: the small second tenant -------------------------------------------------

TELUK_SUNYI = RegionSpec(
    name="Kota Teluk Sunyi",
    seat="Teluk Sunyi",
    region_code="91.79",
    time_zone="Asia/Jayapura",
    head_title="Wali Kota",
    opds=(
        Opd(
            "disdik",
            D,
            "Dinas Pendidikan",
            "Disdik",
            "Kepala Dinas Pendidikan",
            None,
            ("Pembinaan Sekolah Dasar",),
            edu="guru",
            staff_weight=0.0,
        ),
        Opd(
            "dinkes",
            D,
            "Dinas Kesehatan",
            "Dinkes",
            "Kepala Dinas Kesehatan",
            None,
            ("Pelayanan Kesehatan",),
            edu="dokter",
            staff_weight=0.0,
        ),
        Opd(
            "bkpsdm",
            B,
            "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            "BKPSDM",
            "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            None,
            ("Mutasi dan Pengembangan Aparatur",),
            staff_weight=1.0,
        ),
    ),
    kecamatan=(
        ("Teluk Tenang", ("Pantai Damai", "Bukit Sunyi")),
        ("Tanjung Senja", ("Senja Indah", "Kampung Nelayan")),
    ),
    setda_bagian=(
        ("", "Bagian Pemerintahan dan Hukum", ("Pemerintahan", "Hukum")),
        ("", "Bagian Umum dan Keuangan", ("Umum", "Keuangan")),
    ),
    clusters=(),
    has_council_secretariat=False,
    has_hospital=False,
    irban=("Inspektur Pembantu Wilayah I",),
    staff_shares={"disdik": 0.4, "dinkes": 0.25},
)
