"""Action items API: permission matrices for every endpoint (token clients), the same rules as the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from pamong.core.testing.matrix import check_matrix, token_client
from pamong.core.testing.personas import expectations
from pamong.meetings.choices import EvidenceKind
from pamong.meetings.models import ActionItem
from pamong.meetings.services.actions_evidence import evidence_submit

from . import actions_world
from .actions_world import PDF, PNG, Rewinding, new_item

world = actions_world.world

VIEWERS = {"bupati": 200, "sekda": 200, "asisten": 200, "kepala_opd": 200, "camat": 200}
NO_MEETINGS = {"verifier": 403, "hr_admin": 403, "asn": 403, "asn_other_opd": 403, "planner": 403, "anonymous": 401}
BASE = "/api/meetings/items/"


def matrix(world, method, url, expected, **kwargs):
    return check_matrix(world.cast, method, url, expectations(403, **expected), client_for=token_client, **kwargs)


def submitted(world):
    return evidence_submit(
        actor=world.cast.users["kepala_opd"],
        item=world.disdik_item,
        kind=EvidenceKind.DOCUMENT,
        file=SimpleUploadedFile("SK.pdf", PDF),
    )


def test_list_detail_and_follow_through(world):
    responses = matrix(world, "get", BASE, {**VIEWERS, **NO_MEETINGS})
    titles = {p: {row["title"] for row in r.json()["results"]} for p, r in responses.items() if r.status_code == 200}
    assert titles["sekda"] == {"Data APK SD", "Data stunting"} and titles["kepala_opd"] == {"Data APK SD"}
    assert titles["camat"] == set()
    matrix(world, "get", f"{BASE}{world.disdik_item.pk}/", {**VIEWERS, "camat": 404, **NO_MEETINGS})
    responses = matrix(world, "get", "/api/meetings/follow-through/", {**VIEWERS, **NO_MEETINGS})
    assert {row["name"] for row in responses["kepala_opd"].json()["rows"]} == {"Dinas Pendidikan"}


def test_evidence_download_out_of_scope_is_404(world):
    evidence = submitted(world)
    responses = matrix(
        world, "get", f"/api/meetings/item-evidence/{evidence.pk}/", {**VIEWERS, "camat": 404, **NO_MEETINGS}
    )
    assert b"".join(responses["asisten"].streaming_content) == PDF


def test_create(world):
    data = {
        "meeting": world.rakor.pk,
        "owner_unit": world.cast.units["dinkes"].pk,
        "title": "Rekap imunisasi",
        "due_on": "2026-12-15",
        "expected_evidence": "Rekap per puskesmas",
        "evidence_kind": "document",
    }
    expected = {**VIEWERS, "sekda": 201, "bupati": 403, "asisten": 403, "kepala_opd": 403, "camat": 404, **NO_MEETINGS}
    matrix(world, "post", BASE, expected, data=data)
    before = ActionItem.objects.count()
    response = token_client(world.cast, "sekda").post(BASE, {**data, "due_on": None}, format="json")
    assert response.status_code == 400 and "due_on" in response.json()["fields"]
    assert ActionItem.objects.count() == before


@pytest.mark.parametrize(
    ("path", "data", "expected"),
    [
        ("verify", {"note": "Cukup"}, {"sekda": 200, "asisten": 200, "bupati": 403, "kepala_opd": 403, "camat": 404}),
        ("return", {"note": "Kurang"}, {"sekda": 200, "asisten": 200, "bupati": 403, "kepala_opd": 403, "camat": 404}),
    ],
)
def test_verify_and_return(world, path, data, expected):
    submitted(world)
    matrix(world, "post", f"{BASE}{world.disdik_item.pk}/{path}/", {**expected, **NO_MEETINGS}, data=data)


def test_move_and_drop(world):
    url = f"{BASE}{world.disdik_item.pk}/"
    owner = {"sekda": 403, "asisten": 403, "bupati": 403, "kepala_opd": 200, "camat": 404}
    matrix(world, "post", url + "move/", {**owner, **NO_MEETINGS}, data={"to_status": "in_progress"})
    chair = {"sekda": 200, "asisten": 200, "bupati": 403, "kepala_opd": 403, "camat": 404}
    matrix(world, "post", url + "drop/", {**chair, **NO_MEETINGS}, data={"reason": "Tidak berlaku"})
    response = token_client(world.cast, "sekda").post(url + "drop/", {"reason": ""}, format="json")
    assert response.status_code == 400 and "reason" in response.json()["fields"]


def test_evidence_multipart(world):
    url = f"{BASE}{world.disdik_item.pk}/evidence/"
    owner = {"sekda": 403, "asisten": 403, "bupati": 403, "kepala_opd": 201, "camat": 404}
    check_matrix(
        world.cast,
        "post",
        url,
        expectations(403, **owner, **NO_MEETINGS),
        data={"kind": "document", "file": Rewinding("SK.pdf", PDF)},
        content_type=None,
        client_for=token_client,
    )
    client: APIClient = token_client(world.cast, "kepala_opd")
    response = client.post(url, {"kind": "document", "file": SimpleUploadedFile("SK.pdf", PNG)}, format="multipart")
    assert response.status_code == 400 and "PNG" in response.json()["fields"]["file"][0]


def test_list_query_count_is_fixed(world, django_assert_num_queries):
    client = token_client(world.cast, "sekda")
    client.get(BASE)
    with django_assert_num_queries(LIST_QUERIES):
        client.get(BASE)
    for n in range(10):
        new_item(world.cast, world.rakor, "dinkes", due=dt.date(2026, 12, 1 + n))
    with django_assert_num_queries(LIST_QUERIES):
        client.get(BASE)


#: Token and user, the role assignments (scope), the tenant (today), the count and the page of items (owner unit
#: joined): 5, whatever the number of rows.
LIST_QUERIES = 5
