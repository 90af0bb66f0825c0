"""Field visits: recording, photos checked by content and served only in scope, permission matrices."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from pamong.core.errors import Forbidden, NotFoundError, ValidationFailed
from pamong.core.testing.matrix import check_matrix
from pamong.core.testing.personas import Cast, expectations
from pamong.meetings.models import FieldVisit, VisitPhoto
from pamong.meetings.services.visits import visit_photo_add, visit_record

pytestmark = pytest.mark.django_db

NO_VIEW = {"verifier", "hr_admin", "asn", "asn_other_opd", "planner", "other_tenant"}


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def make_visit(cast: Cast, place: str = "kec") -> FieldVisit:
    return visit_record(
        actor=cast.users["sekda"],
        place=cast.units[place],
        visited_on=dt.date(2026, 10, 14),
        title="Kunjungan kerja ke Kecamatan Anggrek",
        led_by=cast.employees["sekda"],
        participants=[cast.employees["camat"]],
        findings="Pelayanan KTP-el tertunda karena blangko habis.",
    )


def add_photo(cast: Cast, visit: FieldVisit) -> VisitPhoto:
    upload = SimpleUploadedFile("lokasi.png", png_bytes(), content_type="image/png")
    return visit_photo_add(actor=cast.users["sekda"], visit=visit, file=upload, caption="Loket pelayanan")


def test_record_validates_and_authorizes(cast: Cast) -> None:
    with pytest.raises(ValidationFailed) as exc:
        visit_record(
            actor=cast.users["sekda"],
            place=cast.units["kec"],
            visited_on=dt.date(2026, 10, 14),
            title="Kunjungan",
            findings="  ",
        )
    assert "findings" in exc.value.field_errors
    with pytest.raises(Forbidden):
        visit_record(
            actor=cast.users["bupati"],
            place=cast.units["kec"],
            visited_on=dt.date(2026, 10, 14),
            title="Kunjungan",
            findings="Temuan.",
        )
    with pytest.raises(NotFoundError):  # the Disdik head manages his own unit, not the kecamatan
        visit_record(
            actor=cast.users["kepala_opd"],
            place=cast.units["kec"],
            visited_on=dt.date(2026, 10, 14),
            title="Kunjungan",
            findings="Temuan.",
        )
    assert not FieldVisit.objects.exists()
    visit = make_visit(cast)
    assert list(visit.participants.all()) == [cast.employees["camat"]]


def test_photo_stored_under_random_name_with_hash(cast: Cast) -> None:
    photo = add_photo(cast, make_visit(cast))
    assert photo.content_type == "image/png" and len(photo.sha256) == 64
    assert "lokasi" not in photo.file.name and photo.file.name.endswith(".png")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("laporan.jpg", b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF"),  # a PDF renamed .jpg
        ("foto.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 20),  # JPEG magic, no image
        ("foto.png", b""),
    ],
)
def test_photo_that_is_not_an_image_refused(cast: Cast, name: str, content: bytes) -> None:
    visit = make_visit(cast)
    with pytest.raises(ValidationFailed) as exc:
        visit_photo_add(actor=cast.users["sekda"], visit=visit, file=SimpleUploadedFile(name, content), caption="")
    assert exc.value.field_errors["file"]
    assert not VisitPhoto.objects.exists()


def test_photo_served_only_in_scope(cast: Cast) -> None:
    photo = add_photo(cast, make_visit(cast))
    responses = check_matrix(
        cast,
        "get",
        reverse("meetings:visit_photo", args=[photo.pk]),
        expectations(404, bupati=200, sekda=200, asisten=200, camat=200, anonymous=302),
    )
    response = responses["camat"]
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == png_bytes()  # type: ignore[attr-defined]


def test_page_matrices(cast: Cast) -> None:
    visit = make_visit(cast)
    viewers = {"bupati": 200, "sekda": 200, "asisten": 200, "kepala_opd": 200, "camat": 200, "anonymous": 302}
    check_matrix(cast, "get", reverse("meetings:visit_list"), expectations(403, **viewers))
    check_matrix(
        cast,
        "get",
        reverse("meetings:visit_detail", args=[visit.pk]),
        expectations(403, bupati=200, sekda=200, asisten=200, kepala_opd=404, camat=200, anonymous=302),
    )
    check_matrix(
        cast,
        "get",
        reverse("meetings:visit_create"),
        expectations(403, sekda=200, asisten=200, kepala_opd=200, camat=200, anonymous=302),
    )
    for name in ("meetings:visit_photo_add", "meetings:visit_item_create"):
        check_matrix(
            cast,
            "get",
            reverse(name, args=[visit.pk]),
            expectations(404, bupati=403, sekda=200, asisten=200, camat=200, anonymous=302),
        )


def test_list_query_count(cast: Cast, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    for _i in range(3):
        add_photo(cast, make_visit(cast))
    client = cast.client_for("camat")
    client.get(reverse("meetings:visit_list"))
    with django_assert_num_queries(8):
        response = client.get(reverse("meetings:visit_list"))
    assert response.content.decode().count('data-testid="visit-row"') == 3


def test_detail_query_count_and_content(cast: Cast, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    visit = make_visit(cast)
    add_photo(cast, visit)
    add_photo(cast, visit)
    client = cast.client_for("camat")
    url = reverse("meetings:visit_detail", args=[visit.pk])
    client.get(url)
    with django_assert_num_queries(10):
        response = client.get(url)
    html = response.content.decode()
    assert "blangko habis" in html and html.count('class="figure-img') == 2 and "Eko Camat" in html


def test_create_and_upload_by_form(cast: Cast) -> None:
    client = cast.client_for("camat")
    response = client.post(
        reverse("meetings:visit_create"),
        {
            "place": cast.units["kec"].pk,
            "visited_on": "2026-10-20",
            "title": "Kunjungan Camat ke kelurahan",
            "findings": "Posyandu belum memiliki timbangan.",
        },
    )
    visit = FieldVisit.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/kunjungan/{visit.pk}/")
    url = reverse("meetings:visit_photo_add", args=[visit.pk])
    refused = client.post(url, {"file": SimpleUploadedFile("scan.jpg", b"%PDF-1.4 fake"), "caption": ""})
    assert refused.status_code == 200 and "bukan foto" in refused.content.decode()
    accepted = client.post(url, {"file": SimpleUploadedFile("a.png", png_bytes()), "caption": "Posyandu"})
    assert accepted.status_code == 302 and visit.photos.count() == 1


def test_follow_up_item_from_a_visit(cast: Cast) -> None:
    pytest.importorskip("pamong.meetings.services.actions")
    visit = make_visit(cast)
    client = cast.client_for("sekda")
    response = client.post(
        reverse("meetings:visit_item_create", args=[visit.pk]),
        {
            "owner_unit": cast.units["kec"].pk,
            "title": "Ajukan tambahan blangko KTP-el ke Disdukcapil",
            "due_on": "2026-12-15",
            "expected_evidence": "Surat permohonan dan tanda terima blangko",
            "evidence_kind": "document",
        },
    )
    assert response.status_code == 302
    assert visit.action_items.count() == 1
    camat_page = cast.client_for("camat").get(reverse("meetings:visit_detail", args=[visit.pk])).content.decode()
    assert "tambahan blangko" in camat_page
