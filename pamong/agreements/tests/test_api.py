"""Agreements API: permission matrix of every endpoint, the whole workflow through the API, refusals,
verification, and the pinned query count of the list."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pamong.agreements import documents, selectors
from pamong.agreements.models import AgreementSignature, PerformanceAgreement
from pamong.agreements.testing import drafted, signed, submitted
from pamong.core.testing.matrix import check_matrix, session_client, token_client
from pamong.core.testing.personas import expectations

pytestmark = pytest.mark.django_db

SEES_DISDIK = ("bupati", "sekda", "asisten", "kepala_opd", "verifier", "hr_admin", "planner")
MANAGES_DISDIK = ("kepala_opd", "planner")
READ = expectations(404, anonymous=401, **dict.fromkeys(SEES_DISDIK, 200))
SIGNERS = ("kepala_opd", "bupati")


def write(status):
    return expectations(
        404, anonymous=401, **{**dict.fromkeys(SEES_DISDIK, 403), **dict.fromkeys(MANAGES_DISDIK, status)}
    )


class Rewinding(SimpleUploadedFile):
    """An upload that can be sent once per persona."""

    def read(self, *args, **kwargs):
        self.seek(0)
        return super().read(*args, **kwargs)


@pytest.mark.parametrize("client_for", [token_client, session_client], ids=["token", "session"])
def test_list_and_retrieve_follow_scope(cast, aplan, client_for):
    agreement = drafted(cast)
    signed(cast, "kec")
    responses = check_matrix(cast, "get", "/api/agreements/", expectations(200, anonymous=401), client_for=client_for)
    units = {
        p: {r["org_unit"]["code"] for r in resp.json()["results"]} for p, resp in responses.items() if p != "anonymous"
    }
    assert units["bupati"] == {"DISDIK", "KEC-A"} and units["kepala_opd"] == {"DISDIK"}
    assert units["camat"] == {"KEC-A"} and units["asn"] == set() and units["other_tenant"] == set()
    check_matrix(cast, "get", f"/api/agreements/{agreement.pk}/", READ, client_for=client_for)


def test_content_pdf_and_units_endpoints(cast, aplan):
    agreement = submitted(cast)
    responses = check_matrix(cast, "get", f"/api/agreements/{agreement.pk}/content/", READ, client_for=token_client)
    body = responses["verifier"].json()
    assert body["sha256"] == body["stored_hash"] == agreement.content_hash
    assert body["content"]["unit"] == {"code": "DISDIK", "name": "Dinas Pendidikan"}
    responses = check_matrix(cast, "get", f"/api/agreements/{agreement.pk}/pdf/", READ, client_for=token_client)
    assert responses["bupati"]["Content-Type"] == "application/pdf"
    responses = check_matrix(
        cast, "get", "/api/agreements/units/?year=2026", expectations(200, anonymous=401), client_for=token_client
    )
    rows = {r["unit"]["code"]: r for r in responses["bupati"].json()["rows"]}
    assert rows["DISDIK"]["state"] == "awaiting" and rows["DINKES"]["state"] == "missing"
    assert responses["bupati"].json()["counts"]["missing"] == 5
    assert responses["asn"].json()["rows"] == []


@pytest.mark.parametrize("client_for", [token_client, session_client], ids=["token", "session"])
def test_create_matrix(cast, aplan, client_for):
    body = {"org_unit": cast.units["disdik"].pk, "year": 2026, "budget_lines": [{"program": "P", "ceiling": 5}]}
    expected = expectations(
        403,
        anonymous=401,
        camat=400,
        asn=400,
        asn_other_opd=400,
        other_tenant=400,
        **dict.fromkeys(MANAGES_DISDIK, 201),
    )
    responses = check_matrix(cast, "post", "/api/agreements/", expected, data=body, client_for=client_for)
    created = responses["planner"].json()
    assert created["status"] == "draft" and [i["indicator_code"] for i in created["items"]] == ["IK1", "IK2"]
    assert created["items"][0]["trajectory"] == {"1": "25", "2": "50", "3": "75", "4": "100"}
    assert created["budget_lines"] == [{"number": 1, "program": "P", "ceiling": 5}]


def test_draft_changes_matrix(cast, aplan):
    agreement = drafted(cast)
    url = f"/api/agreements/{agreement.pk}/"
    check_matrix(cast, "patch", url, write(200), data={"place": "Uji Baru"}, client_for=token_client)
    check_matrix(cast, "post", url + "submit/", write(200), client_for=token_client)
    check_matrix(cast, "post", url + "cancel/", write(200), data={"reason": "Salah"}, client_for=token_client)


def test_reopen_and_revise_matrix(cast, aplan):
    agreement = submitted(cast)
    url = f"/api/agreements/{agreement.pk}/"
    check_matrix(cast, "post", url + "reopen/", write(200), data={"reason": "Salah"}, client_for=token_client)
    kec = signed(cast, "kec")
    sees_kec = ("bupati", "sekda", "asisten", "camat", "verifier", "hr_admin", "planner")
    expected = expectations(404, anonymous=401, **{**dict.fromkeys(sees_kec, 403), "camat": 201, "planner": 201})
    check_matrix(
        cast, "post", f"/api/agreements/{kec.pk}/revise/", expected, data={"reason": "APBD-P"}, client_for=token_client
    )


@pytest.mark.parametrize("client_for", [token_client, session_client], ids=["token", "session"])
def test_sign_matrix(cast, aplan, client_for):
    agreement = submitted(cast)
    url = f"/api/agreements/{agreement.pk}/sign/"
    base = {**dict.fromkeys(SEES_DISDIK, 403), "anonymous": 401}
    head = {"party": "head", "content_hash": agreement.content_hash}
    check_matrix(cast, "post", url, expectations(404, **{**base, "kepala_opd": 201}), data=head, client_for=client_for)
    region = {"party": "region_head", "content_hash": agreement.content_hash}
    check_matrix(cast, "post", url, expectations(404, **{**base, "bupati": 201}), data=region, client_for=client_for)
    pact = {"content_hash": agreement.integrity_pact.content_hash}
    check_matrix(
        cast,
        "post",
        f"/api/agreements/{agreement.pk}/integrity-pact/sign/",
        expectations(404, **{**base, "kepala_opd": 201}),
        data=pact,
        client_for=client_for,
    )
    assert not AgreementSignature.objects.exists()


def test_whole_workflow_through_the_api(cast, aplan):
    planner, head, bupati = (token_client(cast, p) for p in ("planner", "kepala_opd", "bupati"))
    response = planner.post("/api/agreements/", {"org_unit": cast.units["disdik"].pk, "year": 2026}, format="json")
    pk = response.json()["id"]
    assert (
        planner.post("/api/agreements/", {"org_unit": cast.units["disdik"].pk, "year": 2026}, format="json").status_code
        == 409
    )
    response = planner.patch(
        f"/api/agreements/{pk}/", {"indicator_ids": [aplan.plan.indicator.pk], "place": "Uji"}, format="json"
    )
    assert [i["indicator_code"] for i in response.json()["items"]] == ["IK1"]
    body = planner.post(f"/api/agreements/{pk}/submit/").json()
    assert body["status"] == "awaiting" and body["verification_code"]
    digest, pact_hash = body["content_hash"], body["integrity_pact"]["content_hash"]
    refused = bupati.post(f"/api/agreements/{pk}/sign/", {"party": "head", "content_hash": digest}, format="json")
    assert refused.status_code == 403 and "bukan kepala" in refused.json()["detail"]
    stale = head.post(f"/api/agreements/{pk}/sign/", {"party": "head", "content_hash": "ab" * 32}, format="json")
    assert stale.status_code == 409 and stale.json()["code"] == "stale_hash"
    assert (
        head.post(f"/api/agreements/{pk}/sign/", {"party": "head", "content_hash": digest}, format="json").status_code
        == 201
    )
    again = head.post(f"/api/agreements/{pk}/sign/", {"party": "head", "content_hash": digest}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "already_signed"
    assert (
        head.post(f"/api/agreements/{pk}/integrity-pact/sign/", {"content_hash": pact_hash}, format="json").status_code
        == 201
    )
    response = bupati.post(
        f"/api/agreements/{pk}/sign/", {"party": "region_head", "content_hash": digest}, format="json"
    )
    assert response.status_code == 201 and response.json()["signer_title"] == "Bupati Uji"
    body = planner.get(f"/api/agreements/{pk}/").json()
    assert body["status"] == "signed" and len(body["signatures"]) == 3
    edit = planner.patch(f"/api/agreements/{pk}/", {"place": "Lain"}, format="json")
    assert edit.status_code == 409 and edit.json()["code"] == "signed"


def test_bad_input_gets_clear_messages(cast, aplan):
    client = token_client(cast, "planner")
    response = client.post("/api/agreements/", {"org_unit": cast.units["disdik"].pk, "year": "dua ribu"}, format="json")
    assert response.status_code == 400 and "year" in response.json()["fields"]
    response = client.post("/api/agreements/", {"org_unit": cast.units["dinkes"].pk, "year": 2026}, format="json")
    assert response.status_code == 400
    assert (
        "Indikator IKX Waktu tunggu pasien belum memiliki target tahunan 2026."
        in response.json()["fields"]["indicators"]
    )
    response = client.post(
        "/api/agreements/",
        {"org_unit": cast.units["disdik"].pk, "year": 2026, "budget_lines": [{"program": "P", "ceiling": "banyak"}]},
        format="json",
    )
    assert response.status_code == 400 and not PerformanceAgreement.objects.exists()


def test_verify_endpoint_by_code_and_file(cast, aplan):
    agreement = signed(cast)
    responses = check_matrix(
        cast,
        "post",
        "/api/agreements/verify/",
        expectations(200, anonymous=401),
        data={"code": agreement.verification_code},
        client_for=token_client,
    )
    assert responses["sekda"].json()["matches"] is True and responses["sekda"].json()["agreement"]["version"] == 1
    assert responses["camat"].json()["found"] is False and responses["other_tenant"].json()["found"] is False
    loaded = selectors.agreement_queryset(actor=cast.users["planner"]).get(pk=agreement.pk)
    pdf = documents.agreement_pdf(loaded, verify_url="http://testserver/perjanjian-kinerja/verifikasi/")
    client = token_client(cast, "verifier")
    upload = Rewinding("PK.pdf", pdf, content_type="application/pdf")
    body = client.post("/api/agreements/verify/", {"file": upload}, format="multipart").json()
    assert body["matches"] and body["via"] == "file" and body["presented"] == agreement.content_hash
    fake = SimpleUploadedFile("PK.pdf", b"GIF89a not a pdf", content_type="application/pdf")
    response = client.post("/api/agreements/verify/", {"file": fake}, format="multipart")
    assert response.status_code == 400 and "bukan PDF" in response.json()["detail"]
    assert client.post("/api/agreements/verify/", {}, format="json").status_code == 400


#: token + user, role assignments, tenant, count, rows (units joined).
LIST_QUERIES = 5


@pytest.mark.parametrize("extra", [False, True])
def test_list_endpoint_runs_a_fixed_number_of_queries(cast, aplan, django_assert_num_queries, extra):
    drafted(cast)
    if extra:
        signed(cast, "kec")
        v1 = PerformanceAgreement.objects.get(unit_code="KEC-A")
        from pamong.agreements import services

        services.agreement_revise(actor=cast.users["planner"], agreement=v1, reason="APBD-P")
    client = token_client(cast, "bupati")
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get("/api/agreements/?year=2026")
    assert response.json()["count"] == (3 if extra else 1)
