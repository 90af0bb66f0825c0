"""Action-item pages: permission matrices over every persona, pinned query counts, the steps through the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pamong.core.testing.matrix import check_matrix
from pamong.core.testing.personas import expectations
from pamong.meetings.choices import EvidenceKind
from pamong.meetings.models import ActionItem
from pamong.meetings.services.actions_evidence import evidence_submit

from . import actions_world
from .actions_world import PDF, PNG, Rewinding, new_item

world = actions_world.world

#: Who sees meetings at all: leadership (tenant-wide), the Asisten (his cluster: Disdik), unit heads (their unit).
VIEWERS = {"bupati": 200, "sekda": 200, "asisten": 200, "kepala_opd": 200, "camat": 200}
NO_MEETINGS = {"verifier": 403, "hr_admin": 403, "asn": 403, "asn_other_opd": 403, "planner": 403, "anonymous": 302}


def submitted(world):
    evidence = evidence_submit(
        actor=world.cast.users["kepala_opd"],
        item=world.disdik_item,
        kind=EvidenceKind.DOCUMENT,
        file=SimpleUploadedFile("SK.pdf", PDF),
    )
    return evidence


def test_list_and_follow_through_pages(world):
    for name in ("meetings:item_list", "meetings:follow_through"):
        check_matrix(world.cast, "get", reverse(name), expectations(403, **VIEWERS, **NO_MEETINGS))


def test_the_list_shows_each_viewer_the_items_in_scope_with_overdue_highlighted(world):
    cast = world.cast
    url = reverse("meetings:item_list")
    seen = {}
    for persona in ("sekda", "kepala_opd", "camat", "asisten"):
        body = cast.client_for(persona).get(url).content.decode()
        seen[persona] = {title for title in ("Data APK SD", "Data stunting") if title in body}
    assert seen == {
        "sekda": {"Data APK SD", "Data stunting"},
        "kepala_opd": {"Data APK SD"},
        "camat": set(),
        "asisten": {"Data APK SD"},
    }


def test_the_overdue_filter_and_highlight_on_rows_due_long_ago(world):
    cast = world.cast
    old = new_item(cast, world.rakor, "dinkes", due=dt.date(2020, 1, 6), title="Laporan lama")
    new_item(cast, world.rakor, "dinkes", due=dt.date(2099, 1, 5), title="Rencana jauh")
    body = cast.client_for("sekda").get(reverse("meetings:item_list"), {"status": "overdue"}).content.decode()
    assert "Laporan lama" in body and "Rencana jauh" not in body
    assert f'data-testid="item-row-{old.pk}" class="table-danger"' in body


def test_item_detail_matrix(world):
    url = reverse("meetings:item_detail", args=[world.disdik_item.pk])
    check_matrix(world.cast, "get", url, expectations(403, **{**VIEWERS, "camat": 404}, **NO_MEETINGS))


def test_evidence_download_only_in_scope(world):
    evidence = submitted(world)
    url = reverse("meetings:evidence_download", args=[evidence.pk])
    responses = check_matrix(world.cast, "get", url, expectations(403, **{**VIEWERS, "camat": 404}, **NO_MEETINGS))
    assert b"".join(responses["kepala_opd"].streaming_content) == PDF
    assert responses["sekda"]["Content-Disposition"].startswith("attachment")


def test_item_create_page_matrix(world):
    url = reverse("meetings:item_create", args=[world.rakor.pk])
    check_matrix(
        world.cast,
        "get",
        url,
        expectations(403, **{**VIEWERS, "bupati": 403, "kepala_opd": 403, "camat": 404, "asisten": 403}, **NO_MEETINGS),
    )


def test_creating_through_the_page_refuses_a_missing_due_date_and_saves_a_complete_one(world):
    cast = world.cast
    client = cast.client_for("sekda")
    url = reverse("meetings:item_create", args=[world.rakor.pk])
    before = ActionItem.objects.count()
    data = {
        "owner_unit": cast.units["dinkes"].pk,
        "title": "Rekap imunisasi",
        "due_on": "",
        "expected_evidence": "Rekap per puskesmas",
        "evidence_kind": "document",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "tenggat" in response.content.decode()
    assert ActionItem.objects.count() == before
    response = client.post(url, {**data, "due_on": "2026-12-15"})
    item = ActionItem.objects.get(title="Rekap imunisasi")
    assert response.status_code == 302 and response["Location"] == reverse("meetings:item_detail", args=[item.pk])


@pytest.mark.parametrize(
    ("step", "data", "expected"),
    [
        # The chair's side verifies: the Sekda (tenant-wide) and the Asisten (Disdik is in his cluster).
        (
            "meetings:item_verify",
            {"note": "Cukup"},
            {"sekda": 302, "asisten": 302, "bupati": 403, "kepala_opd": 403, "camat": 404},
        ),
        (
            "meetings:item_return",
            {"note": "Kurang tanda tangan"},
            {"sekda": 302, "asisten": 302, "bupati": 403, "kepala_opd": 403, "camat": 404},
        ),
        # Only the owner side progresses.
        (
            "meetings:item_progress",
            {"to_status": "in_progress"},
            {"sekda": 403, "asisten": 403, "bupati": 403, "kepala_opd": 302, "camat": 404},
        ),
    ],
)
def test_step_matrices(world, step, data, expected):
    if step != "meetings:item_progress":
        submitted(world)
    url = reverse(step, args=[world.disdik_item.pk])
    check_matrix(world.cast, "post", url, expectations(403, **expected, **NO_MEETINGS), data=data, content_type=None)


def test_drop_and_evidence_matrices(world):
    cast = world.cast
    url = reverse("meetings:item_drop", args=[world.disdik_item.pk])
    expected = {"sekda": 302, "asisten": 302, "bupati": 403, "kepala_opd": 403, "camat": 404}
    check_matrix(cast, "post", url, expectations(403, **expected, **NO_MEETINGS), data={"note": "X"}, content_type=None)
    url = reverse("meetings:item_evidence", args=[world.disdik_item.pk])
    expected = {"sekda": 403, "asisten": 403, "bupati": 403, "kepala_opd": 302, "camat": 404}
    check_matrix(
        cast,
        "post",
        url,
        expectations(403, **expected, **NO_MEETINGS),
        data={"file": Rewinding("SK.pdf", PDF)},
        content_type=None,
    )


def test_wrong_evidence_through_the_page_is_refused_with_its_message(world):
    client = world.cast.client_for("kepala_opd")
    url = reverse("meetings:item_evidence", args=[world.disdik_item.pk])
    response = client.post(url, {"file": SimpleUploadedFile("SK.pdf", PNG)}, follow=True)
    assert "meminta bukti PDF" in response.content.decode()
    world.disdik_item.refresh_from_db()
    assert world.disdik_item.status == "open"
    response = client.post(url, {"file": SimpleUploadedFile("SK.pdf", PDF), "note": "SK terlampir"}, follow=True)
    assert "menunggu verifikasi" in response.content.decode()
    world.disdik_item.refresh_from_db()
    assert world.disdik_item.status == "done"


#: The list (sekda): session and user, the role assignments (scope), the count and the page of items (owner unit,
#: owner and meeting joined), and what base.html asks (menu, unread notices): 8, whatever the number of rows.
def test_list_query_count_is_fixed(world, django_assert_num_queries):
    cast = world.cast
    client = cast.client_for("sekda")
    url = reverse("meetings:item_list")
    client.get(url)
    with django_assert_num_queries(LIST_QUERIES) as ctx:
        client.get(url)
    for n in range(10):
        new_item(cast, world.rakor, "disdik" if n % 2 else "dinkes", due=dt.date(2026, 12, 1 + n))
    with django_assert_num_queries(len(ctx.captured_queries)):
        client.get(url)


LIST_QUERIES = 8


def test_the_cockpit_shows_the_follow_through_per_opd_to_leadership_only(world):
    url = reverse("performance:cockpit")
    body = world.cast.client_for("bupati").get(url).content.decode()
    assert 'data-testid="follow-through-panel"' in body and body.count('data-testid="follow-through-row"') == 2
    planner = world.cast.client_for("planner").get(url)
    assert planner.status_code == 200 and b"follow-through-panel" not in planner.content
