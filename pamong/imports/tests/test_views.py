"""The imports pages: permission matrix over every persona, the upload flow, polling, downloads, query counts."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from openpyxl import load_workbook

from pamong.core.testing.personas import PERSONAS, expectations
from pamong.imports.columns import SAMPLE_DIR
from pamong.imports.models import ImportBatch

from .builders import EMPLOYEE_HEADER, csv_bytes, employee_row, run

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"


def client_for(cast, persona: str) -> Client:
    """``cast.client_for`` with the second factor passed for every admin-level persona.

    ``other_tenant`` is an HR admin of another tenant: verified here so the matrix
    tests the tenant boundary, not the TOTP redirect.
    """
    client = cast.client_for(persona)
    if persona == "other_tenant":
        user = cast.users[persona]
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


def bad_file() -> bytes:
    rows = [employee_row(i) for i in range(4)]
    rows[1][0] = "123"
    rows[3][EMPLOYEE_HEADER.index("GOL_AKHIR")] = "III/z"
    return csv_bytes(EMPLOYEE_HEADER, rows)


@pytest.fixture
def rejected(cast):
    return run(cast.users["hr_admin"], "employees", "salah.csv", bad_file())


ONLY_IMPORTERS = expectations(404, hr_admin=200, other_tenant=200, anonymous=302)
ONLY_OWN_TENANT_IMPORTER = expectations(404, hr_admin=200, anonymous=302)


@pytest.mark.parametrize(
    ("url_name", "needs_batch", "expected"),
    [
        ("imports:batch_list", False, ONLY_IMPORTERS),
        ("imports:batch_create", False, ONLY_IMPORTERS),
        ("imports:batch_detail", True, ONLY_OWN_TENANT_IMPORTER),
        ("imports:batch_errors", True, ONLY_OWN_TENANT_IMPORTER),
        ("imports:sample", False, ONLY_IMPORTERS),
    ],
)
@pytest.mark.parametrize("persona", [*PERSONAS, ANONYMOUS])
def test_page_permission_matrix(cast, rejected, persona, url_name, needs_batch, expected):
    if url_name == "imports:sample":
        url = reverse(url_name, args=["units.csv"])
    else:
        url = reverse(url_name, args=[rejected.pk]) if needs_batch else reverse(url_name)
    response = client_for(cast, persona).get(url)
    assert response.status_code == expected[persona], persona
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("access:login"))


@pytest.mark.parametrize("persona", [*PERSONAS, ANONYMOUS])
def test_upload_permission_matrix(cast, persona):
    expected = expectations(404, hr_admin=302, other_tenant=302, anonymous=302)
    upload = SimpleUploadedFile("pegawai.csv", csv_bytes(EMPLOYEE_HEADER, [employee_row(0)]))
    response = client_for(cast, persona).post(reverse("imports:batch_create"), {"kind": "employees", "file": upload})
    assert response.status_code == expected[persona], persona
    created = ImportBatch.objects.filter(created_by__username=persona)
    assert created.count() == (1 if expected[persona] == 302 and persona != ANONYMOUS else 0)
    if created:
        assert response["Location"] == reverse("imports:batch_detail", args=[created.get().pk])
        assert created.get().tenant == cast.users[persona].tenant


def test_upload_runs_the_job_after_commit_and_the_detail_shows_the_counts(cast, django_capture_on_commit_callbacks):
    client = client_for(cast, "hr_admin")
    upload = SimpleUploadedFile("pegawai.csv", csv_bytes(EMPLOYEE_HEADER, [employee_row(i) for i in range(3)]))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("imports:batch_create"), {"kind": "employees", "file": upload})
    assert len(callbacks) == 1
    batch = ImportBatch.objects.get()
    assert (batch.status, batch.created_count) == ("applied", 3)
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="import-applied"' in page
    assert 'data-testid="count-created">3<' in page
    assert "hx-trigger" not in page  # finished: no more polling


def test_a_refused_file_type_is_shown_on_the_form_and_stores_nothing(cast):
    client = client_for(cast, "hr_admin")
    upload = SimpleUploadedFile("pegawai.pdf", b"%PDF-1.4")
    response = client.post(reverse("imports:batch_create"), {"kind": "employees", "file": upload})
    assert response.status_code == 200
    assert "Berkas harus berformat .xlsx atau .csv" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_rejected_batch_lists_every_error(cast, rejected):
    page = client_for(cast, "hr_admin").get(reverse("imports:batch_detail", args=[rejected.pk])).content.decode()
    assert "Berkas ditolak: 2 kesalahan pada 2 baris. Tidak ada data yang diubah." in page
    table = page[page.index('data-testid="import-errors"') :]
    assert '<td><code>NIP_BARU</code></td><td class="text-break">123</td>' in table
    assert "III/z" in table


def test_running_batch_polls_a_partial_with_a_progress_bar(cast, rejected):
    ImportBatch.objects.filter(pk=rejected.pk).update(status="validating", rows_total=200, rows_done=90)
    client = client_for(cast, "hr_admin")
    url = reverse("imports:batch_detail", args=[rejected.pk])
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial
    assert 'hx-trigger="every 1s"' in partial
    assert 'data-progress="45"' in partial
    assert "style=" not in partial  # CSP: the width comes from pamong.js
    full = client.get(url).content.decode()
    assert "<html" in full and 'id="batch-status"' in full


def test_error_report_downloads_as_xlsx(cast, rejected):
    response = client_for(cast, "hr_admin").get(reverse("imports:batch_errors", args=[rejected.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert [(r[0], r[1], r[2]) for r in rows] == [(3, "NIP_BARU", "123"), (5, "GOL_AKHIR", "III/z")]


def test_samples_download_and_unknown_names_are_404(cast):
    client = client_for(cast, "hr_admin")
    response = client.get(reverse("imports:sample", args=["units.csv"]))
    assert b"".join(response.streaming_content) == (SAMPLE_DIR / "units.csv").read_bytes()
    assert client.get(reverse("imports:sample", args=["models.py"])).status_code == 404
    form = client.get(reverse("imports:batch_create")).content.decode()
    for name in ("units.csv", "positions.csv", "employees.xlsx"):
        assert reverse("imports:sample", args=[name]) in form


def test_batch_list_query_count_does_not_grow_with_batches(cast, django_assert_num_queries):
    client = client_for(cast, "hr_admin")
    admin = cast.users["hr_admin"]
    run(admin, "employees", "a.csv", bad_file())
    client.get(reverse("imports:batch_list"))  # warm the session
    # session, user, OTP device, tenant + role grants (scope), count, the navbar user name (employee), rows
    with django_assert_num_queries(9):
        response = client.get(reverse("imports:batch_list"))
    assert response.status_code == 200
    for _ in range(5):
        run(admin, "employees", "a.csv", bad_file())
    with django_assert_num_queries(9):
        response = client.get(reverse("imports:batch_list"))
    assert response.content.decode().count("a.csv") == 6
