"""The imports API: permission matrix over every persona, upload, list and detail with errors."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pamong.core.testing.personas import PERSONAS, expectations
from pamong.imports.models import ImportBatch

from .builders import EMPLOYEE_HEADER, csv_bytes, employee_row, run
from .test_views import ANONYMOUS, bad_file, client_for

pytestmark = pytest.mark.django_db

LIST_URL = "/api/imports/"


@pytest.fixture
def rejected(cast):
    return run(cast.users["hr_admin"], "employees", "salah.csv", bad_file())


def unauthenticated(status: int) -> bool:
    return status in (401, 403)


@pytest.mark.parametrize("persona", [*PERSONAS, ANONYMOUS])
def test_list_and_detail_permission_matrix(cast, rejected, persona):
    client = client_for(cast, persona)
    listed = client.get(LIST_URL)
    detail = client.get(f"{LIST_URL}{rejected.pk}/")
    if persona == ANONYMOUS:
        assert unauthenticated(listed.status_code) and unauthenticated(detail.status_code)
        return
    expected_list = expectations(404, hr_admin=200, other_tenant=200)[persona]
    expected_detail = expectations(404, hr_admin=200)[persona]
    assert (listed.status_code, detail.status_code) == (expected_list, expected_detail), persona
    if persona == "other_tenant":
        assert listed.json()["results"] == []


@pytest.mark.parametrize("persona", [*PERSONAS, ANONYMOUS])
def test_upload_permission_matrix(cast, persona):
    upload = SimpleUploadedFile("pegawai.csv", csv_bytes(EMPLOYEE_HEADER, [employee_row(0)]))
    response = client_for(cast, persona).post(LIST_URL, {"kind": "employees", "file": upload})
    if persona == ANONYMOUS:
        assert unauthenticated(response.status_code)
    else:
        assert response.status_code == expectations(404, hr_admin=201, other_tenant=201)[persona], persona
    assert ImportBatch.objects.filter(created_by__username=persona).count() == (response.status_code == 201)


def test_upload_returns_the_batch_and_the_detail_has_the_errors(cast, rejected):
    client = client_for(cast, "hr_admin")
    upload = SimpleUploadedFile("pegawai.csv", csv_bytes(EMPLOYEE_HEADER, [employee_row(0)]))
    created = client.post(LIST_URL, {"kind": "employees", "file": upload}).json()
    assert (created["kind"], created["status"], created["original_name"]) == ("employees", "uploaded", "pegawai.csv")
    detail = client.get(f"{LIST_URL}{rejected.pk}/").json()
    assert (detail["status"], detail["error_count"], detail["error_rows"]) == ("rejected", 2, 2)
    assert detail["errors"][0] == {
        "row": 3,
        "column": "NIP_BARU",
        "value": "123",
        "message": "NIP harus terdiri dari 18 digit (tanpa spasi), tetapi panjangnya 3 karakter.",
    }
    listed = client.get(LIST_URL).json()["results"]
    assert [b["id"] for b in listed] == [created["id"], rejected.pk]
    assert "errors" not in listed[0]


def test_a_refused_file_is_a_400_on_the_file_field(cast):
    upload = SimpleUploadedFile("pegawai.xls", b"\xd0\xcf\x11\xe0")
    response = client_for(cast, "hr_admin").post(LIST_URL, {"kind": "employees", "file": upload})
    assert response.status_code == 400
    assert response.json()["code"] == "validation_failed"
    assert ".xls" in response.json()["fields"]["file"][0]
    assert not ImportBatch.objects.exists()


def test_missing_kind_is_a_400(cast):
    upload = SimpleUploadedFile("pegawai.csv", b"NIP\n")
    response = client_for(cast, "hr_admin").post(LIST_URL, {"kind": "gaji", "file": upload})
    assert response.status_code == 400
    assert "kind" in response.json()["fields"]
