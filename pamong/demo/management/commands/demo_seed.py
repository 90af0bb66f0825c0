"""Load the fictional demo regions and print one login per role (``make demo`` runs this)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pamong.demo.generator import DEFAULT_EMPLOYEES, MAX_EMPLOYEES, MIN_EMPLOYEES
from pamong.demo.loader import DEMO_PASSWORD, DemoError, Login, demo_logins, load_demo


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _table(logins: list[Login]) -> list[str]:
    header = ("Pengguna", "Peran", "Cakupan", "Kata sandi", "Catatan")
    rows = [(x.username, x.role, x.scope, x.password, x.note) for x in logins]
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join("-" * w for w in widths)
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(), line]
    out += ["  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return out


class Command(BaseCommand):
    help = (
        "Load the demo: Kabupaten Tanah Bunga (WITA, ~40 OPD) and Kota Teluk Sunyi (WIT), fictional, "
        "then print the demo logins. Idempotent: an existing demo is kept unless --reset."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--employees",
            type=int,
            default=DEFAULT_EMPLOYEES,
            help=f"active ASN of the kabupaten ({MIN_EMPLOYEES}–{MAX_EMPLOYEES}, default {DEFAULT_EMPLOYEES})",
        )
        parser.add_argument("--seed", type=int, default=2026, help="random seed; the same seed gives the same data")
        parser.add_argument("--reset", action="store_true", help="delete the demo regions and load them again")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = load_demo(employees=options["employees"], seed=options["seed"], reset=options["reset"])
        except (DemoError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        write = self.stdout.write
        if report.created:
            for name, c in report.counts.items():
                write(
                    f"{name}: {c['opd']} OPD ({c['kecamatan']} kecamatan), {_n(c['units'])} unit, "
                    f"{c['eselon_ii']} jabatan eselon II, {c['eselon_iii']} eselon III, {c['eselon_iv']} eselon IV; "
                    f"{_n(c['employees'])} pegawai ({_n(c['pns'])} PNS, {_n(c['pppk'])} PPPK), "
                    f"{c['acting']} penugasan Plt/Plh."
                )
                if "indicators" in c:
                    write(
                        f"  Perencanaan: RPJMD berlaku dengan {c['missions']} misi, {c['regional_targets']} sasaran, "
                        f"{c['priority_programs']} program prioritas/gerakan, {c['strategic_targets']} sasaran "
                        f"strategis OPD, {c['indicators']} indikator ({c['iku']} IKU daerah, "
                        f"{c['orphan_indicators']} indikator yatim)."
                    )
                if "agreements" in c:
                    write(
                        f"  Kinerja {c['story_year']}: {c['agreements_signed']} perjanjian kinerja berlaku "
                        f"({c['agreement_revisions']} PK perubahan, {c['agreements_awaiting']} menunggu tanda tangan "
                        f"Bupati); {c['reports']} laporan berkala ({c['reports_verified']} terverifikasi, "
                        f"{c['reports_late']} terlambat, {c['reports_returned']} pernah dikembalikan, "
                        f"{c['reports_waiting']} menunggu verifikasi, {c['reports_missing']} belum disampaikan), "
                        f"{c['evidence_files']} berkas bukti dukung; {c['followed_opened_reports']} laporan periode "
                        f"berjalan dibuka; skor dihitung ({_n(c['followed_indicator_scores'])} baris indikator), "
                        f"{c['followed_consequences']} tindak lanjut konsekuensi dibuka."
                    )
                if "attendance_punches" in c:
                    write(
                        f"  Presensi: {_n(c['attendance_punches'])} presensi dari {c['attendance_devices']} mesin dan "
                        f"aplikasi ({_n(c.get('attendance_mobile_punches', 0))} dari ponsel, "
                        f"{c.get('attendance_unmatched', 0)} PIN belum terpetakan); {_n(c.get('attendance_days', 0))} "
                        f"hari-pegawai diturunkan, {c['attendance_excuses']} izin/cuti "
                        f"({c['attendance_excuses_waiting']} menunggu persetujuan), "
                        f"{c.get('attendance_anomalies', 0)} anomali untuk ditinjau; bulan lalu sudah ditutup."
                    )
                if "discipline_cases" in c:
                    write(
                        f"  Disiplin: {c.get('discipline_ladder_warnings', 0)} peringatan ambang PP 94/2021 "
                        f"({c.get('discipline_ladder_escalated', 0)} dieskalasi, "
                        f"{c.get('discipline_ladder_declined', 0)} tidak dilanjutkan dengan alasan), "
                        f"{c['discipline_cases']} kasus di berbagai tahap "
                        f"({c.get('discipline_cases_effective', 0)} hukuman berlaku); "
                        f"{c.get('discipline_gdn_reports', 0)} laporan pengawasan GDN "
                        f"({c.get('discipline_gdn_late', 0)} terlambat, {c.get('discipline_gdn_missing', 0)} belum "
                        f"melapor), {c.get('discipline_gdn_summaries', 0)} ringkasan klaster ke Sekda."
                    )
            write(self.style.SUCCESS(f"Data demo dimuat dalam {report.seconds:.1f} detik.".replace(".", ",", 1)))
        else:
            write(
                self.style.WARNING("Data demo sudah dimuat; tidak ada yang diubah (pakai --reset untuk memuat ulang).")
            )
        everyone = demo_logins()
        logins = [x for x in everyone if x.featured]
        heads = sorted({x.username for x in everyone if not x.featured})
        write("")
        write(
            f"Login demo. Kata sandi semua akun: {DEMO_PASSWORD} "
            "(HANYA untuk demo, jangan dipakai di server yang dapat diakses umum)."
        )
        write("")
        for row in _table(logins):
            write(row)
        if heads:
            write("")
            examples = ", ".join(h for h in heads if h.startswith(("kepala.pupr", "camat.kenanga", "kepala.brida")))
            write(
                f"Juga {len(heads)} akun kepala OPD dan camat lain yang mengajukan laporan dan menandatangani PK "
                f"(kepala.<singkatan>, camat.<kecamatan>, mis. {examples}), kata sandi sama."
            )
        totp = [x for x in logins if x.totp_secret]
        if totp:
            names = ", ".join(x.username for x in totp)
            write("")
            write(f"Verifikasi dua langkah (TOTP) untuk {names}:")
            write("  biasanya masuk pertama menampilkan halaman penyiapan TOTP (kode QR + rahasia); demo ini sudah")
            write("  menyiapkan perangkat TOTP terkonfirmasi, jadi setelah kata sandi langsung diminta kode 6 digit.")
            write(f"  Ambil kodenya dengan: .venv/bin/python manage.py totp_code {totp[0].username}")
            write("  atau masukkan rahasia ini di aplikasi autentikator:")
            width = max(len(x.username) for x in totp)
            for x in totp:
                write(f"    {x.username.ljust(width)}  {x.totp_secret}")
