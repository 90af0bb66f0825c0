"""The demo regency's directives and field visits.

The new Bupati gave 21 numbered directives at his first working meeting with the OPD heads, about ten months
before ``today`` (in the spirit of the "21 poin arahan" reported in the regional press). They are reported on
monthly by every OPD they address, with mixed compliance: each OPD has its own diligence, later months comply
more often, and some cells stay not reported. The last closed month and part of the running month are reported
through ``directive_report`` (audited, as a head would); the older months are written in bulk with the same
rows, since thousands of audited calls would make the seed slow. Three field visits follow: two to kecamatan
and one to an OPD, each with findings and an action item through the action items' service.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from pamong.core.models import Tenant
from pamong.core.scope import SystemActor
from pamong.meetings.choices import ComplianceStatus, EvidenceKind
from pamong.meetings.models import DirectiveItem, DirectiveReport
from pamong.meetings.selectors.directives_periods import period_start, periods_between, shift
from pamong.meetings.services.directives import directive_create, directive_report
from pamong.meetings.services.visits import visit_record
from pamong.org.choices import OPD_KINDS, OrgUnitKind
from pamong.org.models import OrgUnit
from pamong.people.selectors import heads_of_unit_on

#: (text, who it is addressed to: "" every OPD, "kecamatan", or a word of the OPD's name)
DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("Seluruh ASN wajib memahami visi dan misi Bupati serta menjabarkannya dalam rencana kerja unit.", ""),
    ("Setiap pegawai memahami tugas pokok dan fungsinya; kepala OPD memastikan uraian tugas diperbarui.", ""),
    ("Tidak boleh ada pemotongan anggaran bantuan sosial, terutama untuk masyarakat miskin.", ""),
    ("Setiap OPD melahirkan paling sedikit satu inovasi pelayanan publik tahun ini.", ""),
    ("Program pemerintahan sebelumnya yang belum tuntas dilaporkan kepada Bupati beserta usulan lanjutannya.", ""),
    ("Rapat koordinasi dan undangan DPRD wajib dihadiri, walaupun dipimpin Sekda atau Asisten.", ""),
    ("Pimpinan OPD, sekretaris dan kepala bidang mengaktifkan telepon genggam 24 jam.", ""),
    ("Tamu dan masyarakat yang datang dilayani dengan ramah; ruang tunggu dibuat nyaman.", ""),
    ("Apel pagi dilaksanakan setiap hari kerja dan kehadiran pegawai direkap setiap bulan.", ""),
    ("Realisasi anggaran dan fisik dilaporkan setiap bulan tepat waktu melalui sistem.", ""),
    ("Pengadaan barang dan jasa dilaksanakan melalui katalog elektronik dan diumumkan terbuka.", ""),
    ("Kritik masyarakat di media sosial ditanggapi paling lambat 2 x 24 jam.", ""),
    ("Camat memutakhirkan data kemiskinan ekstrem bersama lurah dan kepala desa.", "kecamatan"),
    ("Camat memantau langsung pelayanan administrasi kependudukan di kantor kecamatan.", "kecamatan"),
    ("Puskesmas buka tepat waktu dan stunting ditangani melalui posyandu aktif setiap bulan.", "Kesehatan"),
    ("Sekolah dasar dan menengah bebas pungutan liar; dana BOS dilaporkan terbuka.", "Pendidikan"),
    ("Waktu pelayanan perizinan dipangkas dan dipantau melalui dasbor.", "Perizinan"),
    ("Jalan kabupaten yang rusak berat dipetakan dan diprioritaskan perbaikannya.", "Pekerjaan Umum"),
    ("Kepala OPD dan camat menempati rumah dinas yang telah disediakan.", ""),
    ("Penilaian kinerja bawahan dilakukan objektif sesuai fakta dan target yang terukur.", ""),
    ("Seluruh pejabat menandatangani perjanjian kinerja dengan target yang jelas dan dapat dievaluasi.", ""),
)

VISITS: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "Kunjungan kerja Bupati ke {place}",
        "Pelayanan KTP-el tertunda karena blangko habis sejak dua minggu; antrean mencapai 60 orang per hari. "
        "Ruang tunggu sempit dan tidak ada nomor antrean. Data kemiskinan ekstrem baru dimutakhirkan di 4 dari "
        "9 desa.",
        "Ajukan tambahan blangko KTP-el ke Disdukcapil dan pasang sistem nomor antrean",
        "Surat permohonan blangko, foto loket dengan nomor antrean",
        EvidenceKind.PHOTO,
    ),
    (
        "Kunjungan kerja Wakil Bupati ke {place}",
        "Dua posyandu tidak memiliki timbangan bayi yang layak; kader mencatat manual. Jalan poros desa rusak "
        "sepanjang 1,2 km dan menghambat ambulans desa. Kantor kecamatan belum menempati rumah dinas camat.",
        "Usulkan pengadaan timbangan posyandu dan data kerusakan jalan poros desa",
        "Daftar usulan bertanda tangan camat dan peta ruas jalan",
        EvidenceKind.DOCUMENT,
    ),
    (
        "Sidak Sekda ke {place}",
        "Pukul 08.15 baru 60 % pegawai hadir; loket pelayanan belum buka. Papan standar pelayanan tidak "
        "dipasang. Inovasi pelayanan yang dijanjikan belum berjalan.",
        "Pasang papan standar pelayanan dan tegakkan jam buka loket 07.30",
        "Foto papan standar pelayanan dan rekap kehadiran apel pagi",
        EvidenceKind.PHOTO,
    ),
)

NOTES = {
    ComplianceStatus.COMPLIED: ("", "Sudah dilaksanakan; bukti terlampir.", "Dilaksanakan sesuai arahan."),
    ComplianceStatus.PARTIAL: (
        "Baru sebagian bidang yang melaksanakan; sisanya ditargetkan bulan depan.",
        "Terkendala anggaran perubahan; dilanjutkan setelah APBD-P disahkan.",
        "Sebagian terlaksana; menunggu petunjuk teknis dari provinsi.",
    ),
    ComplianceStatus.NOT_COMPLIED: (
        "Belum dilaksanakan karena kekurangan pegawai; akan dibahas pada rakor berikut.",
        "Belum ada anggaran; diusulkan pada perubahan anggaran.",
    ),
}


def _addressed(opds: list[OrgUnit], target: str) -> list[OrgUnit]:
    if not target:
        return []
    if target == "kecamatan":
        chosen = [u for u in opds if u.kind == OrgUnitKind.KECAMATAN]
    else:
        chosen = [u for u in opds if target.lower() in u.name.lower()]
    return chosen  # empty when the regency has no such OPD: the item then goes to every OPD


def _status(rng: random.Random, diligence: float, progress: float) -> str:
    if rng.random() > diligence:
        return ComplianceStatus.NOT_REPORTED
    roll = rng.random()
    complied = 0.35 + 0.45 * progress
    if roll < complied:
        return ComplianceStatus.COMPLIED
    if roll < complied + 0.35:
        return ComplianceStatus.PARTIAL
    return ComplianceStatus.NOT_COMPLIED


def story(tenant: Tenant, *, today: dt.date, seed: int) -> dict[str, int]:
    """Write the directives and visits of ``tenant`` as on ``today``; return the counts the seed command prints."""
    rng = random.Random(seed * 17 + 3)
    system = SystemActor(tenant_id=tenant.pk, label="demo_seed")
    opds = list(
        OrgUnit.objects.filter(tenant=tenant, depth=1, kind__in=sorted(OPD_KINDS), closed_on__isnull=True).order_by(
            "sort_order", "pk"
        )
    )
    if not opds:
        return {"directives": 0, "directive_reports": 0, "visits": 0}
    setda = next((u for u in opds if u.kind == OrgUnitKind.SECRETARIAT), opds[0])
    issued_on = today - dt.timedelta(days=300)
    items = [(n, text, _addressed(opds, target)) for n, (text, target) in enumerate(DIRECTIVES, start=1)]
    directive = directive_create(
        actor=system,
        org_unit=setda,
        title="21 Arahan Bupati pada Rapat Kerja Perdana bersama Pimpinan OPD",
        issued_on=issued_on,
        reporting="monthly",
        items=items,
    )
    rows = list(DirectiveItem.objects.filter(directive=directive).prefetch_related("units").order_by("number"))
    diligence = {unit.pk: rng.uniform(0.55, 0.97) for unit in opds}
    current = period_start(today, "monthly")
    last_closed = shift(current, "monthly", -1)
    periods = periods_between(issued_on, last_closed, "monthly")
    bulk: list[DirectiveReport] = []
    reported = 0
    now = timezone.now()
    for index, period in enumerate(periods):
        progress = index / max(len(periods) - 1, 1)
        via_service = period == last_closed
        for item in rows:
            addressed = {u.pk for u in item.units.all()}
            for unit in opds:
                if addressed and unit.pk not in addressed:
                    continue
                status = _status(rng, diligence[unit.pk], progress)
                if status == ComplianceStatus.NOT_REPORTED:
                    continue
                note = rng.choice(NOTES[ComplianceStatus(status)])
                link = (
                    f"https://bukti.example.go.id/{unit.code.lower()}/{period:%Y-%m}/{item.number}"
                    if rng.random() < 0.4
                    else ""
                )
                if via_service:
                    directive_report(
                        actor=system,
                        item=item,
                        org_unit=unit,
                        period_start=period,
                        status=status,
                        note=note,
                        evidence_link=link,
                    )
                else:
                    reported_at = timezone.make_aware(dt.datetime.combine(shift(period, "monthly", 1), dt.time(9)))
                    bulk.append(
                        DirectiveReport(
                            tenant_id=tenant.pk,
                            item=item,
                            org_unit=unit,
                            period_start=period,
                            status=status,
                            note=note,
                            evidence_link=link,
                            reported_at=min(reported_at, now),
                        )
                    )
                reported += 1
    DirectiveReport.objects.bulk_create(bulk, batch_size=1000)
    # The running month: the early reporters have already sent theirs.
    if current >= period_start(issued_on, "monthly"):
        for unit in opds[: max(1, len(opds) // 4)]:
            for item in rows[:5]:
                addressed = {u.pk for u in item.units.all()}
                if addressed and unit.pk not in addressed:
                    continue
                directive_report(
                    actor=system,
                    item=item,
                    org_unit=unit,
                    period_start=current,
                    status=ComplianceStatus.COMPLIED,
                    note="",
                    evidence_link="",
                )
                reported += 1
    visits = _visits(tenant, system, opds, today, rng)
    return {"directives": 1, "directive_items": len(rows), "directive_reports": reported, "visits": visits}


def _visits(tenant: Tenant, system: Any, opds: list[OrgUnit], today: dt.date, rng: random.Random) -> int:
    kecamatan = [u for u in opds if u.kind == OrgUnitKind.KECAMATAN]
    others = [u for u in opds if u.kind in (OrgUnitKind.DINAS, OrgUnitKind.BADAN)] or opds
    places = [*rng.sample(kecamatan, min(2, len(kecamatan))), rng.choice(others)]
    try:
        from pamong.meetings.services.actions import item_create
    except ImportError:  # the action items' service is not installed: visits without follow-up
        item_create = None  # type: ignore[assignment]
    count = 0
    for days_ago, place, (title, findings, follow_up, evidence, kind) in zip(
        (46, 27, 9), places, VISITS[-len(places) :], strict=False
    ):
        visited_on = today - dt.timedelta(days=days_ago)
        heads = heads_of_unit_on(actor=system, unit=place, day=visited_on)
        visit = visit_record(
            actor=system,
            place=place,
            visited_on=visited_on,
            title=title.format(place=place.name),
            led_by=None,
            participants=[heads[0].employee] if heads else [],
            findings=findings,
        )
        if item_create is not None:
            item_create(
                actor=system,
                owner_unit=place,
                owner=heads[0].employee if heads else None,
                title=follow_up,
                due_on=visited_on + dt.timedelta(days=30),
                expected_evidence=evidence,
                evidence_kind=kind,
                visit=visit,
            )
        count += 1
    return count
