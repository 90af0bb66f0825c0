"""GDN supervision pages: the permission matrix of every page and form, what the pages show, pinned query counts.

Who: an OPD head (``kepala_opd``: Dinas Pendidikan) only his unit's report; the Asisten (cluster I) only his
cluster's; the Sekda all (and reviews); the Bupati and BKPSDM read every report but neither file nor review
one; an ASN, the verifier, the planner: none.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from pamong.core.testing.matrix import check_matrix
from pamong.core.testing.personas import expectations
from pamong.discipline.models import ClusterSummary, SupervisionReport
from pamong.discipline.services.supervision import report_review, report_submit, summary_forward

from .test_supervision_services import complete, prepare
from .test_supervision_support import MONTH, ON_TIME, SUMMARY_DAY, YEAR, at, build_october

pytestmark = pytest.mark.django_db

Q = f"?tahun={YEAR}&bulan={MONTH}"
READS_ALL = ("bupati", "sekda", "hr_admin")
#: Who sees Dinas Pendidikan's report (``discipline.view`` over it).
SEES_DISDIK = (*READS_ALL, "asisten", "kepala_opd")
REVIEWERS = ("sekda", "asisten")


@pytest.fixture
def october(cast):
    return build_october(cast)


@pytest.fixture
def draft(october):
    return complete(october, prepare(october))


@pytest.fixture
def submitted(october, draft):
    return report_submit(actor=october.users["kepala_opd"], report=draft, now=at(ON_TIME))


def test_report_list_matrix(october, draft):
    url = reverse("discipline:report_list")
    expected = expectations(403, anonymous=302, other_tenant=200, camat=200, **dict.fromkeys(SEES_DISDIK, 200))
    responses = check_matrix(october, "get", url, expected)
    assert "Dinas Pendidikan" in responses["kepala_opd"].content.decode()
    assert "Dinas Pendidikan" in responses["asisten"].content.decode()
    assert 'data-testid="report-row"' not in responses["camat"].content.decode()  # Kecamatan Anggrek: nothing yet
    assert 'data-testid="report-prepare"' in responses["camat"].content.decode()  # ... but he may prepare it
    assert 'data-testid="report-prepare"' not in responses["sekda"].content.decode()
    assert 'data-testid="report-row"' not in responses["other_tenant"].content.decode()


def test_report_detail_matrix(october, draft):
    url = reverse("discipline:report_detail", args=[draft.pk])
    responses = check_matrix(october, "get", url, expectations(404, anonymous=302, **dict.fromkeys(SEES_DISDIK, 200)))
    assert 'data-testid="report-edit"' in responses["kepala_opd"].content.decode()
    assert 'data-testid="report-edit"' not in responses["asisten"].content.decode()


def test_prepare_matrix(october):
    url = reverse("discipline:report_prepare")
    data = {"org_unit": october.units["disdik"].pk, "period": f"{YEAR}-{MONTH:02d}"}
    # Only the heads hold discipline.report; the camat may prepare, but not Dinas Pendidikan's (a form error: 200).
    expected = expectations(403, anonymous=302, kepala_opd=302, camat=200)
    check_matrix(october, "post", url, expected, data=data, content_type=None)
    assert check_matrix(october, "get", url, expectations(403, anonymous=302, kepala_opd=200, camat=200))


def test_edit_and_submit_forms_matrix(october, draft):
    forbidden_for_readers = {**dict.fromkeys(SEES_DISDIK, 403), "kepala_opd": 200}
    for name in ("discipline:report_edit", "discipline:report_submit"):
        url = reverse(name, args=[draft.pk])
        check_matrix(october, "get", url, expectations(404, anonymous=302, **forbidden_for_readers))
    edit = reverse("discipline:report_edit", args=[draft.pk])
    data = {"inspections_held": "3", "findings": "Nihil", "follow_up": "Nihil"}
    posted = expectations(404, anonymous=302, **{**dict.fromkeys(SEES_DISDIK, 403), "kepala_opd": 302})
    check_matrix(october, "post", edit, posted, data=data, content_type=None)
    submit = reverse("discipline:report_submit", args=[draft.pk])
    check_matrix(october, "post", submit, posted, data={}, content_type=None)


def test_review_form_matrix(october, submitted):
    url = reverse("discipline:report_review", args=[submitted.pk])
    can = {**dict.fromkeys(SEES_DISDIK, 403), **dict.fromkeys(REVIEWERS, 200)}
    check_matrix(october, "get", url, expectations(404, anonymous=302, **can))
    posted = {**dict.fromkeys(SEES_DISDIK, 403), **dict.fromkeys(REVIEWERS, 302)}
    check_matrix(
        october, "post", url, expectations(404, anonymous=302, **posted), data={"note": "Baik"}, content_type=None
    )


def test_review_list_matrix(october, submitted):
    url = reverse("discipline:review_list") + Q
    responses = check_matrix(october, "get", url, expectations(403, anonymous=302, **dict.fromkeys(REVIEWERS, 200)))
    sekda, asisten = responses["sekda"].content.decode(), responses["asisten"].content.decode()
    assert "Dinas Kesehatan" in sekda and "Dinas Kesehatan" not in asisten
    assert 'data-testid="forward-form"' in asisten and 'data-testid="forward-form"' not in sekda
    assert 'data-testid="review-link"' in sekda and 'data-testid="review-link"' in asisten


def test_summary_forward_and_detail_matrix(october, submitted):
    cast = october
    report_review(actor=cast.users["asisten"], report=submitted, note="")
    url = reverse("discipline:summary_forward")
    data = {
        "prefix": "c",
        "c-cluster": cast.clusters["asisten_1"].pk,
        "c-year": YEAR,
        "c-month": MONTH,
        "c-summary": "Klaster I: satu OPD belum melapor.",
    }
    # The Asisten forwards; the Sekda sees the cluster but may not (403); others hold discipline.review nowhere.
    expected = expectations(403, anonymous=302, asisten=302, sekda=403)
    check_matrix(cast, "post", url, expected, data=data, content_type=None)
    summary = summary_forward(
        actor=cast.users["asisten"],
        cluster=cast.clusters["asisten_1"],
        year=YEAR,
        month=MONTH,
        summary="Klaster I: satu OPD belum melapor.",
        now=at(SUMMARY_DAY),
    )
    detail = reverse("discipline:summary_detail", args=[summary.pk])
    responses = check_matrix(cast, "get", detail, expectations(403, anonymous=302, **dict.fromkeys(REVIEWERS, 200)))
    assert "Kecamatan Anggrek" in responses["sekda"].content.decode()  # not reported


def test_summary_of_another_cluster_is_not_found_for_the_asisten(october):
    cast = october
    other = ClusterSummary.objects.create(
        tenant=cast.tenant,
        cluster=cast.clusters["asisten_2"],
        year=YEAR,
        month=MONTH,
        summary="Klaster II",
        due_on=SUMMARY_DAY,
        forwarded_at=at(SUMMARY_DAY),
        forwarded_by=cast.users["sekda"],
    )
    url = reverse("discipline:summary_detail", args=[other.pk])
    assert cast.client_for("asisten").get(url).status_code == 404
    assert cast.client_for("sekda").get(url).status_code == 200


def test_the_head_edits_and_submits_through_the_pages(october, draft):
    client = october.client_for("kepala_opd")
    edit = reverse("discipline:report_edit", args=[draft.pk])
    response = client.post(
        edit, {"inspections_held": "4", "findings": "Dua kali sidak apel pagi.", "follow_up": "Nihil"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.inspections_held == 4 and draft.findings == "Dua kali sidak apel pagi."
    response = client.post(reverse("discipline:report_submit", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "submitted"
    html = client.get(reverse("discipline:report_detail", args=[draft.pk])).content.decode()
    assert 'data-testid="report-edit"' not in html and "Dua kali sidak" in html
    assert 'data-testid="fig-absent">2<' in html and 'data-testid="fig-late">95 menit' in html


def test_page_query_counts_are_fixed(october, submitted, django_assert_num_queries):
    cast = october
    # Every page: session, user, tenant, role assignments (the scope), the notice bell, the linked employee
    # (menus), then its own: the list's count and page (+ the head's units for "prepare"); the review page's
    # units, reports, summaries (month, recent), the Asisten's clusters, the trend; one report.
    pages = [
        ("sekda", reverse("discipline:report_list"), 8),
        ("kepala_opd", reverse("discipline:report_list"), 10),
        ("sekda", reverse("discipline:review_list") + Q, 12),
        ("asisten", reverse("discipline:review_list") + Q, 12),
        ("kepala_opd", reverse("discipline:report_detail", args=[submitted.pk]), 7),
    ]

    def run():
        for persona, url, n in pages:
            client = cast.client_for(persona)
            client.get(url)
            with django_assert_num_queries(n):
                assert client.get(url).status_code == 200

    run()
    # More reports and months: the same counts.
    for unit in ("kec", "dinkes", "setda", "inspektorat", "bkpsdm"):
        SupervisionReport.objects.create(
            tenant=cast.tenant,
            org_unit=cast.units[unit],
            cluster=cast.units[unit].cluster,
            year=YEAR,
            month=MONTH,
            due_on=SUMMARY_DAY,
        )
        SupervisionReport.objects.create(
            tenant=cast.tenant, org_unit=cast.units[unit], year=YEAR, month=MONTH - 1, due_on=SUMMARY_DAY
        )
    run()


def test_cockpit_shows_discipline_per_opd_within_scope(october, submitted, django_assert_num_queries):
    from pamong.discipline.selectors.supervision import cockpit_figures

    cast = october
    url = reverse("performance:cockpit")
    bupati = cast.client_for("bupati").get(url).content.decode()
    table = bupati[bupati.index('data-testid="discipline-figures"') :]
    assert table.count('data-testid="discipline-row"') == 6
    assert "Dinas Kesehatan" in table and "Dinas Pendidikan" in table
    asisten = cast.client_for("asisten").get(url).content.decode()
    assert asisten.count('data-testid="discipline-row"') == 2  # Dinas Pendidikan and Kecamatan Anggrek
    planner = cast.client_for("planner").get(url).content.decode()
    assert 'data-testid="discipline-figures"' not in planner  # the cockpit, but no discipline role
    user = cast.users["sekda"]
    cockpit_figures(actor=user, year=YEAR, month=MONTH, today=SUMMARY_DAY)  # the scope and tenant, once
    with django_assert_num_queries(5):
        rows = cockpit_figures(actor=user, year=YEAR, month=MONTH, today=SUMMARY_DAY)
    disdik = next(r for r in rows if r.unit.code == "DISDIK")
    assert (disdik.absent_days, disdik.late_minutes, disdik.open_warnings, disdik.open_cases) == (2, 95, 1, 1)
    assert disdik.report == submitted and not disdik.report_late and disdik.reports_late == 0
    dinkes = next(r for r in rows if r.unit.code == "DINKES")
    assert dinkes.absent_days == 1 and dinkes.report is None and dinkes.report_late and dinkes.reports_late == 1
