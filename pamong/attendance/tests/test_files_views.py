"""Pages of punch files: permission matrices, the upload (check, CSV report, import), templates, batch
history with filters and pinned query counts, the batch report as CSV, the manual punch."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from pamong.attendance.choices import PunchSource
from pamong.attendance.models import IngestBatch, Punch
from pamong.attendance.services.files import punch_file_import
from pamong.attendance.services.punches import PunchIn, punches_ingest
from pamong.core.testing.matrix import check_matrix
from pamong.core.testing.personas import expectations

from .files_support import csv_bytes, device_of, map_pins, sample

pytestmark = pytest.mark.django_db

#: Who holds attendance.view through a role somewhere (other_tenant: in its own tenant).
ROLE_VIEWERS = ("bupati", "sekda", "asisten", "kepala_opd", "camat", "hr_admin", "other_tenant")
#: Who sees a batch of Dinas Pendidikan.
SEES_DISDIK = ("bupati", "sekda", "asisten", "kepala_opd", "hr_admin")


def yesterday(cast) -> dt.date:
    return timezone.localtime(timezone.now(), cast.tenant.zone).date() - dt.timedelta(days=1)


def citra_csv(cast, *extra_rows) -> bytes:
    day = yesterday(cast).strftime("%d/%m/%Y")
    return csv_bytes([["NIP", "TANGGAL", "JAM"], [cast.employees["asn"].nip, day, "07:25"], *extra_rows], sep=";")


def disdik_batch(cast) -> IngestBatch:
    report = punch_file_import(
        actor=cast.users["hr_admin"],
        content=citra_csv(cast, ["12345", "01/01/2026", "07:00"]),
        file_name="rekap.csv",
        org_unit_id=cast.units["disdik"].pk,
    )
    return IngestBatch.objects.get(pk=report.batch_id)


class Rewinding(SimpleUploadedFile):
    """A test upload that every persona of a matrix sends from its start (the client reads it each time)."""

    def read(self, *args, **kwargs):
        self.seek(0)
        return super().read(*args, **kwargs)


def upload(cast, content, name="rekap.csv", action="import", **fields):
    data = {"file": SimpleUploadedFile(name, content), "action": action, **fields}
    return cast.client_for("hr_admin").post(reverse("attendance:punch_file_upload"), data)


# -- matrices ---------------------------------------------------------------------------------------------


def test_batch_list_matrix(cast):
    responses = check_matrix(
        cast,
        "get",
        reverse("attendance:batch_list"),
        expectations(403, anonymous=302, **dict.fromkeys(ROLE_VIEWERS, 200)),
    )
    assert "rekap.csv" not in responses["other_tenant"].content.decode()


def test_batch_detail_and_csv_matrix(cast):
    batch = disdik_batch(cast)
    expected = expectations(404, anonymous=302, **dict.fromkeys(SEES_DISDIK, 200))
    check_matrix(cast, "get", reverse("attendance:batch_detail", args=[batch.pk]), expected)
    check_matrix(cast, "get", reverse("attendance:batch_errors_csv", args=[batch.pk]), expected)


@pytest.mark.parametrize("name", ["punch_file_upload", "punch_manual"])
def test_form_pages_matrix(cast, name):
    # attendance.import / attendance.manage are BKPSDM's (and other_tenant's in its own tenant).
    check_matrix(
        cast, "get", reverse(f"attendance:{name}"), expectations(403, anonymous=302, hr_admin=200, other_tenant=200)
    )


def test_sample_matrix(cast):
    check_matrix(
        cast,
        "get",
        reverse("attendance:punch_file_sample", args=["presensi.xlsx"]),
        expectations(403, anonymous=302, hr_admin=200, other_tenant=200),
    )


def test_upload_post_matrix(cast):
    responses = check_matrix(
        cast,
        "post",
        reverse("attendance:punch_file_upload"),
        expectations(403, anonymous=302, hr_admin=200, other_tenant=200),
        data={"action": "check", "org_unit": cast.units["disdik"].pk, "file": Rewinding("a.csv", citra_csv(cast))},
        content_type=None,
    )
    assert 'data-testid="dry-run-report"' in responses["hr_admin"].content.decode()
    # Kota Lain's admin cannot even choose Kabupaten Uji's unit: a form error, nothing checked.
    other = responses["other_tenant"].content.decode()
    assert 'data-testid="dry-run-report"' not in other and "invalid-feedback" in other
    assert not IngestBatch.objects.exists()


# -- upload -----------------------------------------------------------------------------------------------


def test_check_shows_the_report_and_writes_nothing(cast):
    response = upload(
        cast, citra_csv(cast, ["", "01/13/2026", "07:00"]), action="check", org_unit=cast.units["disdik"].pk
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="dry-run-report"' in page and "no_identity" in page
    assert not Punch.objects.exists() and not IngestBatch.objects.exists()


def test_check_as_csv_downloads_the_line_report(cast):
    response = upload(
        cast, citra_csv(cast, ["12345", "01/01/2026", "07:00"]), action="csv", org_unit=cast.units["disdik"].pk
    )
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Baris;Kode;Pesan;Disimpan;Isi baris"
    assert lines[1].startswith("3;bad_nip;NIP harus 18 digit")
    assert not IngestBatch.objects.exists()


def test_import_redirects_to_its_batch(cast):
    response = upload(cast, citra_csv(cast), org_unit=cast.units["disdik"].pk)
    batch = IngestBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("attendance:batch_detail", args=[batch.pk])
    assert Punch.objects.get().employee_id == cast.employees["asn"].pk


@pytest.mark.parametrize(
    ("name", "says"),
    [("surat.pdf", "dokumen PDF"), ("surat.docx", "dokumen Word"), ("tanpa_kolom.xlsx", "Kolom wajib TANGGAL")],
)
def test_wrong_file_gets_a_clear_message_on_the_form(cast, name, says):
    response = upload(cast, sample(f"bad/{name}"), name="presensi.csv", org_unit=cast.units["disdik"].pk)
    assert response.status_code == 200
    assert says in response.content.decode()
    assert not IngestBatch.objects.exists()


def test_dat_without_a_device_asks_for_it(cast):
    response = upload(cast, sample("attlog.dat"), name="attlog.dat", org_unit=cast.units["disdik"].pk)
    assert "Pilih mesin asal berkas .dat ini." in response.content.decode()


def test_upload_form_offers_only_units_and_devices_in_import_scope(cast):
    device_of(cast)
    page = cast.client_for("hr_admin").get(reverse("attendance:punch_file_upload")).content.decode()
    assert "Mesin disdik" in page and "Dinas Kesehatan" in page
    for name in ("attlog.dat", "presensi.csv", "presensi.xlsx"):
        assert reverse("attendance:punch_file_sample", args=[name]) in page


def test_sample_downloads_and_unknown_names_are_404(cast):
    client = cast.client_for("hr_admin")
    response = client.get(reverse("attendance:punch_file_sample", args=["presensi.xlsx"]))
    assert b"".join(response.streaming_content) == sample("presensi.xlsx")
    assert client.get(reverse("attendance:punch_file_sample", args=["settings.py"])).status_code == 404


# -- history ----------------------------------------------------------------------------------------------


def _push(cast, device, minute: int) -> None:
    at = dt.datetime.combine(yesterday(cast), dt.time(7, minute))
    punches_ingest(
        actor=cast.users["hr_admin"],
        tenant_id=cast.tenant.pk,
        source=PunchSource.DEVICE,
        device=device,
        punches=[PunchIn(punched_at=at, natural_key=f"{device.serial_number}|101|{at}|0", pin="101")],
    )


def table(response) -> str:
    """The batch table of a history page (the filter choices above it name devices too)."""
    return response.content.decode().split('data-testid="batch-list"', 1)[1]


def test_batch_list_filters_and_scope(cast):
    map_pins(cast)
    disdik = device_of(cast)
    kec = device_of(cast, "kec", "SN-KEC-1")
    _push(cast, disdik, 1)
    _push(cast, kec, 2)
    disdik_batch(cast)
    url = reverse("attendance:batch_list")
    admin = cast.client_for("hr_admin")
    assert table(admin.get(url)).count('href="/presensi/kiriman/') == 3
    only_files = table(admin.get(url, {"source": "file"}))
    assert "rekap.csv" in only_files and "Mesin kec" not in only_files
    only_kec = table(admin.get(url, {"device": kec.pk}))
    assert "Mesin kec" in only_kec and "rekap.csv" not in only_kec
    by_unit = table(admin.get(url, {"org_unit": cast.units["disdik"].pk}))
    assert "rekap.csv" in by_unit and "Mesin kec" not in by_unit
    future = (yesterday(cast) + dt.timedelta(days=3)).isoformat()
    assert "rekap.csv" not in table(admin.get(url, {"day_from": future}))
    # The head of Disdik sees his unit's batches only; the Camat his.
    head = table(cast.client_for("kepala_opd").get(url))
    assert "rekap.csv" in head and "Mesin kec" not in head
    camat = table(cast.client_for("camat").get(url))
    assert "Mesin kec" in camat and "rekap.csv" not in camat


def test_batch_list_query_count_does_not_grow(cast, django_assert_num_queries):
    map_pins(cast)
    device = device_of(cast)
    client = cast.client_for("hr_admin")
    url = reverse("attendance:batch_list")
    _push(cast, device, 1)
    client.get(url)  # warm the session
    # session, user, OTP device, scope (tenant, roles), count, rows, notice bell, navbar employee,
    # filter choices (units, devices)
    with django_assert_num_queries(11):
        assert client.get(url).status_code == 200
    for minute in range(2, 8):
        _push(cast, device, minute)
    disdik_batch(cast)
    with django_assert_num_queries(11):
        page = table(client.get(url))
    assert page.count('href="/presensi/kiriman/') == 8


def test_batch_detail_lists_every_line_error(cast):
    batch = disdik_batch(cast)
    page = cast.client_for("kepala_opd").get(reverse("attendance:batch_detail", args=[batch.pk])).content.decode()
    assert "bad_nip" in page and "rekap.csv" in page
    assert reverse("attendance:batch_errors_csv", args=[batch.pk]) in page


# -- manual -----------------------------------------------------------------------------------------------


def test_manual_punch_form(cast):
    client = cast.client_for("hr_admin")
    url = reverse("attendance:punch_manual")
    data = {"nip": cast.employees["asn"].nip, "date": yesterday(cast).isoformat(), "time": "07:29", "status": 0}
    refused = client.post(url, {**data, "reason": "rusak"})
    assert refused.status_code == 200 and not Punch.objects.exists()
    unknown = client.post(url, {**data, "nip": "199912312020121001", "reason": "Mesin rusak pada hari itu"})
    assert unknown.status_code == 200 and "Tidak ada pegawai dengan NIP" in unknown.content.decode()
    saved = client.post(url, {**data, "reason": "Mesin rusak pada hari itu"})
    batch = IngestBatch.objects.get()
    assert saved.status_code == 302 and saved["Location"] == reverse("attendance:batch_detail", args=[batch.pk])
    assert (batch.source, Punch.objects.get().source) == ("manual", "manual")
