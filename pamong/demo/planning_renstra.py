"""The OPDs' and kecamatan's Renstra in Kabupaten Tanah Bunga's demo plan: static text and figures.

Entries are keyed by the unit tags of ``structure`` (``opd:<slug>``, ``setda``, ``setwan``,
``insp``, ``rsud``); every OPD also gets ``governance(...)``, the usual "akuntabilitas
kinerja" sasaran of a Renstra, and every kecamatan ``kecamatan_renstra(...)``. A sasaran
names the regional target (``S…`` code of ``planning_catalog.TARGETS``) and/or the
priority program (``PP…``/``GR…``) it supports.
"""

from __future__ import annotations

from .planning_catalog import AVG_M, AVG_Q, LAST_Q, SUM_M, SUM_Q, I, IndicatorSpec, S, StrategicSpec

#: The OPD-specific sasaran strategis (the governance one is added to every OPD).
RENSTRA: dict[str, tuple[StrategicSpec, ...]] = {
    "setda": (
        S(
            "Meningkatnya kualitas koordinasi kebijakan dan kehidupan beragama",
            "S1.3.1",
            "PP5",
            I("Rumah ibadah yang menerima bantuan", "unit", "40", "48", SUM_Q, weight="2"),
            I("Rumah tahfiz Al-Qur'an yang dibina", "unit", "12", "16", SUM_Q),
            I("Rekomendasi kebijakan yang ditindaklanjuti", "%", "70", "80"),
        ),
    ),
    "setwan": (
        S(
            "Meningkatnya dukungan pelaksanaan fungsi DPRD",
            "S4.1.1",
            None,
            I("Ranperda yang difasilitasi pembahasannya", "ranperda", "8", "10", SUM_Q, weight="2"),
            I("Risalah rapat DPRD yang selesai tepat waktu", "%", "85", "95", AVG_Q),
            I("Aspirasi masyarakat yang ditindaklanjuti", "%", "72", "80"),
        ),
    ),
    "insp": (
        S(
            "Meningkatnya kualitas pengawasan internal",
            "S4.1.1",
            None,
            I("Tindak lanjut rekomendasi hasil pemeriksaan", "%", "78.5", "85.0", weight="2"),
            I("Level kapabilitas APIP", "level", "2", "3"),
            I("Rata-rata waktu penanganan pengaduan", "hari", "21", "14", AVG_M, low=True),
        ),
    ),
    "opd:disdik": (
        S(
            "Meningkatnya akses pendidikan dasar",
            "S1.1.1",
            "PP1",
            I("Angka partisipasi murni SD/MI", "%", "96.8", "97.5", weight="2"),
            I("Angka partisipasi murni SMP/MTs", "%", "78.4", "80.5"),
            I("Anak tidak sekolah yang kembali bersekolah", "orang", "320", "450", SUM_Q),
            I("Angka putus sekolah SMP", "%", "0.92", "0.70", low=True),
        ),
        S(
            "Meningkatnya mutu pendidik dan pembelajaran",
            "S1.1.1",
            "PP1",
            I("Guru berkualifikasi S1/D-IV", "%", "91.5", "94.0"),
            I("Sekolah terakreditasi minimal B", "%", "82.0", "86.0"),
            I("Guru penggerak yang dilatih", "orang", "60", "90", SUM_Q),
        ),
    ),
    "opd:dinkes": (
        S(
            "Menurunnya angka kematian bayi dan stunting",
            "S1.2.1",
            "PP2",
            I("Angka kematian bayi", "per 1.000 KH", "14.2", "13.5", low=True, weight="2"),
            I("Prevalensi balita stunting", "%", "24.6", "21.5", low=True, weight="2"),
            I("Cakupan kunjungan ibu hamil K6", "%", "78.0", "85.0", AVG_M),
            I("Balita yang ditimbang di posyandu", "%", "72", "80", AVG_M),
        ),
        S(
            "Meningkatnya mutu layanan kesehatan dasar",
            "S1.2.1",
            "PP2",
            I("Puskesmas terakreditasi paripurna", "puskesmas", "4", "7", LAST_Q),
            I("Cakupan kepesertaan JKN", "%", "92.4", "96.0"),
            I("Rata-rata waktu tunggu pasien rawat jalan puskesmas", "menit", "65", "45", AVG_M, low=True),
        ),
    ),
    "rsud": (
        S(
            "Meningkatnya mutu layanan rumah sakit",
            "S1.2.1",
            "PP2",
            I("Rata-rata waktu tunggu rawat jalan", "menit", "95", "60", AVG_M, low=True, weight="2"),
            I("Angka kematian pasien > 48 jam (NDR)", "per mil", "28", "25", AVG_Q, low=True),
            I("Bed occupancy rate", "%", "68", "75", AVG_M),
            I("Indeks kepuasan pasien", "indeks", "79", "82", AVG_Q),
        ),
    ),
    "opd:pupr": (
        S(
            "Meningkatnya kemantapan jalan kabupaten",
            "S2.1.1",
            "PP4",
            I("Panjang jalan kabupaten yang ditingkatkan", "km", "24.5", "32.0", SUM_Q, weight="2"),
            I("Jalan kabupaten dalam kondisi mantap", "%", "68.4", "72.0"),
            I("Realisasi fisik pekerjaan jalan", "%", "97.5", "100", from_zero=True),
        ),
        S(
            "Meningkatnya layanan air minum dan sanitasi",
            "S2.1.2",
            "PP4",
            I("Sambungan rumah air minum baru", "SR", "1200", "1500", SUM_Q),
            I("Rumah tangga dengan akses air minum layak", "%", "87.1", "90.0"),
            I("Rumah tidak layak huni yang direhabilitasi", "unit", "150", "200", SUM_Q),
        ),
    ),
    "opd:dinsos": (
        S(
            "Meningkatnya perlindungan sosial bagi warga miskin",
            "S5.1.1",
            None,
            I("Keluarga penerima manfaat yang dimutakhirkan datanya", "KK", "9000", "11000", SUM_M, weight="2"),
            I("PPKS yang memperoleh rehabilitasi sosial", "orang", "420", "500", SUM_Q),
            I("Bantuan sosial yang tersalur tepat sasaran", "%", "91", "96", AVG_Q),
        ),
    ),
    "opd:dukcapil": (
        S(
            "Meningkatnya cakupan dokumen kependudukan",
            "S4.2.1",
            "PP3",
            I("Penduduk wajib KTP yang memiliki KTP-el", "%", "97.2", "98.5", weight="2"),
            I("Anak yang memiliki akta kelahiran", "%", "90.5", "93.0"),
            I("Rata-rata waktu penerbitan dokumen kependudukan", "hari", "3", "1", AVG_M, low=True),
        ),
    ),
    "opd:dpmd": (
        S(
            "Meningkatnya keberdayaan masyarakat kelurahan",
            "S5.1.1",
            "GR2",
            I("Kegiatan gotong royong kampung bersih", "kegiatan", "480", "672", SUM_M, weight="2"),
            I("Kelurahan dengan LPM aktif", "%", "75", "85"),
            I("Kader pemberdayaan masyarakat yang dilatih", "orang", "112", "168", SUM_Q),
        ),
    ),
    "opd:satpolpp": (
        S(
            "Meningkatnya ketenteraman, ketertiban umum dan perlindungan masyarakat",
            "S5.2.1",
            None,
            I("Gangguan trantibum yang tertangani", "%", "86", "92", AVG_Q, weight="2"),
            I("Pelanggaran perda yang ditindak", "kasus", "160", "200", SUM_M),
            I("Waktu tanggap kebakaran", "menit", "18", "15", AVG_M, low=True),
        ),
    ),
    "opd:dp3a": (
        S(
            "Meningkatnya perlindungan perempuan dan anak",
            "S5.3.1",
            None,
            I("Kasus kekerasan terhadap perempuan dan anak yang tertangani", "%", "88", "95", AVG_Q, weight="2"),
            I("Kelurahan layak anak", "kelurahan", "14", "20", LAST_Q),
            I("Unmet need KB", "%", "11.8", "10.5", low=True),
        ),
    ),
    "opd:pertanian": (
        S(
            "Meningkatnya produksi dan kesejahteraan petani",
            "S3.1.1",
            "PP6",
            I("Produksi padi", "ton", "152000", "160000", SUM_Q, weight="2"),
            I("Nilai tukar petani", "indeks", "101.8", "103.5"),
            I("Luas lahan yang menerima benih unggul", "ha", "4200", "5000", SUM_Q),
            I("Ketersediaan pangan pokok terhadap kebutuhan", "%", "104", "106", AVG_Q),
        ),
    ),
    "opd:perikanan": (
        S(
            "Meningkatnya produksi dan pendapatan nelayan",
            "S3.1.1",
            "PP6",
            I("Produksi perikanan tangkap", "ton", "31000", "32500", SUM_M, weight="2"),
            I("Produksi perikanan budi daya", "ton", "17500", "18500", SUM_Q),
            I("Nelayan yang memiliki kartu KUSUKA", "%", "64", "75"),
        ),
    ),
    "opd:koperindag": (
        S(
            "Meningkatnya daya saing UMKM dan perdagangan",
            "S3.3.1",
            None,
            I("UMKM yang naik kelas", "unit", "120", "150", SUM_Q, weight="2"),
            I("Koperasi aktif yang sehat", "%", "46", "52"),
            I("Disparitas harga bahan pokok antarpasar", "%", "9.5", "8.0", AVG_M, low=True),
        ),
    ),
    "opd:disparpora": (
        S(
            "Meningkatnya kunjungan wisatawan",
            "S3.2.1",
            None,
            I("Jumlah kunjungan wisatawan", "orang", "185000", "210000", SUM_M, weight="2"),
            I("Lama tinggal wisatawan", "hari", "1.6", "1.8", AVG_Q),
            I("Destinasi wisata yang dikelola pokdarwis", "destinasi", "9", "12", LAST_Q),
        ),
    ),
    "opd:dlh": (
        S(
            "Meningkatnya kualitas lingkungan hidup",
            "S2.2.1",
            None,
            I("Indeks kualitas lingkungan hidup", "indeks", "69.8", "71.0", weight="2"),
            I("Sampah yang tertangani", "%", "62", "70", AVG_M),
            I("Pengaduan pencemaran yang diselesaikan", "%", "80", "90"),
        ),
    ),
    "opd:dishub": (
        S(
            "Meningkatnya keselamatan dan layanan transportasi",
            "S2.1.1",
            None,
            I("Angka kecelakaan lalu lintas", "kejadian", "210", "180", SUM_M, low=True, weight="2"),
            I("Kendaraan wajib uji yang lulus uji berkala", "%", "76", "85", AVG_Q),
            I("Rambu dan marka jalan yang terpasang", "unit", "300", "380", SUM_Q),
        ),
    ),
    "opd:dpmptsp": (
        S(
            "Meningkatnya kecepatan dan kepastian pelayanan perizinan",
            "S4.2.1",
            "PP3",
            I("Rata-rata lama waktu pelayanan perizinan", "hari", "5", "3", AVG_M, low=True, weight="3"),
            I("Izin yang terbit tepat waktu", "%", "84", "95", AVG_M, weight="2"),
            I("Indeks kepuasan masyarakat pelayanan perizinan", "indeks", "79.2", "82.0", AVG_Q),
        ),
        S(
            "Meningkatnya investasi dan penempatan tenaga kerja",
            "S3.3.1",
            None,
            I("Nilai realisasi investasi", "Rp miliar", "640", "720", SUM_Q, weight="2"),
            I("Pencari kerja yang ditempatkan", "orang", "1100", "1400", SUM_M),
            I("Tingkat pengangguran terbuka", "%", "4.86", "4.50", low=True),
        ),
    ),
    "opd:kominfo": (
        S(
            "Meningkatnya keterbukaan informasi dan pemerintahan berbasis elektronik",
            "S4.2.1",
            "PP7",
            I("Indeks SPBE", "indeks", "2.45", "2.80", weight="2"),
            I("Pengaduan masyarakat yang dijawab dalam 5 hari kerja", "%", "70", "90", AVG_M),
            I("Dataset yang dibuka di portal satu data", "dataset", "150", "240", SUM_Q),
        ),
    ),
    "opd:arpus": (
        S(
            "Meningkatnya budaya baca dan tertib arsip",
            "S1.1.1",
            None,
            I("Tingkat gemar membaca masyarakat", "nilai", "58.3", "61.0"),
            I("Perangkat daerah yang tertib arsip", "%", "45", "60"),
            I("Arsip statis yang dialihmediakan", "berkas", "2000", "3000", SUM_Q),
        ),
    ),
    "opd:bappeda": (
        S(
            "Meningkatnya kualitas perencanaan dan pengendalian pembangunan",
            "S4.1.1",
            None,
            I("Keselarasan program OPD dengan RPJMD", "%", "82", "95", weight="2"),
            I("Indikator OPD yang dilaporkan tepat waktu", "%", "75", "95", AVG_M),
            I("Dokumen perencanaan yang ditetapkan tepat waktu", "dokumen", "3", "4", SUM_Q),
        ),
    ),
    "opd:bkpsdm": (
        S(
            "Meningkatnya disiplin dan profesionalitas ASN",
            "S4.1.2",
            "GR1",
            I("ASN yang memenuhi ketentuan jam kerja", "%", "88.5", "95.0", AVG_M, weight="3"),
            I("ASN yang dijatuhi hukuman disiplin", "orang", "36", "24", SUM_Q, low=True),
            I("Indeks profesionalitas ASN", "indeks", "68.0", "71.0"),
            I("Rata-rata waktu layanan kenaikan pangkat", "hari", "14", "7", AVG_Q, low=True),
        ),
    ),
    "opd:bpkad": (
        S(
            "Meningkatnya akuntabilitas pengelolaan keuangan dan aset daerah",
            "S4.1.1",
            None,
            I("Opini BPK atas LKPD (WTP = 4)", "skor", "4", "4", weight="2"),
            I("Realisasi belanja daerah", "%", "92.4", "95", from_zero=True),
            I("Aset tanah yang bersertifikat", "%", "58", "66"),
        ),
    ),
    "opd:bapenda": (
        S(
            "Meningkatnya pendapatan asli daerah",
            "S4.3.1",
            None,
            I("Realisasi pajak daerah", "Rp miliar", "96", "110", SUM_M, weight="3"),
            I("Realisasi retribusi daerah", "Rp miliar", "18", "21", SUM_M),
            I("Tunggakan PBB-P2 yang tertagih", "%", "22", "30"),
        ),
    ),
    "opd:kesbangpol": (
        S(
            "Meningkatnya kewaspadaan dan harmoni sosial",
            "S5.2.1",
            None,
            I("Konflik sosial yang tertangani", "%", "90", "100", weight="2"),
            I("Forum kerukunan yang aktif", "forum", "10", "12", LAST_Q),
            I("Pemilih pemula yang mengikuti pendidikan politik", "orang", "1500", "2000", SUM_Q),
        ),
    ),
    "opd:bpbd": (
        S(
            "Meningkatnya ketangguhan masyarakat menghadapi bencana",
            "S5.2.1",
            None,
            I("Indeks risiko bencana", "indeks", "142.5", "136.0", low=True, weight="2"),
            I("Kelurahan tangguh bencana", "kelurahan", "8", "12", LAST_Q),
            I("Waktu tanggap darurat bencana", "jam", "6", "3", AVG_Q, low=True),
        ),
    ),
    "opd:brida": (
        S(
            "Meningkatnya inovasi daerah",
            "S4.2.1",
            "PP7",
            I("Inovasi daerah yang diterapkan", "inovasi", "35", "50", SUM_Q, weight="2"),
            I("Indeks inovasi daerah", "nilai", "52", "58"),
            I("Hasil kajian yang dipakai dalam kebijakan", "%", "40", "55"),
        ),
    ),
}

#: Indicators kept on an OPD's list without any link upward: the tree warns about them ("Indikator yatim").
ORPHANS: dict[str, tuple[IndicatorSpec, ...]] = {
    "opd:arpus": (I("Pengunjung perpustakaan keliling", "orang", "5200", "6000", SUM_M),),
    "opd:disparpora": (I("Festival budaya lokal yang diselenggarakan", "kegiatan", "4", "6", SUM_Q),),
    "opd:kesbangpol": (I("Organisasi kemasyarakatan yang terdaftar", "ormas", "86", "90", LAST_Q),),
}


def governance(short_name: str) -> StrategicSpec:
    """The "akuntabilitas kinerja" sasaran every OPD's Renstra carries."""
    return S(
        f"Meningkatnya akuntabilitas kinerja dan kualitas layanan {short_name}",
        "S4.1.1",
        None,
        I("Nilai SAKIP perangkat daerah", "nilai", "62.5", "65.0"),
        I("Realisasi anggaran", "%", "93.1", "95", from_zero=True),
        I("Indeks kepuasan masyarakat", "indeks", "77.5", "80.0", AVG_Q),
    )


def kecamatan_renstra(name: str) -> tuple[StrategicSpec, ...]:
    """A kecamatan's Renstra: its services (Tanah Bunga Prima) and its kelurahan (gotong royong, trantibum)."""
    return (
        S(
            f"Meningkatnya kualitas pelayanan administrasi di Kecamatan {name}",
            "S4.2.1",
            "PP3",
            I("Rata-rata waktu penyelesaian layanan administrasi", "hari", "3", "2", AVG_M, low=True, weight="2"),
            I("Layanan administrasi yang selesai tepat waktu", "%", "85", "95", AVG_M),
            I("Dokumen layanan yang diterbitkan", "dokumen", "1800", "2100", SUM_M),
        ),
        S(
            f"Meningkatnya ketenteraman dan partisipasi masyarakat di Kecamatan {name}",
            "S5.2.1",
            None,
            I("Kelurahan yang melapor bulanan tepat waktu", "%", "70", "100", AVG_M),
            I("Kegiatan gotong royong kampung bersih", "kegiatan", "40", "56", SUM_M, program="GR2"),
            I("Pengaduan masyarakat yang ditindaklanjuti", "%", "75", "90"),
        ),
    )
