"""The punch-file API: upload and dry run (multipart), manual punches, the batch history; matrices and
pinned query counts."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from pamong.attendance.models import IngestBatch, Punch
from pamong.attendance.services.files import punch_file_import
from pamong.core.testing.matrix import check_matrix, session_client, token_client
from pamong.core.testing.personas import expectations

from .files_support import csv_bytes, device_of, operator, sample

pytestmark = pytest.mark.django_db

ROLE_VIEWERS = ("bupati", "sekda", "asisten", "kepala_opd", "camat", "hr_admin", "other_tenant")
SEES_DISDIK = ("bupati", "sekda", "asisten", "kepala_opd", "hr_admin")
FILES = "/api/attendance/punch-files/"
BATCHES = "/api/attendance/batches/"
MANUAL = "/api/attendance/manual-punches/"


class Rewinding(SimpleUploadedFile):
    """Sent from its start by every persona of a matrix."""

    def read(self, *args, **kwargs):
        self.seek(0)
        return super().read(*args, **kwargs)


def yesterday(cast) -> dt.date:
    return timezone.localtime(timezone.now(), cast.tenant.zone).date() - dt.timedelta(days=1)


def citra_csv(cast, *extra) -> bytes:
    return csv_bytes(
        [["NIP", "TANGGAL", "JAM"], [cast.employees["asn"].nip, yesterday(cast).isoformat(), "07:25"], *extra]
    )


def token_for(user) -> APIClient:
    from rest_framework.authtoken.models import Token

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


@pytest.mark.parametrize("client_for", [token_client, session_client], ids=["token", "session"])
def test_upload_matrix(cast, client_for):
    responses = check_matrix(
        cast,
        "post",
        FILES,
        # Who sees Disdik but may not upload: 403; who cannot see it: 404.
        expectations(404, anonymous=401, **{**dict.fromkeys(SEES_DISDIK, 403), "hr_admin": 200}),
        data={"file": Rewinding("a.csv", citra_csv(cast)), "org_unit": cast.units["disdik"].pk, "dry_run": "true"},
        content_type=None,
        client_for=client_for,
    )
    body = responses["hr_admin"].json()
    assert (body["dry_run"], body["format"], body["accepted"], body["batch"]) == (True, "csv", 1, None)
    assert not IngestBatch.objects.exists()


@pytest.mark.parametrize("client_for", [token_client, session_client], ids=["token", "session"])
def test_batch_list_matrix(cast, client_for):
    punch_file_import(
        actor=cast.users["hr_admin"], content=citra_csv(cast), file_name="a.csv", org_unit_id=cast.units["disdik"].pk
    )
    responses = check_matrix(
        cast,
        "get",
        BATCHES,
        expectations(403, anonymous=401, **dict.fromkeys(ROLE_VIEWERS, 200)),
        client_for=client_for,
    )
    assert responses["hr_admin"].json()["count"] == 1
    assert responses["camat"].json()["count"] == 0
    assert responses["other_tenant"].json()["count"] == 0


def test_batch_detail_matrix(cast):
    report = punch_file_import(
        actor=cast.users["hr_admin"],
        content=citra_csv(cast, ["", "2026-11-16", "07:00"]),
        file_name="a.csv",
        org_unit_id=cast.units["disdik"].pk,
    )
    responses = check_matrix(
        cast,
        "get",
        f"{BATCHES}{report.batch_id}/",
        expectations(404, anonymous=401, **dict.fromkeys(SEES_DISDIK, 200)),
        client_for=token_client,
    )
    body = responses["kepala_opd"].json()
    assert (body["source"], body["file_name"], body["accepted"], body["rejected"]) == ("file", "a.csv", 1, 1)
    assert [(e["line"], e["code"]) for e in body["errors"]] == [(3, "no_identity")]


def test_manual_matrix(cast):
    data = {
        "nip": cast.employees["asn"].nip,
        "punched_at": f"{yesterday(cast).isoformat()}T07:29:00",
        "status": 0,
        "reason": "Mesin rusak pada hari itu",
    }
    responses = check_matrix(
        cast,
        "post",
        MANUAL,
        # Citra herself (asn) sees her own record: 403 too.
        expectations(404, anonymous=401, **{**dict.fromkeys((*SEES_DISDIK, "asn"), 403), "hr_admin": 201}),
        data=data,
        client_for=token_client,
    )
    assert responses["hr_admin"].json()["source"] == "manual"
    assert "nip" in responses["camat"].json()["fields"]


def test_upload_imports_and_resend_is_all_duplicates(cast):
    client = token_for(cast.users["hr_admin"])
    device = device_of(cast)
    from .files_support import map_pins

    map_pins(cast)
    day = yesterday(cast)
    content = "".join(f"101\t{day} 07:{m:02d}:00\t0\t1\t0\t0\n" for m in range(10, 20)).encode()
    first = client.post(FILES, {"file": SimpleUploadedFile("x.dat", content), "device": device.pk}, format="multipart")
    assert first.status_code == 201, first.json()
    assert (first.json()["accepted"], first.json()["org_unit"]) == (10, cast.units["disdik"].pk)
    again = client.post(FILES, {"file": SimpleUploadedFile("x.dat", content), "device": device.pk}, format="multipart")
    assert (again.json()["accepted"], again.json()["duplicates"]) == (0, 10)
    assert Punch.objects.count() == 10


def test_wrong_format_is_a_400_naming_what_was_expected(cast):
    client = token_for(cast.users["hr_admin"])
    response = client.post(
        FILES,
        {"file": SimpleUploadedFile("presensi.xlsx", sample("bad/surat.pdf")), "org_unit": cast.units["disdik"].pk},
        format="multipart",
    )
    assert response.status_code == 400
    assert "dokumen PDF" in response.json()["detail"] and "file" in response.json()["fields"]


def test_operator_of_another_opd_gets_404(cast):
    client = token_for(operator(cast, "dinkes"))
    response = client.post(
        FILES,
        {"file": SimpleUploadedFile("a.csv", citra_csv(cast)), "org_unit": cast.units["disdik"].pk},
        format="multipart",
    )
    assert response.status_code == 404
    # ... and sees nothing of Disdik in the history, but his own unit's batches.
    punch_file_import(
        actor=cast.users["hr_admin"], content=citra_csv(cast), file_name="a.csv", org_unit_id=cast.units["disdik"].pk
    )
    assert client.get(BATCHES).json()["count"] == 0


def test_batch_list_filters(cast):
    report = punch_file_import(
        actor=cast.users["hr_admin"], content=citra_csv(cast), file_name="a.csv", org_unit_id=cast.units["disdik"].pk
    )
    client = token_for(cast.users["hr_admin"])
    assert [b["id"] for b in client.get(BATCHES, {"source": "file"}).json()["results"]] == [report.batch_id]
    assert client.get(BATCHES, {"source": "device"}).json()["count"] == 0
    assert client.get(BATCHES, {"org_unit": cast.units["dinkes"].pk}).json()["count"] == 0
    assert client.get(BATCHES, {"org_unit": cast.units["root"].pk}).json()["count"] == 1
    later = (yesterday(cast) + dt.timedelta(days=3)).isoformat()
    assert client.get(BATCHES, {"day_from": later}).json()["count"] == 0


def test_batch_list_query_count_is_pinned(cast, django_assert_num_queries):
    client = token_for(cast.users["hr_admin"])
    unit = cast.units["disdik"].pk
    punch_file_import(actor=cast.users["hr_admin"], content=citra_csv(cast), file_name="a.csv", org_unit_id=unit)
    # token + user, tenant, role grants, count, rows
    with django_assert_num_queries(5):
        assert client.get(BATCHES).json()["count"] == 1
    for minute in range(30, 36):
        rows = [cast.employees["asn"].nip, yesterday(cast).isoformat(), f"08:{minute}"]
        punch_file_import(
            actor=cast.users["hr_admin"], content=citra_csv(cast, rows), file_name="b.csv", org_unit_id=unit
        )
    with django_assert_num_queries(5):
        assert client.get(BATCHES).json()["count"] == 7
