"""The Indonesian text of the demo's performance year: budget programmes, narratives, reasons and notes.

All fictional, written the way an OPD's operator, a verifier at Bappeda or Inspektorat, a Camat and
the Sekda write them. Programme names follow the nomenclature of Kepmendagri 050-5889/2021.
"""

from __future__ import annotations

#: Every OPD's first programme (salaries, offices, planning): the largest line of its budget.
SUPPORT_PROGRAM = "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"

#: The programmes of each OPD (by its catalogue tag) after the support programme.
PROGRAMS: dict[str, tuple[str, ...]] = {
    "setda": ("Program Pemerintahan dan Kesejahteraan Rakyat", "Program Perekonomian dan Pembangunan"),
    "setwan": ("Program Dukungan Pelaksanaan Tugas dan Fungsi DPRD",),
    "insp": ("Program Penyelenggaraan Pengawasan", "Program Perumusan Kebijakan, Pendampingan dan Asistensi"),
    "rsud": ("Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat",),
    "opd:disdik": ("Program Pengelolaan Pendidikan", "Program Pendidik dan Tenaga Kependidikan"),
    "opd:dinkes": (
        "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat",
        "Program Peningkatan Kapasitas Sumber Daya Manusia Kesehatan",
    ),
    "opd:pupr": (
        "Program Penyelenggaraan Jalan",
        "Program Pengelolaan dan Pengembangan Sistem Penyediaan Air Minum",
        "Program Kawasan Permukiman",
    ),
    "opd:dinsos": ("Program Rehabilitasi Sosial", "Program Perlindungan dan Jaminan Sosial"),
    "opd:dukcapil": ("Program Pendaftaran Penduduk", "Program Pencatatan Sipil"),
    "opd:dpmd": ("Program Pemberdayaan Lembaga Kemasyarakatan, Lembaga Adat dan Masyarakat Hukum Adat",),
    "opd:satpolpp": (
        "Program Peningkatan Ketenteraman dan Ketertiban Umum",
        "Program Pencegahan, Penanggulangan, Penyelamatan Kebakaran dan Penyelamatan Non Kebakaran",
    ),
    "opd:dp3a": ("Program Perlindungan Perempuan", "Program Pemenuhan Hak Anak (PHA)"),
    "opd:pertanian": (
        "Program Penyediaan dan Pengembangan Sarana Pertanian",
        "Program Peningkatan Diversifikasi dan Ketahanan Pangan Masyarakat",
    ),
    "opd:perikanan": ("Program Pengelolaan Perikanan Tangkap", "Program Pengelolaan Perikanan Budidaya"),
    "opd:koperindag": (
        "Program Pemberdayaan Usaha Menengah, Usaha Kecil, dan Usaha Mikro (UMKM)",
        "Program Stabilisasi Harga Barang Kebutuhan Pokok dan Barang Penting",
    ),
    "opd:disparpora": (
        "Program Peningkatan Daya Tarik Destinasi Pariwisata",
        "Program Pengembangan Kapasitas Daya Saing Keolahragaan",
    ),
    "opd:dlh": (
        "Program Pengelolaan Persampahan",
        "Program Pengendalian Pencemaran dan/atau Kerusakan Lingkungan Hidup",
    ),
    "opd:dishub": ("Program Penyelenggaraan Lalu Lintas dan Angkutan Jalan (LLAJ)",),
    "opd:dpmptsp": ("Program Pelayanan Penanaman Modal", "Program Penempatan Tenaga Kerja"),
    "opd:kominfo": ("Program Aplikasi Informatika", "Program Informasi dan Komunikasi Publik"),
    "opd:arpus": ("Program Pembinaan Perpustakaan", "Program Pengelolaan Arsip"),
    "opd:bappeda": ("Program Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah",),
    "opd:bkpsdm": ("Program Kepegawaian Daerah", "Program Pengembangan Sumber Daya Manusia"),
    "opd:bpkad": ("Program Pengelolaan Keuangan Daerah", "Program Pengelolaan Barang Milik Daerah"),
    "opd:bapenda": ("Program Pengelolaan Pendapatan Daerah",),
    "opd:kesbangpol": (
        "Program Peningkatan Peran Partai Politik dan Lembaga Pendidikan Melalui Pendidikan Politik dan "
        "Pengembangan Etika serta Budaya Politik",
    ),
    "opd:bpbd": ("Program Penanggulangan Bencana",),
    "opd:brida": ("Program Penelitian dan Pengembangan Daerah",),
}
KECAMATAN_PROGRAMS = (
    "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
    "Program Pemberdayaan Masyarakat Desa dan Kelurahan",
    "Program Koordinasi Ketenteraman dan Ketertiban Umum",
)

REVISION_REASON = (
    "Penyesuaian pagu program setelah penetapan Peraturan Daerah tentang Perubahan APBD Tahun Anggaran 2026 "
    "(September 2026); target kinerja tetap, pagu program berubah."
)

#: Why a verifier returned a report ({indicator}: the indicator in question).
RETURN_REASONS = (
    "Bukti dukung realisasi {indicator} belum dilampirkan. Mohon unggah rekap dari aplikasi sumber data, "
    "ditandatangani kepala bidang.",
    "Realisasi {indicator} berbeda dengan rekap sumber data per akhir periode. Mohon diperiksa kembali dan "
    "dijelaskan di kolom keterangan.",
    "Narasi permasalahan dan rencana tindak lanjut belum diisi, padahal {indicator} belum mencapai target periode ini.",
    "Angka {indicator} melonjak dibanding periode lalu tanpa penjelasan. Lampirkan dokumen pendukung atau "
    "perbaiki angkanya.",
)
GOVERNANCE_RETURN_REASON = (
    "Jumlah layanan PATEN yang diselesaikan tidak sama dengan rekap register layanan kecamatan. Mohon "
    "disesuaikan dan lampirkan rekap register."
)

#: (problems, causes, solutions, follow_up) of a report whose indicators are all on target.
NARRATIVE_GOOD = (
    (
        "Tidak ada kendala berarti pada periode ini.",
        "-",
        "-",
        "Mempertahankan capaian dan menjaga ketepatan waktu pelaporan data dari bidang/UPT.",
    ),
    (
        "Seluruh indikator mencapai target periode ini.",
        "Kegiatan berjalan sesuai rencana aksi.",
        "-",
        "Melanjutkan kegiatan sesuai rencana aksi triwulan berikutnya.",
    ),
    (
        "Keterlambatan kecil dalam pengumpulan data dari beberapa UPT.",
        "Petugas data di UPT merangkap tugas pelayanan.",
        "Rekap data dikirim melalui formulir daring bersama.",
        "Menetapkan petugas data di setiap UPT dengan surat tugas kepala dinas.",
    ),
)
#: A report with an indicator below target ({indicator}).
NARRATIVE_BEHIND = (
    (
        "Realisasi {indicator} masih di bawah target periode ini.",
        "Sebagian kegiatan pendukung baru dapat dilaksanakan setelah pencairan anggaran tahap berikutnya.",
        "Kegiatan dijadwalkan ulang dan dipadatkan pada bulan berikutnya.",
        "Memantau realisasi {indicator} setiap minggu dalam rapat internal dinas.",
    ),
    (
        "Capaian {indicator} belum sesuai rencana.",
        "Data dari lapangan terlambat masuk dan sebagian belum tervalidasi.",
        "Validasi data dipercepat bersama petugas di kecamatan.",
        "Koordinasi dengan kecamatan dan penyedia data setiap dua minggu.",
    ),
)
#: Narratives of the indicators that stay red (by indicator name): why, in the unit's own words.
NARRATIVE_RED: dict[str, tuple[str, str, str, str]] = {
    "Realisasi fisik pekerjaan jalan": (
        "Realisasi fisik pekerjaan jalan jauh di bawah rencana.",
        "Tender dua paket peningkatan jalan gagal dan harus diulang; kontrak baru ditandatangani Agustus. "
        "Musim hujan datang lebih awal.",
        "Penyedia diminta menambah peralatan dan shift kerja; pengawasan lapangan setiap minggu.",
        "Rapat percepatan bersama Bagian Pengadaan dan penyedia setiap Senin; laporan kemajuan mingguan ke Sekda.",
    ),
    "Sambungan rumah air minum baru": (
        "Pemasangan sambungan rumah baru jauh di bawah target.",
        "Pipa distribusi belum terpasang di dua kelurahan karena pengadaan pipa terlambat.",
        "Pengadaan pipa dipercepat melalui e-katalog; pemasangan dimulai dari kelurahan yang jaringannya siap.",
        "Pemantauan mingguan bersama PDAM.",
    ),
    "Keluarga penerima manfaat yang dimutakhirkan datanya": (
        "Pemutakhiran data keluarga penerima manfaat tertinggal sejak Juni.",
        "Aplikasi pemutakhiran data kesejahteraan sosial pusat sering tidak dapat diakses; operator desa "
        "belum semua dilatih versi baru.",
        "Pemutakhiran dilakukan luring lalu diunggah bertahap; pelatihan operator desa gelombang kedua.",
        "Target pemutakhiran per kecamatan ditetapkan dan dipantau setiap minggu.",
    ),
    "Nelayan yang memiliki kartu KUSUKA": (
        "Penerbitan kartu KUSUKA tertunda.",
        "Migrasi sistem pendaftaran pelaku usaha kelautan dan perikanan di tingkat pusat; verifikasi data "
        "nelayan memakan waktu.",
        "Pendaftaran jemput bola di tempat pelelangan ikan bersama penyuluh perikanan.",
        "Koordinasi dengan kementerian; target pendaftaran per desa pesisir.",
    ),
}

#: A note on a value that is not on target ({indicator}).
VALUE_NOTES = (
    "Data sementara; angka final menunggu rekap akhir periode.",
    "Sesuai rekap aplikasi sumber data per akhir periode.",
    "Beberapa kegiatan bergeser ke periode berikutnya.",
)

#: A Camat's governance report: variants of (summary, problems, follow_up) per section, with {kecamatan}, {period}.
GOVERNANCE: dict[str, tuple[tuple[str, str, str], ...]] = {
    "public_service": (
        (
            "Pelayanan administrasi terpadu kecamatan (PATEN) berjalan setiap hari kerja di Kecamatan {kecamatan}; "
            "layanan surat keterangan, rekomendasi dan legalisasi dilayani di satu loket.",
            "Antrean menumpuk pada hari Senin; jaringan internet kantor kecamatan beberapa kali terputus.",
            "Menambah satu petugas loket pada hari Senin dan mengajukan perbaikan jaringan ke Diskominfo-SP.",
        ),
        (
            "Layanan PATEN Kecamatan {kecamatan} selama {period} dilayani di loket dan melalui layanan jemput bola "
            "di kelurahan terjauh dua kali sebulan.",
            "Blangko KTP-el sempat kosong dua minggu sehingga sebagian permohonan tertunda.",
            "Koordinasi dengan Disdukcapil; pemohon diberi surat keterangan pengganti sementara.",
        ),
    ),
    "order": (
        (
            "Patroli ketenteraman bersama Trantib kecamatan, Babinsa dan Bhabinkamtibmas dilaksanakan setiap "
            "minggu selama {period}.",
            "Masih ada pedagang yang berjualan di bahu jalan di sekitar pasar.",
            "Sosialisasi Perda ketertiban umum kepada pedagang bersama Satpol PP dan penataan lokasi berjualan.",
        ),
        (
            "Pengamanan kegiatan keagamaan dan hari besar nasional di Kecamatan {kecamatan} berjalan tertib.",
            "Dua kali terjadi perkelahian antarpemuda saat acara malam hari.",
            "Mediasi oleh Camat bersama tokoh masyarakat; jam acara malam dibatasi sampai pukul 23.00.",
        ),
    ),
    "empowerment": (
        (
            "Gerakan Gotong Royong Kampung Bersih dilaksanakan di seluruh kelurahan; pelatihan kader PKK dan "
            "LPM tingkat kecamatan.",
            "Partisipasi warga di kelurahan padat penduduk masih rendah.",
            "Lomba kebersihan antar-RW dan pemberian penghargaan oleh Camat pada akhir triwulan.",
        ),
        (
            "Pelatihan usaha mikro bagi kelompok perempuan dan pemuda di Kecamatan {kecamatan} bersama Dinas "
            "Koperasi; kerja bakti saluran air menjelang musim hujan.",
            "Peralatan kerja bakti di beberapa RW terbatas.",
            "Pengadaan alat kebersihan diusulkan dalam musrenbang kelurahan.",
        ),
    ),
    "village_guidance": (
        (
            "Pembinaan administrasi kelurahan, termasuk laporan bulanan kelurahan dan pemutakhiran profil "
            "kelurahan, selama {period}.",
            "Satu kelurahan terlambat menyampaikan laporan bulanan karena pergantian operator.",
            "Pendampingan operator kelurahan yang baru oleh Seksi Pemerintahan.",
        ),
        (
            "Evaluasi kinerja lurah dan pemeriksaan buku administrasi kelurahan di Kecamatan {kecamatan}.",
            "Arsip surat keluar di dua kelurahan belum tertata.",
            "Bimbingan teknis kearsipan bersama Dinas Perpustakaan dan Kearsipan.",
        ),
    ),
    "coordination": (
        (
            "Rapat koordinasi Forkopimcam dan rapat lintas sektor membahas ketertiban, kesehatan ibu dan anak, "
            "serta kesiapan musim hujan di Kecamatan {kecamatan}.",
            "Jadwal kegiatan beberapa perangkat daerah di kecamatan belum disampaikan sebelumnya.",
            "Kalender kegiatan bersama perangkat daerah di kecamatan disusun setiap awal triwulan.",
        ),
        (
            "Koordinasi percepatan penurunan stunting bersama puskesmas dan kader posyandu selama {period}.",
            "Data balita berisiko dari puskesmas dan kelurahan belum sama.",
            "Rapat pemadanan data setiap bulan di kantor kecamatan.",
        ),
    ),
}

#: Likelihood ratings by the Sekda (by indicator name): (rating, reason).
RATINGS: dict[str, tuple[str, str]] = {
    "Realisasi fisik pekerjaan jalan": (
        "amber_red",
        "Kontrak dua paket jalan baru berjalan sejak Agustus dan musim hujan mulai November; tanpa tambahan "
        "alat dan shift kerja, target fisik akhir tahun sulit tercapai.",
    ),
    "Nelayan yang memiliki kartu KUSUKA": (
        "red",
        "Pendaftaran KUSUKA masih tertahan migrasi sistem pusat; tanpa pendaftaran jemput bola di setiap TPI "
        "target tahun ini tidak akan tercapai.",
    ),
    "Prevalensi balita stunting": (
        "amber_green",
        "Hasil penimbangan bulan penimbangan balita menunjukkan penurunan; masih perlu pendampingan keluarga "
        "berisiko di tiga kecamatan, tetapi masalahnya dapat diatasi.",
    ),
    "Angka partisipasi murni SD/MI": (
        "green",
        "Data Dapodik semester ganjil sudah sesuai target; pendataan anak tidak sekolah berjalan baik.",
    ),
}

#: Likelihood ratings of priority programmes by the Sekda (by programme code): (rating, reason).
PROGRAM_RATINGS: dict[str, tuple[str, str]] = {
    "PP4": (
        "amber_red",
        "Dua indikator Dinas PUPR merah: pekerjaan jalan tertinggal setelah tender ulang dan sambungan air minum "
        "tertahan pengadaan pipa. Perlu rapat percepatan mingguan sampai Desember.",
    ),
    "PP6": (
        "amber_green",
        "Produksi padi sesuai rencana; kartu KUSUKA nelayan tertinggal, tetapi pendaftaran jemput bola sudah "
        "dijadwalkan bersama penyuluh.",
    ),
    "PP1": (
        "green",
        "Seluruh indikator pendidikan sesuai lintasan; pelatihan guru penggerak dikejar pada triwulan IV.",
    ),
}

#: The Sekda's notes when giving a register entry to its owner, and the owner's own notes.
ASSIGN_NOTE = "Mohon susun rencana aksi pemulihan dan laporkan kemajuannya dalam rapat kinerja bulan depan."
PROGRESS_NOTES: dict[str, str] = {
    "Realisasi fisik pekerjaan jalan": (
        "Rapat percepatan dengan dua penyedia sudah dilaksanakan; penyedia menambah satu unit alat berat dan "
        "shift malam. Kemajuan fisik dilaporkan setiap Senin."
    ),
    "Keluarga penerima manfaat yang dimutakhirkan datanya": (
        "Pelatihan operator desa gelombang kedua selesai; pemutakhiran luring berjalan di 6 kecamatan."
    ),
}
LATE_RESOLVED_NOTE = (
    "Laporan sudah disampaikan dan diverifikasi. Jadwal internal penyusunan laporan ditetapkan: rekap bidang "
    "paling lambat tanggal 5, laporan diajukan paling lambat tanggal 8."
)
LATE_PROGRESS_NOTE = "Operator kinerja sudah ditunjuk dengan surat tugas; rekap bidang dikumpulkan lebih awal."
LATE_CLOSE_NOTE = "Diterima. Pertahankan jadwal pelaporan."
