"""Reports API: permission matrix of every endpoint, bad input, pinned query count of the list."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pamong.core.testing.matrix import check_matrix, session_client, token_client
from pamong.core.testing.personas import expectations
from pamong.reports import services
from pamong.reports.models import ReportValue

from .files import PDF, PNG, upload

pytestmark = pytest.mark.django_db

SEES_DISDIK = ("bupati", "sekda", "asisten", "kepala_opd", "verifier", "hr_admin", "planner")
READ = expectations(404, anonymous=401, **dict.fromkeys(SEES_DISDIK, 200))


def write(allowed, code):
    return expectations(404, anonymous=401, **{**dict.fromkeys(SEES_DISDIK, 403), **dict.fromkeys(allowed, code)})


class Rewinding(SimpleUploadedFile):
    """An upload that can be sent once per persona."""

    def read(self, *args, **kwargs):
        self.seek(0)
        return super().read(*args, **kwargs)


def fill(cast, rep):
    services.report_fill(
        actor=rep.operator, report=rep.disdik, values=[services.ValueEntry(rep.plan.indicator.pk, "74")]
    )


def submit(cast, rep):
    fill(cast, rep)
    services.report_submit(actor=cast.users["kepala_opd"], report=rep.disdik, today=dt.date(2026, 10, 9))


@pytest.mark.parametrize("client_for", [token_client, session_client], ids=["token", "session"])
def test_list_and_detail(cast, rep, client_for):
    responses = check_matrix(cast, "get", "/api/reports/", expectations(200, anonymous=401), client_for=client_for)
    counts = {p: r.json()["count"] for p, r in responses.items() if r.status_code == 200}
    assert counts["kepala_opd"] == 4 and counts["camat"] == 4 and counts["bupati"] == 18
    assert counts["asn"] == 0 and counts["other_tenant"] == 0
    url = f"/api/reports/{rep.disdik.pk}/"
    responses = check_matrix(cast, "get", url, READ, client_for=client_for)
    body = responses["verifier"].json()
    assert body["values"][0]["indicator"]["code"] == "IK1" and body["values"][0]["period_target"] == "75.0000"
    assert body["report"]["late"] == "missing" and body["steps"][0]["kind"] == "open"


def test_put_values_matrix_and_bad_input(cast, rep):
    url = f"/api/reports/{rep.disdik.pk}/values/"
    body = {
        "values": [{"indicator": rep.plan.indicator.pk, "actual": "74,5", "note": ""}],
        "narrative": {"problems": "a"},
    }
    check_matrix(cast, "put", url, write(["kepala_opd"], 200), data=body, client_for=token_client)
    check_matrix(cast, "put", url, write(["kepala_opd"], 200), data=body, client_for=session_client)
    client = token_client(cast, "kepala_opd")
    bad = {"values": [{"indicator": rep.plan.indicator.pk, "actual": "tujuh"}], "narrative": {"problems": "b"}}
    response = client.put(url, bad, format="json")
    assert response.status_code == 400
    assert "IK1" in response.json()["fields"][f"value_{rep.plan.indicator.pk}"][0]
    assert ReportValue.objects.get(report=rep.disdik).actual is None
    response = client.put(url, {"values": [{"indicator": rep.plan.indicator.pk, "actual": 74.25}]}, format="json")
    assert response.status_code == 200 and response.json()["values"][0]["actual"] == "74.2500"


def test_put_sections(cast, rep):
    url = f"/api/reports/{rep.kec.pk}/sections/"
    body = {"sections": [{"topic": "order", "summary": "Aman", "figures": {"incidents": 2}}]}
    expected = expectations(
        404,
        anonymous=401,
        **{**dict.fromkeys(("bupati", "sekda", "asisten", "verifier", "hr_admin", "planner"), 403), "camat": 200},
    )
    responses = check_matrix(cast, "put", url, expected, data=body, client_for=token_client)
    order = next(s for s in responses["camat"].json()["sections"] if s["topic"] == "order")
    assert order["figures"] == {"incidents": "2"}


def test_evidence_upload_download_and_removal(cast, rep):
    url = f"/api/reports/{rep.disdik.pk}/evidence/"
    data = {"file": Rewinding("rekap.pdf", PDF), "indicator": rep.plan.indicator.pk, "description": "rekap"}
    check_matrix(cast, "post", url, write(["kepala_opd"], 201), data=data, content_type=None, client_for=token_client)
    client = token_client(cast, "kepala_opd")
    response = client.post(url, {"file": upload("foto.pdf", PNG)}, format="multipart")
    assert response.status_code == 400 and "isinya PNG" in response.json()["fields"]["file"][0]
    evidence = services.evidence_upload(actor=rep.operator, report=rep.disdik, file=upload("b.pdf", PDF))
    check_matrix(cast, "get", f"/api/reports/evidence/{evidence.pk}/", READ, client_for=token_client)
    responses = check_matrix(cast, "get", f"/api/reports/evidence/{evidence.pk}/file/", READ, client_for=token_client)
    response = responses["bupati"]
    assert b"".join(response.streaming_content) == PDF and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
    check_matrix(
        cast, "delete", f"/api/reports/evidence/{evidence.pk}/", write(["kepala_opd"], 204), client_for=token_client
    )


def test_workflow_endpoints_matrix(cast, rep):
    url = f"/api/reports/{rep.disdik.pk}/"
    response = token_client(cast, "kepala_opd").post(url + "submit/")
    assert response.status_code == 400 and "IK1" in response.json()["detail"]
    fill(cast, rep)
    check_matrix(cast, "post", url + "submit/", write(["kepala_opd"], 200), client_for=token_client)
    submit(cast, rep)
    check_matrix(cast, "post", url + "verify/", write(["verifier"], 200), client_for=token_client)
    check_matrix(cast, "post", url + "verify/", write(["verifier"], 200), client_for=session_client)
    check_matrix(cast, "post", url + "return/", write(["verifier"], 200), data={"reason": "x"}, client_for=token_client)
    verifier = token_client(cast, "verifier")
    response = verifier.post(url + "return/", {"reason": ""}, format="json")
    assert response.status_code == 400 and "reason" in response.json()["fields"]
    assert verifier.post(url + "verify/").json()["report"]["status"] == "verified"
    response = verifier.post(url + "verify/")
    assert response.status_code == 409
    queue = verifier.get("/api/reports/", {"queue": "true"}).json()
    assert queue["count"] == 0


#: token+user, role assignments, tenant (today), count, rows.
LIST_QUERIES = 5


def test_list_query_count_is_fixed(cast, rep, django_assert_num_queries):
    from .test_views import _more_data

    client = token_client(cast, "bupati")
    client.get("/api/reports/")
    with django_assert_num_queries(LIST_QUERIES):
        client.get("/api/reports/")
    _more_data(cast, rep)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get("/api/reports/")
    assert response.json()["count"] > 25
