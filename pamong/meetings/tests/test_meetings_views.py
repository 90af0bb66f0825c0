"""Meeting pages: the permission matrix of every page and form, briefs per unit, PDFs, the .ics feed, pinned
query counts.

Who: the meeting is the Sekda's rakor (organiser Setda, chair the Sekda) with Dinas Pendidikan and Dinas Kesehatan
invited. The Bupati and the Sekda see all; the Asisten (cluster I: Disdik, Kecamatan) sees it through Disdik; the
Kepala Dinas Pendidikan sees it as invited and reads only his own brief; the Camat holds meetings.view over his
Kecamatan only (not invited: 404). Briefs: the Bupati and the Sekda read all (leadership over the whole tree), the
Asisten the briefs of his cluster's units; roles without meetings.view (verifier, BKPSDM, ASN, planner, other
tenant): 403.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pamong.core.errors import Conflict
from pamong.core.testing.matrix import check_matrix
from pamong.core.testing.personas import expectations
from pamong.meetings.choices import ItemStatusChoice, MeetingKind
from pamong.meetings.models import ActionItem, Invitation
from pamong.meetings.services.briefs import briefs_make
from pamong.meetings.services.meetings import meeting_hold, meeting_schedule
from pamong.meetings.services.memos import memo_send
from pamong.meetings.views.meetings_calendar import ics_token

pytestmark = pytest.mark.django_db

WITA = ZoneInfo("Asia/Makassar")
NO_VIEW = ("verifier", "hr_admin", "asn", "asn_other_opd", "planner", "other_tenant")
SEES = ("bupati", "sekda", "asisten", "kepala_opd")


def _denied(**more):
    base = {"anonymous": 302, "camat": 404, **dict.fromkeys(SEES, 200)}
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
        venue="Aula Setda, lantai 2",
        chair=cast.employees["sekda"],
        invited_units=[cast.units["disdik"], cast.units["dinkes"]],
        now=timezone.now(),
    )


def _inv(meeting, cast, key):
    return Invitation.objects.get(meeting=meeting, org_unit=cast.units[key])


def test_list_and_calendar_matrix(cast, meeting):
    everyone = expectations(403, anonymous=302, **dict.fromkeys((*SEES, "camat"), 200))
    responses = check_matrix(cast, "get", reverse("meetings:meeting_list"), everyone)
    assert "Rakor November Setda" in responses["kepala_opd"].content.decode()
    assert "Rakor November Setda" not in responses["camat"].content.decode()
    check_matrix(cast, "get", reverse("meetings:calendar"), everyone)
    manage = expectations(403, anonymous=302, **dict.fromkeys(("sekda", "asisten", "kepala_opd", "camat"), 200))
    check_matrix(cast, "get", reverse("meetings:series_list"), manage)
    check_matrix(cast, "get", reverse("meetings:series_create"), manage)
    check_matrix(cast, "get", reverse("meetings:meeting_create"), manage)


def test_detail_matrix(cast, meeting):
    responses = check_matrix(cast, "get", reverse("meetings:meeting_detail", args=[meeting.pk]), _denied())
    body = responses["kepala_opd"].content.decode()
    assert "Aula Setda" in body
    own = reverse("meetings:brief", args=[_inv(meeting, cast, "disdik").pk])
    other = reverse("meetings:brief", args=[_inv(meeting, cast, "dinkes").pk])
    assert own in body and other not in body
    assert other in responses["sekda"].content.decode()


def test_run_pages_matrix(cast, meeting):
    """Only the organiser's managers (the Sekda over Setda), the chair and the secretary run the meeting."""
    run = _denied(sekda=200, bupati=403, asisten=403, kepala_opd=403)
    check_matrix(cast, "get", reverse("meetings:meeting_attendance", args=[meeting.pk]), run)
    check_matrix(cast, "get", reverse("meetings:minutes", args=[meeting.pk]), run)
    posted = _denied(sekda=302, bupati=403, asisten=403, kepala_opd=403)
    check_matrix(
        cast,
        "post",
        reverse("meetings:meeting_cancel", args=[meeting.pk]),
        posted,
        data={"reason": "Bupati berhalangan"},
        content_type=None,
    )


def test_brief_matrix_an_opd_sees_only_its_own(cast, meeting):
    briefs_make(meeting=meeting, now=timezone.now())
    disdik = _inv(meeting, cast, "disdik")
    dinkes = _inv(meeting, cast, "dinkes")
    own = check_matrix(cast, "get", reverse("meetings:brief", args=[disdik.pk]), _denied())
    assert "note-form" in own["kepala_opd"].content.decode()
    # the Asisten reads Disdik's brief (his cluster), not Dinkes'; the Kepala Disdik not Dinkes'
    check_matrix(cast, "get", reverse("meetings:brief", args=[dinkes.pk]), _denied(asisten=403, kepala_opd=403))
    pdf = check_matrix(cast, "get", reverse("meetings:brief_pdf", args=[disdik.pk]), _denied())
    assert pdf["sekda"].content.startswith(b"%PDF")


def test_note_and_attendance_posts(cast, meeting):
    disdik = _inv(meeting, cast, "disdik")
    client = cast.client_for("kepala_opd")
    response = client.post(reverse("meetings:invitation_note", args=[disdik.pk]), {"note": "Data BOS menyusul"})
    assert response.status_code == 302
    disdik.refresh_from_db()
    assert disdik.note == "Data BOS menyusul"
    sekda = cast.client_for("sekda")
    dinkes = _inv(meeting, cast, "dinkes")
    response = sekda.post(
        reverse("meetings:meeting_attendance", args=[meeting.pk]),
        {
            f"attendance_{disdik.pk}": "deputy",
            f"attendee_{disdik.pk}": "Sekretaris Dinas",
            f"attendance_{dinkes.pk}": "absent",
        },
    )
    assert response.status_code == 302
    disdik.refresh_from_db()
    assert (disdik.attendance, disdik.attendee_name) == ("deputy", "Sekretaris Dinas")


def test_minutes_htmx_saves_one_item(cast, meeting):
    client = cast.client_for("sekda")
    url = reverse("meetings:minutes", args=[meeting.pk])
    response = client.post(
        url, {"title": "Realisasi APBD", "notes": "40%", "decision": "Percepat"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert b"agenda-saved" in response.content
    item = meeting.agenda.get()
    response = client.post(url, {"id": item.pk, "title": "Realisasi APBD", "notes": "45%"}, HTTP_HX_REQUEST="true")
    assert meeting.agenda.count() == 1
    assert meeting.agenda.get().notes == "45%"


def test_memo_send_and_pdf(cast, meeting):
    held = meeting_hold(actor=cast.users["sekda"], meeting=meeting, held_on=meeting.starts_at.astimezone(WITA).date())
    ActionItem.objects.create(
        tenant=cast.tenant,
        owner_unit=cast.units["disdik"],
        meeting=held,
        title="Percepat belanja modal",
        due_on=held.held_on + dt.timedelta(days=14),
        expected_evidence="Laporan realisasi SP2D",
        evidence_kind="document",
        status=ItemStatusChoice.OPEN,
    )
    url = reverse("meetings:memo_pdf", args=[held.pk])
    assert cast.client_for("sekda").get(url).status_code == 404  # not sent yet
    response = cast.client_for("sekda").post(reverse("meetings:memo_send", args=[held.pk]))
    assert response.status_code == 302
    responses = check_matrix(cast, "get", url, _denied())
    assert responses["kepala_opd"].content.startswith(b"%PDF")
    with pytest.raises(Conflict):  # sent once only
        memo_send(actor=cast.users["sekda"], meeting=held, now=timezone.now())


def test_ics_feed(cast, meeting):
    url = reverse("meetings:ics", args=[ics_token(cast.users["kepala_opd"])])
    response = Client().get(url)
    assert response.status_code == 200
    text = response.content.decode()
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert all(len(line.encode()) <= 75 for line in lines)
    start = meeting.starts_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{start}" in lines
    assert f"UID:meeting-{meeting.pk}@testserver" in lines
    assert "SUMMARY:Rakor November Setda" in lines
    assert "LOCATION:Aula Setda\\, lantai 2" in lines
    camat = Client().get(reverse("meetings:ics", args=[ics_token(cast.users["camat"])]))
    assert camat.status_code == 200 and "Rakor November Setda" not in camat.content.decode()
    forged = reverse("meetings:ics", args=[f"{cast.users['sekda'].pk}:forged"])
    assert Client().get(forged).status_code == 404
    no_view = reverse("meetings:ics", args=[ics_token(cast.users["asn"])])
    assert Client().get(no_view).status_code == 404


def test_pinned_queries_list_and_calendar(cast, meeting, django_assert_num_queries):
    client = cast.client_for("sekda")
    client.get(reverse("meetings:meeting_list"))  # warm the session
    with django_assert_num_queries(9):
        client.get(reverse("meetings:meeting_list"))
    for _ in range(5):  # more meetings, same queries
        meeting_schedule(
            actor=cast.users["sekda"],
            org_unit=cast.units["setda"],
            kind=MeetingKind.LIMITED,
            title="Rapat terbatas",
            starts_at=meeting.starts_at + dt.timedelta(days=1),
            ends_at=meeting.ends_at + dt.timedelta(days=1),
            invited_units=[cast.units["disdik"]],
            now=timezone.now(),
        )
    with django_assert_num_queries(9):
        client.get(reverse("meetings:meeting_list"))
    with django_assert_num_queries(8):
        response = client.get(
            reverse("meetings:calendar"),
            {"tahun": meeting.starts_at.astimezone(WITA).year, "bulan": meeting.starts_at.astimezone(WITA).month},
        )
    assert response.content.decode().count('data-testid="calendar-entry"') >= 1


def test_detail_after_hold_shows_memo_due_then_the_memo(cast, meeting):
    held_on = meeting.starts_at.astimezone(WITA).date()
    cast.client_for("sekda").post(reverse("meetings:meeting_hold", args=[meeting.pk]), {"held_on": held_on.isoformat()})
    url = reverse("meetings:meeting_detail", args=[meeting.pk])
    body = cast.client_for("sekda").get(url).content.decode()
    assert 'data-testid="memo-due"' in body and 'data-testid="memo-send"' in body
    assert 'data-testid="memo-send"' not in cast.client_for("kepala_opd").get(url).content.decode()
    # The organiser adds the meeting's commitments from its page; an invited OPD does not.
    assert reverse("meetings:item_create", args=[meeting.pk]) in body
    assert 'data-testid="item-create"' not in cast.client_for("kepala_opd").get(url).content.decode()
    cast.client_for("sekda").post(reverse("meetings:memo_send", args=[meeting.pk]))
    body = cast.client_for("kepala_opd").get(url).content.decode()
    assert reverse("meetings:memo_pdf", args=[meeting.pk]) in body
