"""Report pages: permission matrix of every page and form, evidence access by persona, pinned query counts."""

import datetime as dt

import pytest
from django.urls import reverse

from pamong.core.scope import SystemActor
from pamong.core.testing.matrix import check_matrix
from pamong.core.testing.personas import expectations
from pamong.planning import services as planning
from pamong.planning.choices import IndicatorLevel
from pamong.reports import services
from pamong.reports.models import Evidence, Report

from .files import PDF, PNG, upload

pytestmark = pytest.mark.django_db

SEES_DISDIK = ("bupati", "sekda", "asisten", "kepala_opd", "verifier", "hr_admin", "planner")
SEES_KEC = ("bupati", "sekda", "asisten", "camat", "verifier", "hr_admin", "planner")
FORM = {"content_type": None}


def by_role(allowed, code, sees=SEES_DISDIK):
    """404 for whoever cannot see the report, 403 for those who see it, ``code`` for ``allowed``."""
    return expectations(404, anonymous=302, **{**dict.fromkeys(sees, 403), **dict.fromkeys(allowed, code)})


def filled(cast, rep):
    services.report_fill(
        actor=rep.operator, report=rep.disdik, values=[services.ValueEntry(rep.plan.indicator.pk, "74")]
    )


def submitted(cast, rep):
    filled(cast, rep)
    services.report_submit(actor=cast.users["kepala_opd"], report=rep.disdik, today=dt.date(2026, 10, 9))


def test_list_and_queue_matrix(cast, rep):
    responses = check_matrix(
        cast,
        "get",
        reverse("reports:report_list"),
        expectations(200, asn=403, asn_other_opd=403, anonymous=302),
    )
    html = responses["kepala_opd"].content.decode()
    assert f'data-testid="report-row-{rep.disdik.pk}"' in html and f"report-row-{rep.dinkes.pk}" not in html
    assert "Kecamatan Anggrek" in responses["camat"].content.decode()
    assert 'data-testid="report-empty"' in responses["other_tenant"].content.decode()
    check_matrix(cast, "get", reverse("reports:verify_queue"), expectations(403, verifier=200, anonymous=302))


def test_detail_matrix(cast, rep):
    url = reverse("reports:report_detail", args=[rep.disdik.pk])
    check_matrix(cast, "get", url, expectations(404, anonymous=302, **dict.fromkeys(SEES_DISDIK, 200)))
    url = reverse("reports:report_detail", args=[rep.kec.pk])
    check_matrix(cast, "get", url, expectations(404, anonymous=302, **dict.fromkeys(SEES_KEC, 200)))


def test_fill_and_submit_forms_matrix(cast, rep):
    pk = rep.disdik.pk
    check_matrix(cast, "get", reverse("reports:report_edit", args=[pk]), by_role(["kepala_opd"], 200))
    check_matrix(cast, "get", reverse("reports:report_submit", args=[pk]), by_role(["kepala_opd"], 200))
    check_matrix(
        cast,
        "post",
        reverse("reports:report_edit", args=[pk]),
        by_role(["kepala_opd"], 302),
        data={f"actual_{rep.plan.indicator.pk}": "74,5", "problems": "-"},
        **FORM,
    )
    check_matrix(
        cast,
        "post",
        reverse("reports:value_save", args=[pk, rep.plan.indicator.pk]),
        by_role(["kepala_opd"], 302),
        data={f"actual_{rep.plan.indicator.pk}": "74,5"},
        **FORM,
    )
    filled(cast, rep)
    check_matrix(
        cast, "post", reverse("reports:report_submit", args=[pk]), by_role(["kepala_opd"], 302), data={}, **FORM
    )
    kec = reverse("reports:report_edit", args=[rep.kec.pk])
    check_matrix(cast, "get", kec, by_role(["camat"], 200, sees=SEES_KEC))


def test_verify_and_return_forms_matrix(cast, rep):
    submitted(cast, rep)
    pk = rep.disdik.pk
    for name in ("reports:report_verify", "reports:report_return"):
        check_matrix(cast, "get", reverse(name, args=[pk]), by_role(["verifier"], 200))
    check_matrix(cast, "post", reverse("reports:report_verify", args=[pk]), by_role(["verifier"], 302), data={}, **FORM)
    check_matrix(
        cast,
        "post",
        reverse("reports:report_return", args=[pk]),
        by_role(["verifier"], 302),
        data={"reason": "Lampirkan rekap"},
        **FORM,
    )


def test_evidence_access_by_persona(cast, rep):
    evidence = services.evidence_upload(actor=rep.operator, report=rep.disdik, file=upload("rekap.pdf", PDF))
    url = reverse("reports:evidence_download", args=[evidence.pk])
    responses = check_matrix(cast, "get", url, expectations(404, anonymous=302, **dict.fromkeys(SEES_DISDIK, 200)))
    response = responses["verifier"]
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment") and "rekap.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff" and response["Content-Type"] == "application/pdf"
    check_matrix(
        cast,
        "post",
        reverse("reports:evidence_upload", args=[rep.disdik.pk]),
        by_role(["kepala_opd"], 302),
        data={"file": upload("foto.png", PNG), "target": ""},
        **FORM,
    )
    check_matrix(
        cast,
        "post",
        reverse("reports:evidence_remove", args=[evidence.pk]),
        by_role(["kepala_opd"], 302),
        data={},
        **FORM,
    )
    services.evidence_remove(actor=rep.operator, evidence=evidence)
    assert cast.client_for("verifier").get(url).status_code == 404  # removed evidence is no longer served


def test_edit_page_shows_targets_and_keeps_what_was_typed_on_error(cast, rep):
    client = cast.client_for("kepala_opd")
    url = reverse("reports:report_edit", args=[rep.disdik.pk])
    html = client.get(url).content.decode()
    targets = html[html.index('data-testid="targets-IK1"') :][:600]
    assert "75" in targets and "100" in targets  # period (Q3) target and annual target
    key = f"actual_{rep.plan.indicator.pk}"
    response = client.post(url, {key: "tujuh puluh", "problems": "Guru kurang"})
    html = response.content.decode()
    assert response.status_code == 400 and "IK1 Angka partisipasi murni SD" in html and 'value="tujuh puluh"' in html
    assert "Guru kurang" in html and Report.objects.get(pk=rep.disdik.pk).problems == ""


def test_htmx_row_save_answers_the_row(cast, rep):
    client = cast.client_for("kepala_opd")
    url = reverse("reports:value_save", args=[rep.disdik.pk, rep.plan.indicator.pk])
    key = f"actual_{rep.plan.indicator.pk}"
    html = client.post(url, {key: "80,5"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-testid="saved-IK1"' in html and "<html" not in html
    html = client.post(url, {key: "abc"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-testid="error-IK1"' in html and 'value="abc"' in html
    assert str(rep.disdik.values.get().actual) == "80.5000"


def test_upload_of_a_wrong_file_shows_why(cast, rep):
    client = cast.client_for("kepala_opd")
    response = client.post(
        reverse("reports:evidence_upload", args=[rep.disdik.pk]), {"file": upload("foto.pdf", PNG)}, follow=True
    )
    assert "bernama PDF tetapi isinya PNG" in response.content.decode() and not Evidence.objects.exists()


def test_the_report_page_shows_the_history_and_the_return_reason(cast, rep):
    submitted(cast, rep)
    services.report_return(
        actor=cast.users["verifier"], report=rep.disdik, reason="Lampirkan rekap", today=dt.date(2026, 10, 10)
    )
    html = cast.client_for("kepala_opd").get(reverse("reports:report_detail", args=[rep.disdik.pk])).content.decode()
    assert 'data-testid="return-reason-shown"' in html and "Lampirkan rekap" in html
    assert 'data-testid="step-return"' in html and 'data-testid="action-submit"' in html
    verifier = cast.client_for("verifier").get(reverse("reports:report_detail", args=[rep.disdik.pk])).content.decode()
    assert 'data-testid="action-verify"' not in verifier  # returned: nothing to decide


def test_list_filters(cast, rep):
    submitted(cast, rep)
    client = cast.client_for("bupati")
    html = client.get(reverse("reports:report_list"), {"status": "submitted"}).content.decode()
    assert f"report-row-{rep.disdik.pk}" in html and f"report-row-{rep.dinkes.pk}" not in html
    html = client.get(
        reverse("reports:report_list"), {"ketepatan": "missing", "unit": cast.units["dinkes"].pk}
    ).content.decode()
    assert f"report-row-{rep.dinkes.pk}" in html and f"report-row-{rep.disdik.pk}" not in html


def _more_data(cast, rep):
    """More units, indicators, evidence and history: nothing may add a query."""
    system = SystemActor(tenant_id=cast.tenant.pk, label="test")
    for unit in ("setda", "bkpsdm", "disdik"):
        for n in range(3):
            planning.indicator_create(
                actor=system,
                org_unit=cast.units[unit],
                period=rep.plan.period,
                level=IndicatorLevel.OPD,
                data=planning.IndicatorData(code=f"{unit}{n}", name=f"Indikator {n}", unit_of_measure="%"),
            )
    services.reports_open_due(actor=system, today=dt.date(2026, 10, 5))
    for value in rep.disdik.values.all():
        services.evidence_upload(actor=rep.operator, report=rep.disdik, file=upload("a.pdf", PDF), value=value)
    services.evidence_upload(actor=rep.operator, report=rep.disdik, file=upload("b.pdf", PDF))
    services.report_fill(
        actor=rep.operator,
        report=rep.disdik,
        values=[services.ValueEntry(v.indicator_id, "1") for v in rep.disdik.values.all()],
    )
    services.report_submit(actor=cast.users["kepala_opd"], report=rep.disdik, today=dt.date(2026, 10, 9))
    services.report_return(actor=cast.users["verifier"], report=rep.disdik, reason="x", today=dt.date(2026, 10, 9))


#: session, user, role assignments, tenant (today), count, rows, unit choices, notice bell.
LIST_QUERIES = 8
#: session, user, role assignments, tenant; report; evidence; values; period targets; annual targets;
#: earlier values; history; notice bell; the verifier's employee name in the navigation bar.
DETAIL_QUERIES = 13


def test_list_query_count_is_fixed(cast, rep, django_assert_num_queries):
    client = cast.client_for("bupati")
    url = reverse("reports:report_list")
    client.get(url)
    with django_assert_num_queries(LIST_QUERIES):
        client.get(url)
    _more_data(cast, rep)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(url)
    assert response.context["paginator"].count > 25  # several pages of rows


def test_report_page_query_count_is_fixed(cast, rep, django_assert_num_queries):
    client = cast.client_for("verifier")
    url = reverse("reports:report_detail", args=[rep.disdik.pk])
    client.get(url)
    with django_assert_num_queries(DETAIL_QUERIES):
        client.get(url)
    _more_data(cast, rep)
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(url)
    assert len(response.context["page"].rows) == 4 and len(response.context["page"].steps) == 3


def test_numbers_are_shown_in_indonesian_without_trailing_zeros(cast, rep):
    services.report_fill(
        actor=rep.operator, report=rep.disdik, values=[services.ValueEntry(rep.plan.indicator.pk, "1.074,25")]
    )
    client = cast.client_for("kepala_opd")
    html = client.get(reverse("reports:report_detail", args=[rep.disdik.pk])).content.decode()
    assert "1.074,25" in html and "1.074,2500" not in html
    html = client.get(reverse("reports:report_edit", args=[rep.disdik.pk])).content.decode()
    assert 'value="1074,25"' in html  # reads back the same when saved again
