"""GDN supervision services: figures from a real recap, the life-cycle draft → submitted → reviewed → summary
forwarded, late flags, who has not reported, refusals (404 out of scope, 403 in scope), audit and notices."""

from __future__ import annotations

import datetime as dt

import pytest

from pamong.core.errors import Conflict, Forbidden, NotFoundError, ValidationFailed
from pamong.core.models import AuditEvent
from pamong.discipline.models import ClusterSummary, SupervisionReport
from pamong.discipline.selectors import supervision as selectors
from pamong.discipline.services.supervision import (
    report_prepare,
    report_review,
    report_submit,
    report_update,
    summary_forward,
)
from pamong.notices.models import Notice

from .test_supervision_support import DUE, LATE, MONTH, ON_TIME, PREPARED, SUMMARY_DAY, YEAR, at, build_october

pytestmark = pytest.mark.django_db


@pytest.fixture
def october(cast):
    return build_october(cast)


def prepare(cast, persona="kepala_opd", unit="disdik", today=PREPARED):
    return report_prepare(actor=cast.users[persona], org_unit=cast.units[unit], year=YEAR, month=MONTH, today=today)


def complete(cast, report, persona="kepala_opd"):
    return report_update(
        actor=cast.users[persona],
        report=report,
        inspections_held=2,
        findings="Dua pegawai Bidang SD tidak masuk tanpa keterangan.",
        follow_up="Teguran lisan oleh Kepala Bidang; kasus dibuka untuk satu pegawai.",
    )


def test_figures_are_prefilled_from_the_recap_cases_and_warnings_of_the_subtree(october):
    report = prepare(october)
    f = report.figures
    assert report.status == "draft" and report.due_on == DUE
    assert report.cluster_id == october.clusters["asisten_1"].pk
    # Citra (the bidang) and Budi (the dinas): the subtree of Dinas Pendidikan, not Dewi of Dinas Kesehatan.
    assert f["employees"] == 2
    assert f["working_days"] == 44  # 22 working days in October 2026, two people
    assert f["absent_days"] == 2 and f["employees_absent"] == 1
    assert f["late_days"] == 3 and f["late_minutes"] == 95
    assert f["excused_days"] == 2 and f["excused_by_kind"] == {"duty_travel": 1, "sick": 1}
    assert f["present_days"] == 44 - 2 - 2
    assert f["cases_opened"] == 1 and f["cases_by_level"] == {"ringan": 1, "sedang": 0, "berat": 0}
    assert f["warnings_raised"] == 1 and f["warnings_open"] == 1
    assert AuditEvent.objects.filter(action="discipline.report.prepare", target_id=str(report.pk)).count() == 1


def test_a_draft_is_refreshed_only_when_its_figures_change(october):
    report = prepare(october)
    prepare(october)  # nothing changed: nothing written, nothing recorded
    assert not AuditEvent.objects.filter(action="discipline.report.refresh").exists()
    SupervisionReport.objects.filter(pk=report.pk).update(figures={"employees": 99})
    refreshed = prepare(october)
    assert refreshed.pk == report.pk and refreshed.figures["employees"] == 2
    assert AuditEvent.objects.filter(action="discipline.report.refresh").count() == 1


def test_life_cycle_draft_submitted_reviewed_summary_forwarded(october):
    cast = october
    report = complete(cast, prepare(cast))
    submitted = report_submit(actor=cast.users["kepala_opd"], report=report, now=at(ON_TIME))
    assert submitted.status == "submitted" and submitted.submitted_by == cast.users["kepala_opd"]
    assert Notice.objects.filter(recipient=cast.users["asisten"], url__endswith=f"/laporan/{report.pk}/").exists()
    assert not Notice.objects.filter(recipient=cast.users["sekda"]).exists()  # the cluster's Asisten, not the Sekda
    event = AuditEvent.objects.get(action="discipline.report.submit")
    assert event.after["late"] is False

    reviewed = report_review(actor=cast.users["asisten"], report=submitted, note="Lanjutkan pembinaan.")
    assert reviewed.status == "reviewed" and reviewed.review_note == "Lanjutkan pembinaan."
    assert Notice.objects.filter(recipient=cast.users["kepala_opd"], title__contains="ditelaah").exists()

    # Kecamatan Anggrek (also Asisten I) never reported: the summary names it.
    summary = summary_forward(
        actor=cast.users["asisten"],
        cluster=cast.clusters["asisten_1"],
        year=YEAR,
        month=MONTH,
        summary="Disiplin Dinas Pendidikan membaik; Kecamatan Anggrek belum melapor.",
        now=at(SUMMARY_DAY),
    )
    assert summary.figures["opds"] == 2 and summary.figures["reported"] == 1
    assert summary.figures["not_reported"] == ["Kecamatan Anggrek"]
    assert summary.figures["late"] == ["Kecamatan Anggrek"]  # past its due day without a report
    assert summary.figures["absent_days"] == 2 and summary.figures["cases_opened"] == 1
    assert Notice.objects.filter(recipient=cast.users["sekda"], title__contains="Asisten I").exists()
    assert AuditEvent.objects.filter(action="discipline.summary.forward").count() == 1
    with pytest.raises(Conflict):
        summary_forward(
            actor=cast.users["asisten"],
            cluster=cast.clusters["asisten_1"],
            year=YEAR,
            month=MONTH,
            summary="lagi",
            now=at(SUMMARY_DAY),
        )
    assert ClusterSummary.objects.count() == 1


def test_submitted_after_the_due_day_is_late_and_says_so(october):
    cast = october
    report = report_submit(actor=cast.users["kepala_opd"], report=complete(cast, prepare(cast)), now=at(LATE))
    assert AuditEvent.objects.get(action="discipline.report.submit").after["late"] is True
    assert Notice.objects.get(recipient=cast.users["asisten"]).title.endswith("(terlambat 2 hari)")
    assert selectors.report_is_late(report, tenant=cast.tenant, today=LATE)


def test_not_submitted_past_the_due_day_is_late_and_not_reported(october):
    cast = october
    prepare(cast)  # a draft only
    before = selectors.month_matrix(actor=cast.users["sekda"], year=YEAR, month=MONTH, today=DUE)
    after = selectors.month_matrix(actor=cast.users["sekda"], year=YEAR, month=MONTH, today=DUE + dt.timedelta(1))
    assert [r.unit.code for r in before.late] == []
    assert {r.unit.code for r in after.late} == {"SETDA", "DISDIK", "DINKES", "KEC-A", "INSP", "BKPSDM"}
    assert {r.unit.code for r in after.not_reported} == {"SETDA", "DISDIK", "DINKES", "KEC-A", "INSP", "BKPSDM"}


def test_who_has_not_reported_by_cluster(october):
    cast = october
    report_submit(actor=cast.users["kepala_opd"], report=complete(cast, prepare(cast)), now=at(ON_TIME))
    matrix = selectors.month_matrix(actor=cast.users["sekda"], year=YEAR, month=MONTH, today=LATE)
    names = [(b.cluster.code if b.cluster else None, [r.unit.code for r in b.rows]) for b in matrix.blocks]
    assert names == [("AS-I", ["DISDIK", "KEC-A"]), ("AS-II", ["DINKES"]), (None, ["BKPSDM", "INSP", "SETDA"])]
    assert {r.unit.code for r in matrix.not_reported} == {"KEC-A", "DINKES", "SETDA", "INSP", "BKPSDM"}
    assert not any(r.late for r in matrix.rows if r.unit.code == "DISDIK")
    mine = selectors.month_matrix(actor=cast.users["asisten"], year=YEAR, month=MONTH, today=LATE)
    assert [[r.unit.code for r in b.rows] for b in mine.blocks] == [["DISDIK", "KEC-A"]]
    assert mine.blocks[0].can_forward and not matrix.blocks[0].can_forward  # the Asisten forwards, not the Sekda


def test_refusals(october):
    cast = october
    with pytest.raises(NotFoundError):
        prepare(cast, persona="kepala_opd", unit="dinkes")  # another OPD: out of sight
    with pytest.raises(Forbidden):
        prepare(cast, persona="sekda")  # sees it, does not file it
    with pytest.raises(NotFoundError):
        prepare(cast, persona="asn")
    with pytest.raises(ValidationFailed) as err:
        prepare(cast, unit="disdik_bidang")  # a bidang is not an OPD
    assert "org_unit" in err.value.field_errors
    with pytest.raises(ValidationFailed):
        report_prepare(
            actor=cast.users["kepala_opd"], org_unit=cast.units["disdik"], year=2026, month=12, today=PREPARED
        )
    report = prepare(cast)
    with pytest.raises(ValidationFailed) as err:
        report_submit(actor=cast.users["kepala_opd"], report=report, now=at(ON_TIME))
    assert set(err.value.field_errors) == {"findings", "follow_up"}
    complete(cast, report)
    with pytest.raises(ValidationFailed):  # October is not over on 31 October
        report_submit(actor=cast.users["kepala_opd"], report=report, now=at(dt.date(2026, 10, 31)))
    with pytest.raises(Forbidden):
        report_submit(actor=cast.users["asisten"], report=report, now=at(ON_TIME))
    with pytest.raises(Conflict):
        report_review(actor=cast.users["asisten"], report=report, note="")  # still a draft
    report_submit(actor=cast.users["kepala_opd"], report=report, now=at(ON_TIME))
    with pytest.raises(Conflict):
        complete(cast, report)  # submitted: no more changes
    with pytest.raises(Conflict):
        prepare(cast)
    with pytest.raises(Forbidden):
        report_review(actor=cast.users["kepala_opd"], report=report, note="")  # his own report, not his to review
    with pytest.raises(NotFoundError):
        report_review(actor=cast.users["asn"], report=report, note="")
    with pytest.raises(ValidationFailed) as err:  # the Asisten must review Dinas Pendidikan first
        summary_forward(
            actor=cast.users["asisten"],
            cluster=cast.clusters["asisten_1"],
            year=YEAR,
            month=MONTH,
            summary="x",
            now=at(SUMMARY_DAY),
        )
    assert "Dinas Pendidikan" in str(err.value)
    with pytest.raises(Forbidden):
        summary_forward(
            actor=cast.users["sekda"],
            cluster=cast.clusters["asisten_1"],
            year=YEAR,
            month=MONTH,
            summary="x",
            now=at(SUMMARY_DAY),
        )
    with pytest.raises(NotFoundError):
        summary_forward(
            actor=cast.users["asisten"],
            cluster=cast.clusters["asisten_2"],
            year=YEAR,
            month=MONTH,
            summary="x",
            now=at(SUMMARY_DAY),
        )
    report_review(actor=cast.users["sekda"], report=report, note="")  # the Sekda may review too
    with pytest.raises(Conflict):
        report_review(actor=cast.users["asisten"], report=report, note="")
