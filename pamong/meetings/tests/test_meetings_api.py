"""Meetings API: permission matrices of every endpoint (token clients), the same services as the pages, pinned
query counts for the lists."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from pamong.core.testing.matrix import check_matrix, token_client
from pamong.core.testing.personas import expectations
from pamong.meetings.choices import MeetingKind
from pamong.meetings.models import Invitation, Meeting
from pamong.meetings.services.briefs import briefs_make
from pamong.meetings.services.meetings import meeting_hold, meeting_schedule

pytestmark = pytest.mark.django_db

WITA = ZoneInfo("Asia/Makassar")
SEES = ("bupati", "sekda", "asisten", "kepala_opd")


def _seen(**more):
    base = {"anonymous": 401, "camat": 404, **dict.fromkeys(SEES, 200)}
    return expectations(403, **{**base, **more})


@pytest.fixture
def meeting(cast):
    starts = timezone.now().astimezone(WITA).replace(microsecond=0) + dt.timedelta(days=5)
    return meeting_schedule(
        actor=cast.users["sekda"],
        org_unit=cast.units["setda"],
        kind=MeetingKind.MONTHLY_RAKOR,
        title="Rakor November Setda",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        venue="Aula",
        chair=cast.employees["sekda"],
        invited_units=[cast.units["disdik"], cast.units["dinkes"]],
        now=timezone.now(),
    )


def test_list_detail_calendar_matrix(cast, meeting):
    everyone = expectations(403, anonymous=401, **dict.fromkeys((*SEES, "camat"), 200))
    responses = check_matrix(cast, "get", reverse("api-meetings-meeting-list"), everyone, client_for=token_client)
    assert responses["kepala_opd"].json()["count"] == 1 and responses["camat"].json()["count"] == 0
    detail = check_matrix(
        cast, "get", reverse("api-meetings-meeting-detail", args=[meeting.pk]), _seen(), client_for=token_client
    )
    body = detail["kepala_opd"].json()
    disdik = Invitation.objects.get(meeting=meeting, org_unit=cast.units["disdik"])
    assert body["readable_briefs"] == [disdik.pk] and body["can_run"] is False
    assert detail["sekda"].json()["can_run"] is True
    check_matrix(cast, "get", reverse("api-meetings-calendar-list"), everyone, client_for=token_client)
    manage = expectations(403, anonymous=401, **dict.fromkeys(("sekda", "asisten", "kepala_opd", "camat"), 200))
    check_matrix(cast, "get", reverse("api-meetings-series-list"), manage, client_for=token_client)


def test_create_matrix_and_past_refused(cast):
    starts = (timezone.now() + dt.timedelta(days=3)).astimezone(WITA).replace(microsecond=0)
    data = {
        "org_unit": cast.units["disdik"].pk,
        "kind": "internal",
        "title": "Rapat internal Disdik",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + dt.timedelta(hours=1)).isoformat(),
        "invited_units": [cast.units["disdik_bidang"].pk],
    }
    expected = expectations(403, anonymous=401, sekda=201, kepala_opd=201, asisten=201, camat=404)
    check_matrix(cast, "post", reverse("api-meetings-meeting-list"), expected, data=data, client_for=token_client)
    past = {**data, "starts_at": (starts - dt.timedelta(days=10)).isoformat()}
    response = token_client(cast, "kepala_opd").post(reverse("api-meetings-meeting-list"), past, format="json")
    assert response.status_code == 400 and "starts_at" in response.json()["fields"]
    assert not Meeting.objects.exists()


def test_run_endpoints_matrix(cast, meeting):
    run = _seen(sekda=200, bupati=403, asisten=403, kepala_opd=403)
    disdik = Invitation.objects.get(meeting=meeting, org_unit=cast.units["disdik"])
    check_matrix(
        cast,
        "post",
        reverse("api-meetings-meeting-attendance", args=[meeting.pk]),
        run,
        data={"rows": [{"invitation": disdik.pk, "attendance": "head", "attendee_name": "Budi"}]},
        client_for=token_client,
    )
    check_matrix(
        cast,
        "post",
        reverse("api-meetings-meeting-minutes", args=[meeting.pk]),
        run,
        data={"agenda": [{"title": "Realisasi", "notes": "40%"}], "decisions": [{"agenda_index": 0, "text": "Ok"}]},
        client_for=token_client,
    )
    check_matrix(
        cast,
        "post",
        reverse("api-meetings-meeting-cancel", args=[meeting.pk]),
        run,
        data={"reason": "Berhalangan"},
        client_for=token_client,
    )
    held_on = meeting.starts_at.astimezone(WITA).date().isoformat()
    check_matrix(
        cast,
        "post",
        reverse("api-meetings-meeting-hold", args=[meeting.pk]),
        run,
        data={"held_on": held_on},
        client_for=token_client,
    )
    meeting_hold(actor=cast.users["sekda"], meeting=meeting, held_on=meeting.starts_at.astimezone(WITA).date())
    check_matrix(
        cast, "post", reverse("api-meetings-meeting-memo", args=[meeting.pk]), run, data={}, client_for=token_client
    )


def test_brief_matrix(cast, meeting):
    briefs_make(meeting=meeting, now=timezone.now())
    disdik = Invitation.objects.get(meeting=meeting, org_unit=cast.units["disdik"])
    dinkes = Invitation.objects.get(meeting=meeting, org_unit=cast.units["dinkes"])
    responses = check_matrix(
        cast, "get", reverse("api-meetings-brief-detail", args=[disdik.pk]), _seen(), client_for=token_client
    )
    assert "indicators_count" in responses["kepala_opd"].json()["brief"]
    check_matrix(
        cast,
        "get",
        reverse("api-meetings-brief-detail", args=[dinkes.pk]),
        _seen(asisten=403, kepala_opd=403),
        client_for=token_client,
    )
    note = _seen(kepala_opd=200, bupati=403, sekda=403, asisten=403)
    check_matrix(
        cast,
        "post",
        reverse("api-meetings-brief-note", args=[disdik.pk]),
        note,
        data={"note": "Menyusul"},
        client_for=token_client,
    )


def test_list_queries_pinned(cast, meeting, django_assert_num_queries):
    client = token_client(cast, "sekda")
    url = reverse("api-meetings-meeting-list")
    client.get(url)
    with django_assert_num_queries(5):
        client.get(url)
    for day in range(1, 6):
        meeting_schedule(
            actor=cast.users["sekda"],
            org_unit=cast.units["setda"],
            kind=MeetingKind.LIMITED,
            title=f"Rapat terbatas {day}",
            starts_at=meeting.starts_at + dt.timedelta(days=day),
            ends_at=meeting.ends_at + dt.timedelta(days=day),
            invited_units=[cast.units["disdik"], cast.units["kec"]],
            now=timezone.now(),
        )
    with django_assert_num_queries(5):
        assert client.get(url).json()["count"] == 6
