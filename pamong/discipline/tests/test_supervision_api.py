"""GDN supervision API: permission matrix of every endpoint (token and session), the same services as the
pages, and pinned query counts of the lists."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pamong.core.testing.matrix import check_matrix, session_client, token_client
from pamong.core.testing.personas import expectations
from pamong.discipline.models import ClusterSummary, SupervisionReport
from pamong.discipline.services.supervision import report_review, report_submit, summary_forward

from .test_supervision_services import complete, prepare
from .test_supervision_support import MONTH, ON_TIME, SUMMARY_DAY, YEAR, at, build_october

pytestmark = pytest.mark.django_db

SEES_DISDIK = ("bupati", "sekda", "hr_admin", "asisten", "kepala_opd")
ROLE_READERS = (*SEES_DISDIK, "camat")
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


def test_reports_list_matrix(october, submitted):
    url = reverse("api-discipline-report-list")
    expected = expectations(403, anonymous=401, other_tenant=200, **dict.fromkeys(ROLE_READERS, 200))
    for client_for in (token_client, session_client):
        responses = check_matrix(october, "get", url, expected, client_for=client_for)
    assert responses["kepala_opd"].json()["count"] == 1
    assert responses["camat"].json()["count"] == 0 and responses["other_tenant"].json()["count"] == 0
    row = responses["sekda"].json()["results"][0]
    assert row["figures"]["absent_days"] == 2 and row["org_unit"]["code"] == "DISDIK"
    assert row["status"] == "submitted" and row["late"] is False  # sent on 5 November, due on the 10th


def test_report_detail_matrix(october, draft):
    url = reverse("api-discipline-report-detail", args=[draft.pk])
    expected = expectations(404, anonymous=401, **dict.fromkeys(SEES_DISDIK, 200))
    check_matrix(october, "get", url, expected, client_for=token_client)


def test_prepare_matrix(october):
    url = reverse("api-discipline-report-prepare")
    data = {"org_unit": october.units["disdik"].pk, "year": YEAR, "month": MONTH}
    sees = {**dict.fromkeys(SEES_DISDIK, 403), "kepala_opd": 201}
    expected = expectations(404, anonymous=401, **sees)
    responses = check_matrix(october, "post", url, expected, data=data, client_for=token_client)
    assert responses["kepala_opd"].json()["figures"]["late_minutes"] == 95
    check_matrix(october, "post", url, expected, data=data, client_for=session_client)  # a browser session too


def test_update_and_submit_matrix(october, draft):
    sees = {**dict.fromkeys(SEES_DISDIK, 403), "kepala_opd": 200}
    expected = expectations(404, anonymous=401, **sees)
    url = reverse("api-discipline-report-detail", args=[draft.pk])
    check_matrix(october, "patch", url, expected, data={"inspections_held": 5}, client_for=token_client)
    submit = reverse("api-discipline-report-submit", args=[draft.pk])
    responses = check_matrix(october, "post", submit, expected, data={}, client_for=token_client)
    assert responses["kepala_opd"].json()["status"] == "submitted"


def test_review_matrix(october, submitted):
    url = reverse("api-discipline-report-review", args=[submitted.pk])
    sees = {**dict.fromkeys(SEES_DISDIK, 403), **dict.fromkeys(REVIEWERS, 200)}
    responses = check_matrix(
        october, "post", url, expectations(404, anonymous=401, **sees), data={"note": "Baik"}, client_for=token_client
    )
    assert responses["asisten"].json()["status"] == "reviewed"


def test_summaries_matrix(october, submitted):
    cast = october
    report_review(actor=cast.users["asisten"], report=submitted, note="")
    forward = reverse("api-discipline-summary-forward")
    data = {"cluster": cast.clusters["asisten_1"].pk, "year": YEAR, "month": MONTH, "summary": "Klaster I baik."}
    expected = expectations(403, anonymous=401, asisten=201, sekda=403)
    check_matrix(cast, "post", forward, expected, data=data, client_for=token_client)
    other = {**data, "cluster": cast.clusters["asisten_2"].pk}
    check_matrix(
        cast,
        "post",
        forward,
        expectations(403, anonymous=401, asisten=404, sekda=403),
        data=other,
        client_for=token_client,
    )
    summary = summary_forward(
        actor=cast.users["asisten"],
        cluster=cast.clusters["asisten_1"],
        year=YEAR,
        month=MONTH,
        summary="Baik.",
        now=at(SUMMARY_DAY),
    )
    listed = check_matrix(
        cast,
        "get",
        reverse("api-discipline-summary-list"),
        expectations(403, anonymous=401, **dict.fromkeys(REVIEWERS, 200)),
        client_for=token_client,
    )
    assert listed["sekda"].json()["count"] == 1 and listed["asisten"].json()["count"] == 1
    detail = reverse("api-discipline-summary-detail", args=[summary.pk])
    check_matrix(
        cast, "get", detail, expectations(403, anonymous=401, **dict.fromkeys(REVIEWERS, 200)), client_for=token_client
    )
    month = reverse("api-discipline-summary-month") + f"?year={YEAR}&month={MONTH}"
    responses = check_matrix(
        cast, "get", month, expectations(403, anonymous=401, **dict.fromkeys(REVIEWERS, 200)), client_for=token_client
    )
    blocks = responses["sekda"].json()["blocks"]
    assert [b["cluster"]["code"] if b["cluster"] else None for b in blocks] == ["AS-I", "AS-II", None]
    assert blocks[0]["summary_id"] == summary.pk
    assert [r["org_unit"]["code"] for r in responses["asisten"].json()["blocks"][0]["rows"]] == ["DISDIK", "KEC-A"]


def test_cockpit_matrix(october, submitted):
    url = reverse("api-discipline-cockpit-list") + f"?year={YEAR}&month={MONTH}"
    expected = expectations(403, anonymous=401, other_tenant=200, **dict.fromkeys(ROLE_READERS, 200))
    responses = check_matrix(october, "get", url, expected, client_for=token_client)
    assert len(responses["bupati"].json()) == 6 and len(responses["asisten"].json()) == 2
    disdik = next(r for r in responses["sekda"].json() if r["org_unit"]["code"] == "DISDIK")
    assert disdik["absent_days"] == 2 and disdik["late_minutes"] == 95 and disdik["report_status"] == "submitted"


def test_list_query_counts_are_fixed(october, submitted, django_assert_num_queries):
    cast = october
    report_review(actor=cast.users["asisten"], report=submitted, note="")
    summary_forward(
        actor=cast.users["asisten"],
        cluster=cast.clusters["asisten_1"],
        year=YEAR,
        month=MONTH,
        summary="Baik.",
        now=at(SUMMARY_DAY),
    )
    client = token_client(cast, "sekda")
    # token, tenant, role assignments (the scope); then: count and page; count and page; units, reports,
    # summaries, the Asisten's clusters; units, the month's recap by OPD, open warnings, open cases, the reports.
    urls = [
        (reverse("api-discipline-report-list"), 5),
        (reverse("api-discipline-summary-list"), 5),
        (reverse("api-discipline-summary-month") + f"?year={YEAR}&month={MONTH}", 7),
        (reverse("api-discipline-cockpit-list") + f"?year={YEAR}&month={MONTH}", 8),
    ]

    def run():
        for url, n in urls:
            client.get(url)
            with django_assert_num_queries(n):
                assert client.get(url).status_code == 200

    run()
    for unit in ("kec", "dinkes", "setda"):
        for month in (MONTH - 1, MONTH):
            SupervisionReport.objects.create(
                tenant=cast.tenant, org_unit=cast.units[unit], year=YEAR, month=month, due_on=SUMMARY_DAY
            )
    ClusterSummary.objects.create(
        tenant=cast.tenant,
        cluster=cast.clusters["asisten_2"],
        year=YEAR,
        month=MONTH,
        summary="Klaster II",
        due_on=SUMMARY_DAY,
        forwarded_at=at(SUMMARY_DAY),
        forwarded_by=cast.users["sekda"],
    )
    run()
