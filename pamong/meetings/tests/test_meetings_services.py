"""Meeting services: scheduling (past starts refused, nothing saved), the 48-hour pre-read in the tenant's zone,
the 2-working-day memo due date, attendance levels, notes, minutes autosave, series generation (idempotent,
moved off holidays), and who may run a meeting."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from pamong.attendance.models import Holiday
from pamong.core.audit import AuditEvent
from pamong.core.errors import Conflict, Forbidden, NotFoundError, ValidationFailed
from pamong.meetings.choices import AttendanceLevel, MeetingKind, MeetingStatus
from pamong.meetings.models import AgendaItem, Invitation, Meeting, MeetingDecision, MeetingSeries
from pamong.meetings.services.meeting_minutes import minutes_save, series_create, series_generate
from pamong.meetings.services.meetings import (
    attendance_record,
    invitation_note,
    meeting_cancel,
    meeting_hold,
    meeting_schedule,
)

pytestmark = pytest.mark.django_db

WITA = ZoneInfo("Asia/Makassar")
WIB = ZoneInfo("Asia/Jakarta")
NOW = dt.datetime(2026, 11, 2, 8, 0, tzinfo=WITA)


def schedule(cast, *, actor="sekda", starts=None, units=("disdik", "dinkes"), **extra):
    starts = starts or dt.datetime(2026, 11, 10, 9, 0, tzinfo=WITA)
    return meeting_schedule(
        actor=cast.users[actor],
        org_unit=extra.pop("org_unit", cast.units["setda"]),
        kind=extra.pop("kind", MeetingKind.MONTHLY_RAKOR),
        title=extra.pop("title", "Rakor November"),
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        venue="Aula Setda",
        video_link="",
        chair=extra.pop("chair", cast.employees["sekda"]),
        secretary=extra.pop("secretary", None),
        invited_units=[cast.units[u] for u in units],
        now=extra.pop("now", NOW),
    )


def test_schedule_sets_pre_read_48_hours_before_and_invites(cast):
    meeting = schedule(cast)
    assert meeting.pre_read_at == dt.datetime(2026, 11, 8, 9, 0, tzinfo=WITA)
    assert set(meeting.invitations.values_list("org_unit__code", flat=True)) == {"DISDIK", "DINKES"}
    assert AuditEvent.objects.filter(action="meetings.meeting.schedule", target_id=str(meeting.pk)).exists()


def test_pre_read_is_the_same_instant_whatever_zone_the_start_was_given_in(cast):
    """09.00 WITA is 08.00 WIB: the brief goes out 48 hours before the same instant, 09.00 WITA two days earlier."""
    wita = schedule(cast, starts=dt.datetime(2026, 11, 10, 9, 0, tzinfo=WITA))
    wib = schedule(cast, starts=dt.datetime(2026, 11, 10, 9, 0, tzinfo=WIB), title="Rakor WIB")
    assert wita.pre_read_at.astimezone(WITA) == dt.datetime(2026, 11, 8, 9, 0, tzinfo=WITA)
    assert wib.pre_read_at.astimezone(WITA) == dt.datetime(2026, 11, 8, 10, 0, tzinfo=WITA)
    assert wib.pre_read_at - wita.pre_read_at == dt.timedelta(hours=1)


def test_a_past_start_is_refused_and_nothing_is_saved(cast):
    with pytest.raises(ValidationFailed) as exc:
        schedule(cast, starts=NOW - dt.timedelta(minutes=1))
    assert "starts_at" in exc.value.field_errors
    assert "48 jam" in exc.value.field_errors["starts_at"][0]
    assert not Meeting.objects.exists()
    assert not Invitation.objects.exists()


def test_ends_before_start_refused(cast):
    starts = dt.datetime(2026, 11, 10, 9, 0, tzinfo=WITA)
    with pytest.raises(ValidationFailed) as exc:
        meeting_schedule(
            actor=cast.users["sekda"],
            org_unit=cast.units["setda"],
            kind=MeetingKind.LIMITED,
            title="x",
            starts_at=starts,
            ends_at=starts,
            now=NOW,
        )
    assert "ends_at" in exc.value.field_errors


def test_an_opd_head_schedules_for_his_own_unit_only(cast):
    meeting = schedule(cast, actor="kepala_opd", org_unit=cast.units["disdik"], kind=MeetingKind.INTERNAL, chair=None)
    assert meeting.org_unit == cast.units["disdik"]
    with pytest.raises((Forbidden, NotFoundError)):
        schedule(cast, actor="kepala_opd", org_unit=cast.units["dinkes"], chair=None)
    with pytest.raises((Forbidden, NotFoundError)):
        schedule(cast, actor="asn", org_unit=cast.units["disdik"], chair=None)


def test_memo_due_two_working_days_after_a_friday_and_over_a_holiday(cast):
    meeting = schedule(cast, starts=dt.datetime(2026, 11, 6, 9, 0, tzinfo=WITA))  # a Friday
    held = meeting_hold(actor=cast.users["sekda"], meeting=meeting, held_on=dt.date(2026, 11, 6))
    assert held.status == MeetingStatus.HELD
    assert held.memo_due_on == dt.date(2026, 11, 10)  # Monday, Tuesday
    Holiday.objects.create(tenant=cast.tenant, date=dt.date(2026, 11, 16), name="Libur daerah", kind="local")
    other = schedule(cast, starts=dt.datetime(2026, 11, 13, 9, 0, tzinfo=WITA), title="Rapat terbatas")
    held = meeting_hold(actor=cast.users["sekda"], meeting=other, held_on=dt.date(2026, 11, 13))
    assert held.memo_due_on == dt.date(2026, 11, 18)
    with pytest.raises(Conflict):
        meeting_hold(actor=cast.users["sekda"], meeting=held, held_on=dt.date(2026, 11, 13))


def test_chair_and_secretary_run_the_meeting_an_invited_head_may_not(cast):
    meeting = schedule(cast, chair=cast.employees["camat"], secretary=None)
    # the Camat holds meetings.manage only over his Kecamatan, but chairs this one
    meeting_cancel(actor=cast.users["camat"], meeting=meeting, reason="Bupati berhalangan", now=NOW)
    other = schedule(cast, title="Rakor kedua")
    with pytest.raises(Forbidden):  # invited, sees it, may not cancel it
        meeting_cancel(actor=cast.users["kepala_opd"], meeting=other, reason="x", now=NOW)
    with pytest.raises(NotFoundError):  # not invited, not in scope
        meeting_cancel(actor=cast.users["asn_other_opd"], meeting=other, reason="x", now=NOW)
    with pytest.raises(ValidationFailed):
        meeting_cancel(actor=cast.users["sekda"], meeting=other, reason=" ", now=NOW)


def test_attendance_levels(cast):
    meeting = schedule(cast)
    disdik, dinkes = meeting.invitations.order_by("org_unit__code")
    disdik, dinkes = (disdik, dinkes) if disdik.org_unit.code == "DINKES" else (dinkes, disdik)
    attendance_record(
        actor=cast.users["sekda"],
        meeting=meeting,
        rows=[(disdik, AttendanceLevel.HEAD, "Budi Kadisdik"), (dinkes, AttendanceLevel.ABSENT, "ignored")],
    )
    disdik.refresh_from_db()
    dinkes.refresh_from_db()
    assert (disdik.attendance, disdik.attendee_name) == (AttendanceLevel.HEAD, "Budi Kadisdik")
    assert (dinkes.attendance, dinkes.attendee_name) == (AttendanceLevel.ABSENT, "")
    with pytest.raises(ValidationFailed):
        attendance_record(actor=cast.users["sekda"], meeting=meeting, rows=[(disdik, AttendanceLevel.STAFF, "")])
    with pytest.raises(ValidationFailed):
        attendance_record(actor=cast.users["sekda"], meeting=meeting, rows=[(disdik, "boss", "x")])


def test_invited_head_adds_a_note_before_the_meeting_only(cast):
    meeting = schedule(cast)
    own = meeting.invitations.get(org_unit=cast.units["disdik"])
    other = meeting.invitations.get(org_unit=cast.units["dinkes"])
    invitation_note(actor=cast.users["kepala_opd"], invitation=own, note="Data BOS menyusul", now=NOW)
    own.refresh_from_db()
    assert own.note == "Data BOS menyusul"
    with pytest.raises(Forbidden):
        invitation_note(actor=cast.users["kepala_opd"], invitation=other, note="x", now=NOW)
    with pytest.raises(Conflict):
        invitation_note(actor=cast.users["kepala_opd"], invitation=own, note="x", now=meeting.starts_at)


def test_minutes_autosave_updates_in_place(cast):
    meeting = schedule(cast)
    first = minutes_save(
        actor=cast.users["sekda"],
        meeting=meeting,
        agenda=[{"title": "Realisasi anggaran", "notes": "Disdik 40%"}],
        decisions=[{"agenda_index": 0, "text": "Disdik percepat belanja modal"}],
    )
    item = first[0]
    again = minutes_save(
        actor=cast.users["sekda"],
        meeting=meeting,
        agenda=[{"id": item.pk, "title": "Realisasi anggaran", "notes": "Disdik 40%, Dinkes 55%"}],
    )
    assert again[0].pk == item.pk
    assert AgendaItem.objects.filter(meeting=meeting).count() == 1
    assert AgendaItem.objects.get().notes == "Disdik 40%, Dinkes 55%"
    assert MeetingDecision.objects.get().agenda_item_id == item.pk
    with pytest.raises(ValidationFailed):
        minutes_save(actor=cast.users["sekda"], meeting=meeting, agenda=[{"title": ""}])
    with pytest.raises(Forbidden):
        minutes_save(actor=cast.users["kepala_opd"], meeting=meeting, agenda=[{"title": "x"}])


def _series(cast, **fields):
    return series_create(
        actor=cast.users["sekda"],
        org_unit=cast.units["setda"],
        invited_units=[cast.units["disdik"], cast.units["dinkes"]],
        kind=MeetingKind.MONTHLY_RAKOR,
        title="Rakor bulanan",
        frequency="monthly",
        weekday=fields.pop("weekday", None),
        week_of_month=fields.pop("week_of_month", None),
        day_of_month=fields.pop("day_of_month", 5),
        starts_at=dt.time(9, 0),
        chair=cast.employees["sekda"],
        **fields,
    )


def test_series_generation_is_idempotent_and_moves_off_holidays(cast):
    series = _series(cast)
    # 5 December 2026 is a Saturday -> Monday 7; 5 January 2027 a Tuesday, a holiday here -> Wednesday 6
    Holiday.objects.create(tenant=cast.tenant, date=dt.date(2027, 1, 5), name="Libur", kind="local")
    made = series_generate(tenant=cast.tenant, today=dt.date(2026, 11, 20), horizon=3)
    starts = sorted(m.starts_at.astimezone(WITA) for m in made)
    assert [s.date() for s in starts] == [dt.date(2026, 12, 7), dt.date(2027, 1, 6), dt.date(2027, 2, 5)]
    assert all(s.time() == dt.time(9, 0) for s in starts)
    assert all(m.invitations.count() == 2 for m in made)
    assert series_generate(tenant=cast.tenant, today=dt.date(2026, 11, 20), horizon=3) == []
    assert Meeting.objects.filter(series=series).count() == 3


def test_series_pattern_refused_with_the_rule_message(cast):
    with pytest.raises(ValidationFailed) as exc:
        _series(cast, day_of_month=5, weekday=1, week_of_month=2)
    assert "Pilih salah satu pola" in exc.value.message
    assert not MeetingSeries.objects.exists()
