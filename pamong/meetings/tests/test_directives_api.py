"""Directives and visits API: permission matrices of every endpoint, the matrix, reports, photo upload."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pamong.core.testing.matrix import check_matrix, token_client
from pamong.core.testing.personas import Cast, expectations
from pamong.meetings.models import Directive, DirectiveReport

from .test_directives_pages import make
from .test_visits_pages import add_photo, make_visit, png_bytes

pytestmark = pytest.mark.django_db

VIEWERS = {"bupati": 200, "sekda": 200, "asisten": 200, "kepala_opd": 200, "camat": 200, "anonymous": 401}
KEC_VIEWERS = {"bupati": 200, "sekda": 200, "asisten": 200, "kepala_opd": 404, "camat": 200, "anonymous": 401}


class RewindingUpload(SimpleUploadedFile):
    """Read again from the start for every persona of the matrix."""

    def read(self, *args: Any) -> bytes:
        self.seek(0)
        return super().read(*args)


def test_directive_reads(cast: Cast) -> None:
    directive = make(cast)
    base = "/api/meetings/directives/"
    responses = check_matrix(cast, "get", base, expectations(403, **VIEWERS), client_for=token_client)
    assert [row["id"] for row in responses["camat"].json()["results"]] == [directive.pk]
    responses = check_matrix(
        cast, "get", f"{base}{directive.pk}/", expectations(403, **VIEWERS), client_for=token_client
    )
    assert [i["number"] for i in responses["kepala_opd"].json()["items"]] == [1, 2]
    responses = check_matrix(
        cast, "get", f"{base}{directive.pk}/matrix/", expectations(403, **VIEWERS), client_for=token_client
    )
    body = responses["sekda"].json()
    assert body["counts"] == {"not_reported": len(body["units"]) + 1}


def test_directive_create_matrix_and_all_or_nothing(cast: Cast) -> None:
    payload = {
        "title": "Arahan Bupati",
        "org_unit": cast.units["setda"].pk,
        "issued_on": "2026-09-03",
        "reporting": "monthly",
        "items": [{"number": 1, "text": "Satu."}, {"number": 2, "text": "Dua.", "units": [cast.units["kec"].pk]}],
    }
    check_matrix(
        cast,
        "post",
        "/api/meetings/directives/",
        expectations(404, sekda=201, bupati=403, asisten=403, kepala_opd=403, camat=403, anonymous=401),
        data=payload,
        client_for=token_client,
    )
    payload["items"] = [{"number": 1, "text": "Satu."}, {"number": 2, "text": " "}]
    response = token_client(cast, "sekda").post("/api/meetings/directives/", payload, format="json")
    assert response.status_code == 400 and "items" in response.json()["fields"]
    assert not Directive.objects.exists()


def test_report_matrix_and_effect(cast: Cast) -> None:
    directive = make(cast)
    item1 = directive.items.get(number=1)
    url = f"/api/meetings/directives/{directive.pk}/report/"
    data = {"item": item1.pk, "org_unit": cast.units["disdik"].pk, "status": "complied"}
    check_matrix(
        cast,
        "post",
        url,
        expectations(403, kepala_opd=200, camat=404, anonymous=401),
        data=data,
        client_for=token_client,
    )
    client = token_client(cast, "kepala_opd")
    assert client.post(url, data, format="json").status_code == 200
    matrix = client.get(f"/api/meetings/directives/{directive.pk}/matrix/").json()
    assert matrix["counts"]["complied"] == 1
    item2 = directive.items.get(number=2)
    refused = client.post(url, {**data, "item": item2.pk}, format="json")
    assert refused.status_code == 400 and "org_unit" in refused.json()["fields"]
    assert DirectiveReport.objects.count() == 1


def test_directive_list_query_count(cast: Cast, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    for _i in range(3):
        make(cast)
    client = token_client(cast, "sekda")
    client.get("/api/meetings/directives/")
    with django_assert_num_queries(5):
        response = client.get("/api/meetings/directives/")
    assert response.json()["count"] == 3


def test_visit_endpoints(cast: Cast) -> None:
    visit = make_visit(cast)
    photo = add_photo(cast, visit)
    check_matrix(cast, "get", "/api/meetings/visits/", expectations(403, **VIEWERS), client_for=token_client)
    responses = check_matrix(
        cast, "get", f"/api/meetings/visits/{visit.pk}/", expectations(403, **KEC_VIEWERS), client_for=token_client
    )
    assert responses["camat"].json()["visit"]["findings"].startswith("Pelayanan KTP-el")
    check_matrix(
        cast,
        "get",
        f"/api/meetings/visits/{visit.pk}/photos/",
        expectations(403, **KEC_VIEWERS),
        client_for=token_client,
    )
    responses = check_matrix(
        cast,
        "get",
        f"/api/meetings/visit-photos/{photo.pk}/",
        expectations(404, bupati=200, sekda=200, asisten=200, camat=200, anonymous=401),
        client_for=token_client,
    )
    assert responses["camat"]["X-Content-Type-Options"] == "nosniff"


def test_visit_writes(cast: Cast) -> None:
    visit = make_visit(cast)
    check_matrix(
        cast,
        "post",
        "/api/meetings/visits/",
        expectations(404, sekda=201, asisten=201, camat=201, bupati=403, anonymous=401),
        data={
            "place": cast.units["kec"].pk,
            "visited_on": "2026-10-20",
            "title": "Kunjungan",
            "findings": "Temuan.",
            "participants": [cast.employees["camat"].pk],
        },
        client_for=token_client,
    )
    upload = RewindingUpload("a.png", png_bytes(), content_type="image/png")
    check_matrix(
        cast,
        "post",
        f"/api/meetings/visits/{visit.pk}/photos/",
        expectations(403, sekda=201, asisten=201, camat=201, kepala_opd=404, anonymous=401),
        data={"file": upload, "caption": "Loket"},
        content_type=None,
        client_for=token_client,
    )
    fake = RewindingUpload("scan.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg")
    response = token_client(cast, "sekda").post(f"/api/meetings/visits/{visit.pk}/photos/", {"file": fake})
    assert response.status_code == 400 and "file" in response.json()["fields"]
    assert not visit.photos.exists()


def test_visit_list_query_count(cast: Cast, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    for _i in range(3):
        add_photo(cast, make_visit(cast))
    client = token_client(cast, "camat")
    client.get("/api/meetings/visits/")
    with django_assert_num_queries(5):
        response = client.get("/api/meetings/visits/")
    assert response.json()["count"] == 3
