"""Directive pages: permission matrices, the matrix page and its Excel file, recording and reporting by form."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from pamong.core.testing.matrix import check_matrix
from pamong.core.testing.personas import Cast, expectations
from pamong.meetings.models import Directive, DirectiveReport
from pamong.meetings.selectors.directives import current_period
from pamong.meetings.services.directives import directive_create

pytestmark = pytest.mark.django_db

VIEWERS = {"bupati": 200, "sekda": 200, "asisten": 200, "kepala_opd": 200, "camat": 200, "anonymous": 302}


def make(cast: Cast) -> Directive:
    return directive_create(
        actor=cast.users["sekda"],
        org_unit=cast.units["setda"],
        title="Arahan Bupati pada Rapat Perdana",
        issued_on=dt.date(2026, 9, 3),
        reporting="monthly",
        items=[
            (1, "Seluruh OPD menuntaskan realisasi anggaran.", []),
            (2, "Kecamatan memutakhirkan data kemiskinan ekstrem.", [cast.units["kec"]]),
        ],
    )


def test_list_matrix(cast: Cast) -> None:
    make(cast)
    check_matrix(cast, "get", reverse("meetings:directive_list"), expectations(403, **VIEWERS))


def test_list_query_count(cast: Cast, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    for _i in range(3):
        make(cast)
    client = cast.client_for("sekda")
    client.get(reverse("meetings:directive_list"))
    with django_assert_num_queries(8):
        response = client.get(reverse("meetings:directive_list"))
    assert response.content.decode().count('data-testid="directive-row"') == 3


def test_detail_and_export_matrix(cast: Cast) -> None:
    directive = make(cast)
    check_matrix(cast, "get", reverse("meetings:directive_detail", args=[directive.pk]), expectations(403, **VIEWERS))
    responses = check_matrix(
        cast, "get", reverse("meetings:directive_export", args=[directive.pk]), expectations(403, **VIEWERS)
    )
    assert responses["sekda"]["Content-Type"].startswith("application/vnd.openxmlformats")


def test_detail_shows_colours_and_switches_period(cast: Cast) -> None:
    directive = make(cast)
    client = cast.client_for("kepala_opd")
    period = current_period(directive, cast.tenant.today())
    client.post(
        reverse("meetings:directive_report", args=[directive.pk]),
        {"prefix": "x", "x-item": directive.items.get(number=1).pk, "x-status": "complied", "unit": ""},
    )
    page = cast.client_for("sekda").get(
        reverse("meetings:directive_detail", args=[directive.pk]), {"periode": f"{period:%Y-%m}"}
    )
    html = page.content.decode()
    assert 'data-status="complied"' in html and "text-bg-success" in html
    older = cast.client_for("sekda").get(
        reverse("meetings:directive_detail", args=[directive.pk]), {"periode": "2026-09"}
    )
    assert 'data-status="complied"' not in older.content.decode()


def test_create_matrix(cast: Cast) -> None:
    check_matrix(
        cast,
        "get",
        reverse("meetings:directive_create"),
        expectations(404, bupati=403, sekda=200, asisten=403, kepala_opd=403, camat=403, anonymous=302),
    )


def test_create_by_form_and_item_without_text(cast: Cast) -> None:
    client = cast.client_for("sekda")
    data = {
        "title": "Arahan Bupati",
        "org_unit": cast.units["setda"].pk,
        "issued_on": "2026-09-03",
        "reporting": "monthly",
        "items": "1. Tuntaskan realisasi anggaran.\n2.\n",
    }
    response = client.post(reverse("meetings:directive_create"), data)
    assert response.status_code == 200
    assert "nomor 2" in response.content.decode()
    assert not Directive.objects.exists()
    data["items"] = "Tuntaskan realisasi anggaran.\nMutakhirkan data kemiskinan. @KEC-A\n"
    response = client.post(reverse("meetings:directive_create"), data)
    directive = Directive.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/arahan/{directive.pk}/")
    items = list(directive.items.order_by("number"))
    assert [(i.number, i.text) for i in items] == [
        (1, "Tuntaskan realisasi anggaran."),
        (2, "Mutakhirkan data kemiskinan."),
    ]
    assert list(items[1].units.all()) == [cast.units["kec"]]


def test_report_page_matrix(cast: Cast) -> None:
    directive = make(cast)
    check_matrix(
        cast,
        "get",
        reverse("meetings:directive_report", args=[directive.pk]),
        expectations(403, kepala_opd=200, camat=200, anonymous=302),
    )


def test_report_page_lists_only_addressed_items_and_saves(cast: Cast) -> None:
    directive = make(cast)
    client = cast.client_for("kepala_opd")
    url = reverse("meetings:directive_report", args=[directive.pk])
    assert client.get(url).content.decode().count('data-testid="report-item"') == 1  # item 2 is the Camat's
    item1 = directive.items.get(number=1)
    response = client.post(url, {"prefix": "i", "i-item": item1.pk, "i-status": "partial", "i-note": ""})
    assert response.status_code == 400 and not DirectiveReport.objects.exists()
    response = client.post(url, {"prefix": "i", "i-item": item1.pk, "i-status": "partial", "i-note": "60 %"})
    assert response.status_code == 302
    report = DirectiveReport.objects.get()
    assert (report.org_unit, report.status) == (cast.units["disdik"], "partial")
    item2 = directive.items.get(number=2)
    response = client.post(url, {"prefix": "i", "i-item": item2.pk, "i-status": "complied"})
    assert response.status_code == 400 and DirectiveReport.objects.count() == 1


def test_matrix_page_query_count(cast: Cast, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    directive = make(cast)
    client = cast.client_for("sekda")
    url = reverse("meetings:directive_detail", args=[directive.pk])
    client.get(url)
    with django_assert_num_queries(11):
        response = client.get(url)
    assert response.content.decode().count('data-testid="matrix-row"') == 2
