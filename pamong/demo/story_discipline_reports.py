"""The demo regency's GDN supervision reports: two closed months for every OPD, one late, one missing, one summary.

The two months are the last whose reports are already due (``report_due_day`` of the following month has
passed) and the one before. Every OPD's report is prepared from the attendance recap (only the last calendar
month has attendance in the demo, so an older month shows zeros), completed and submitted by its head
(through the real services; the system actor where a head has no account) and reviewed by its Asisten (the
Sekda for the OPDs without one). In the later month one OPD of the first cluster submits two days after the due
day (late), one OPD of another cluster has not reported at all, and the first cluster's Asisten forwards his
summary to the Sekda. Timestamps are set through the services' ``now``.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from pamong.access.models import RoleAssignment
from pamong.access.roles import DISCIPLINE_REPORT, Role
from pamong.core.models import Tenant
from pamong.core.scope import SystemActor
from pamong.discipline.rules.supervision import report_due_on
from pamong.discipline.selectors.supervision import opd_level_q
from pamong.discipline.services.supervision import (
    report_prepare,
    report_review,
    report_submit,
    report_update,
    reviewers_of,
    summary_forward,
)
from pamong.discipline.tenant_settings import discipline_settings
from pamong.org.models import OrgUnit
from pamong.reports.recipients import holders

FINDINGS = (
    "Sidak apel pagi: {absent} hari tanpa keterangan dari {people} pegawai; keterlambatan terbanyak di bagian umum.",
    "Inspeksi mendadak jam kerja: {absent} hari tanpa keterangan ({people} pegawai), beberapa pegawai pulang "
    "sebelum waktunya.",
    "Pemeriksaan daftar hadir bersama Kasubag Umum: {absent} hari tanpa keterangan dari {people} pegawai.",
)
FOLLOW_UPS = (
    "Teguran lisan oleh atasan langsung; pegawai yang mendekati ambang 3 hari dipanggil dan dibina.",
    "Pembinaan di apel Senin; atasan langsung diminta menindaklanjuti peringatan yang masih terbuka.",
    "Pemanggilan oleh Kepala Bidang; satu pegawai diusulkan pemeriksaan bila berulang.",
)
NIL = "Nihil: tidak ditemukan pelanggaran disiplin pada sidak bulan ini."
REVIEW_NOTES = ("Cukup. Lanjutkan sidak rutin.", "Perhatikan pegawai yang sering terlambat.", "")
SUMMARY = (
    "{reported} dari {opds} OPD klaster melapor; {late} terlambat. Hari tanpa keterangan {absent}, "
    "keterlambatan {minutes} menit. Kepala OPD diminta menindaklanjuti peringatan yang masih terbuka."
)


def _previous(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def _months(today: dt.date, due_day_settings: Any) -> list[tuple[int, int]]:
    """The month before the latest due one, then the latest whose report is past due."""
    latest = _previous(today.year, today.month)
    if report_due_on(*latest, due_day_settings) >= today:
        latest = _previous(*latest)
    return [_previous(*latest), latest]


def _at(tenant: Tenant, day: dt.date, hour: int) -> dt.datetime:
    moment = dt.datetime(day.year, day.month, day.day, hour, tzinfo=tenant.zone)
    return min(moment, timezone.now())


def _head(tenant: Tenant, unit: OrgUnit, today: dt.date) -> Any:
    people = holders(tenant_id=tenant.pk, path=unit.path, actions=[DISCIPLINE_REPORT], day=today)
    return people[0] if people else SystemActor(tenant_id=tenant.pk, label="demo_seed")


def story(tenant: Tenant, *, today: dt.date, seed: int) -> dict[str, int]:
    rng = random.Random(seed * 7 + 5)
    settings = discipline_settings(tenant).supervision
    system = SystemActor(tenant_id=tenant.pk, label="demo_seed")
    units = list(
        OrgUnit.objects.filter(opd_level_q(), tenant=tenant).select_related("cluster").order_by("sort_order", "pk")
    )
    clustered = [u for u in units if u.cluster_id is not None]
    if not clustered:
        return {}
    # The first cluster whose Asisten has an account forwards the summary (the demo's asisten1).
    coordinated = (
        RoleAssignment.objects.filter(tenant=tenant, role=Role.ASSISTANT, cluster__isnull=False)
        .order_by("cluster__sort_order", "cluster_id")
        .values_list("cluster_id", flat=True)
        .first()
    )
    first_cluster = coordinated if any(u.cluster_id == coordinated for u in clustered) else clustered[0].cluster_id
    late_unit = next(u for u in clustered if u.cluster_id == first_cluster)
    missing_unit = next((u for u in clustered if u.cluster_id != first_cluster), clustered[-1])
    months = _months(today, settings)
    counts = {"gdn_reports": 0, "gdn_reviewed": 0, "gdn_late": 0, "gdn_missing": 0, "gdn_summaries": 0}
    latest_review = dt.datetime.min.replace(tzinfo=dt.UTC)
    tally = {"reported": 0, "late": 0, "absent": 0, "minutes": 0}
    summary_by: Any = system
    for index, (year, month) in enumerate(months):
        last_month = index == len(months) - 1
        due = report_due_on(year, month, settings)
        first_of_next = due.replace(day=1)
        for unit in units:
            if last_month and unit.pk == missing_unit.pk:
                counts["gdn_missing"] += 1
                continue
            head = _head(tenant, unit, today)
            report = report_prepare(actor=head, org_unit=unit, year=year, month=month, today=first_of_next)
            f = report.figures
            absent = int(f.get("absent_days") or 0)
            findings = (
                rng.choice(FINDINGS).format(absent=absent, people=f.get("employees_absent", 0)) if absent else NIL
            )
            report = report_update(
                actor=head,
                report=report,
                inspections_held=rng.randint(1, 4),
                findings=findings,
                follow_up=rng.choice(FOLLOW_UPS) if absent else "Nihil.",
            )
            late = last_month and unit.pk == late_unit.pk
            sent_on = min(due + dt.timedelta(days=2), today) if late else due - dt.timedelta(days=rng.randint(1, 6))
            sent = _at(tenant, sent_on, 8 + rng.randint(0, 7))
            report = report_submit(actor=head, report=report, now=sent)
            counts["gdn_reports"] += 1
            counts["gdn_late"] += late
            reviewers = reviewers_of(report, today)
            reviewer = reviewers[0] if reviewers else system
            # Reviewed in office hours, the working day after it arrived (never after this moment).
            reviewed = max(_at(tenant, sent_on + dt.timedelta(days=1), rng.randint(9, 15)), sent)
            report_review(actor=reviewer, report=report, note=rng.choice(REVIEW_NOTES), now=reviewed)
            counts["gdn_reviewed"] += 1
            latest_review = max(latest_review, reviewed)
            if last_month and unit.cluster_id == first_cluster:
                tally["reported"] += 1
                tally["late"] += late
                tally["absent"] += absent
                tally["minutes"] += int(f.get("late_minutes") or 0)
                summary_by = reviewer
    year, month = months[-1]
    cluster = late_unit.cluster
    assert cluster is not None
    opds = sum(1 for u in units if u.cluster_id == first_cluster)
    summary_forward(
        actor=summary_by,
        cluster=cluster,
        year=year,
        month=month,
        summary=SUMMARY.format(opds=opds, **tally),
        now=min(latest_review + dt.timedelta(hours=3), timezone.now()),
    )
    counts["gdn_summaries"] += 1
    return counts
