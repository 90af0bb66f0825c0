"""Excuse services: working days, leave quotas, part-day windows, overlaps, closed months, documents, the
direct superior, decisions (with their race), history, audit, notices and the queue of past days."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pamong.access.models import User
from pamong.attendance.choices import ExcuseKind, ExcuseStatus, HolidayKind
from pamong.attendance.models import DirtyDay, Excuse, ExcuseStep, Holiday, LeaveCarry, MonthClose
from pamong.attendance.selectors.excuse_superiors import direct_superior
from pamong.attendance.selectors.excuses import excuse_inbox
from pamong.attendance.selectors.leave_balance import annual_balance
from pamong.attendance.services.excuse_checks import LeaveFlags
from pamong.attendance.services.excuses import (
    excuse_approve,
    excuse_cancel,
    excuse_reject,
    excuse_request,
    excuse_revoke,
)
from pamong.core.errors import Conflict, Forbidden, NotFoundError, ValidationFailed
from pamong.core.models import AuditEvent
from pamong.core.scope import SystemActor
from pamong.notices.models import Notice
from pamong.org.models import Position
from pamong.people.choices import AssignmentKind
from pamong.people.models import Employee
from pamong.people.services import assignment_start, employee_create

pytestmark = pytest.mark.django_db

MON = dt.date(2026, 11, 9)  # a Monday
TUE = MON + dt.timedelta(days=1)
TODAY = dt.date(2026, 11, 20)


def request(cast, who="asn", actor=None, **kw):
    values = {
        "kind": ExcuseKind.LEAVE,
        "leave_kind": "tahunan",
        "starts_on": MON,
        "ends_on": MON,
        "reason": "Keperluan keluarga",
    }
    values.update(kw)
    employee = kw.pop("employee", None) or cast.employees[who]
    values.pop("employee", None)
    return excuse_request(actor=actor or cast.users[who], employee=employee, **values)


def field_of(exc):
    return next(iter(exc.value.field_errors))


# -- working days ------------------------------------------------------------------------------------


def test_annual_leave_counts_working_days_and_tells_the_superior(cast):
    excuse = request(cast, ends_on=MON + dt.timedelta(days=8))  # Mon 9 .. Tue 17: 7 working days
    assert excuse.working_days == 7
    assert excuse.status == ExcuseStatus.REQUESTED
    assert excuse.requested_by == cast.users["asn"]
    step = ExcuseStep.objects.get(excuse=excuse)
    assert (step.action, step.to_status) == ("request", "requested")
    event = AuditEvent.objects.get(action="attendance.excuse.request")
    assert event.target_id == str(excuse.pk) and event.after["working_days"] == 7
    # Bidang Pembinaan SD has no head: the request goes up to the head of Dinas Pendidikan.
    assert list(Notice.objects.values_list("recipient__username", flat=True)) == ["kepala_opd"]


def test_weekend_only_range_is_refused(cast):
    with pytest.raises(ValidationFailed) as exc:
        request(cast, starts_on=dt.date(2026, 11, 14), ends_on=dt.date(2026, 11, 15))
    assert field_of(exc) == "starts_on"
    assert not Excuse.objects.exists()


def test_holiday_is_not_a_working_day(cast):
    Holiday.objects.create(tenant=cast.tenant, date=MON, name="Libur daerah", kind=HolidayKind.LOCAL)
    with pytest.raises(ValidationFailed):
        request(cast)
    excuse = request(cast, ends_on=MON + dt.timedelta(days=1))
    assert excuse.working_days == 1


# -- leave quotas ------------------------------------------------------------------------------------


def test_annual_leave_beyond_twelve_days_is_refused(cast):
    request(cast, starts_on=dt.date(2026, 3, 2), ends_on=dt.date(2026, 3, 13))  # 10 working days
    with pytest.raises(ValidationFailed) as exc:
        request(cast, starts_on=dt.date(2026, 4, 6), ends_on=dt.date(2026, 4, 8))  # 3 more: 13 > 12
    assert field_of(exc) == "leave_kind"
    assert "sisa hak 2" in exc.value.message
    assert request(cast, starts_on=dt.date(2026, 4, 6), ends_on=dt.date(2026, 4, 7)).working_days == 2


def test_carried_leave_extends_the_quota(cast):
    LeaveCarry.objects.create(tenant=cast.tenant, employee=cast.employees["asn"], year=2026, carried_days=6)
    request(cast, starts_on=dt.date(2026, 3, 2), ends_on=dt.date(2026, 3, 20))  # 15 working days
    request(cast, starts_on=dt.date(2026, 4, 6), ends_on=dt.date(2026, 4, 8))  # 18 in all
    with pytest.raises(ValidationFailed):
        request(cast, starts_on=dt.date(2026, 4, 9), ends_on=dt.date(2026, 4, 9))
    balance = annual_balance(employee=cast.employees["asn"], year=2026)
    assert (balance.entitlement, balance.taken, balance.pending, balance.remaining) == (18, 0, 18, 0)


def test_rejected_and_cancelled_leave_gives_the_days_back(cast):
    first = request(cast, starts_on=dt.date(2026, 3, 2), ends_on=dt.date(2026, 3, 17))  # 12 working days
    excuse_cancel(actor=cast.users["asn"], excuse=first)
    assert request(cast, starts_on=dt.date(2026, 4, 1), ends_on=dt.date(2026, 4, 16)).working_days == 12


def test_big_leave_needs_five_years_of_service_unless_for_the_hajj(cast):
    Employee.objects.filter(pk=cast.employees["asn"].pk).update(appointment_year=2023)
    big = {"leave_kind": "besar", "starts_on": dt.date(2026, 5, 4), "ends_on": dt.date(2026, 5, 29)}
    with pytest.raises(ValidationFailed) as exc:
        request(cast, **big)
    assert "masa kerja" in exc.value.message
    excuse = request(cast, flags=LeaveFlags(religious_duty=True), **big)
    assert excuse.leave_kind == "besar"
    # No annual leave in a year of cuti besar.
    with pytest.raises(ValidationFailed):
        request(cast, starts_on=dt.date(2026, 7, 1), ends_on=dt.date(2026, 7, 1))


def test_maternity_leave_up_to_the_third_child(cast):
    asn = cast.employees["asn"]
    maternity = {"leave_kind": "melahirkan", "starts_on": dt.date(2026, 6, 1), "ends_on": dt.date(2026, 8, 29)}
    with pytest.raises(ValidationFailed) as exc:  # the cast's NIP says male
        request(cast, flags=LeaveFlags(child_number=1), **maternity)
    Employee.objects.filter(pk=asn.pk).update(gender="female")
    with pytest.raises(ValidationFailed) as exc:
        request(cast, flags=LeaveFlags(child_number=4), **maternity)
    assert "cuti besar" in exc.value.message
    with pytest.raises(ValidationFailed) as exc:
        request(cast, flags=LeaveFlags(), **maternity)
    assert field_of(exc) == "child_number"
    with pytest.raises(ValidationFailed):  # 91 calendar days > 3 months
        request(cast, flags=LeaveFlags(child_number=3), **{**maternity, "ends_on": dt.date(2026, 8, 30)})
    assert request(cast, flags=LeaveFlags(child_number=3), **maternity).working_days > 0


def test_collective_leave_is_never_requested(cast):
    with pytest.raises(ValidationFailed):
        request(cast, leave_kind="bersama")


# -- part-day windows, overlaps, closed months -------------------------------------------------------


def test_part_day_permit_and_overlaps(cast):
    window = {"kind": ExcuseKind.PERMIT, "leave_kind": "", "start_time": dt.time(9), "end_time": dt.time(11)}
    permit = request(cast, **window)
    assert (permit.start_time, permit.end_time, permit.working_days) == (dt.time(9), dt.time(11), 1)
    # Another window the same afternoon is fine; one that overlaps is not; nor a whole day.
    request(cast, **{**window, "start_time": dt.time(13), "end_time": dt.time(14)})
    with pytest.raises(ValidationFailed):
        request(cast, **{**window, "start_time": dt.time(10), "end_time": dt.time(12)})
    with pytest.raises(ValidationFailed) as exc:
        request(cast, kind=ExcuseKind.SICK, leave_kind="", ends_on=MON + dt.timedelta(days=2))
    assert "bertumpang tindih" in exc.value.message


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": ExcuseKind.LEAVE, "start_time": dt.time(9), "end_time": dt.time(11)}, "start_time"),
        ({"start_time": dt.time(9), "end_time": dt.time(11), "ends_on": MON + dt.timedelta(days=1)}, "ends_on"),
        ({"start_time": dt.time(11), "end_time": dt.time(9)}, "end_time"),
        ({"start_time": dt.time(11), "end_time": None}, "end_time"),
        ({"reason": "  "}, "reason"),
        ({"ends_on": MON - dt.timedelta(days=1)}, "ends_on"),
        ({"kind": "holiday"}, "kind"),
    ],
)
def test_malformed_requests_name_the_field(cast, changes, field):
    values = {"kind": ExcuseKind.PERMIT, "leave_kind": "", **changes}
    if values["kind"] == ExcuseKind.LEAVE:
        values["leave_kind"] = "tahunan"
    with pytest.raises(ValidationFailed) as exc:
        request(cast, **values)
    assert field_of(exc) == field


def test_a_closed_month_is_refused(cast):
    MonthClose.objects.create(tenant=cast.tenant, year=2026, month=10)
    with pytest.raises(ValidationFailed) as exc:
        request(cast, starts_on=dt.date(2026, 10, 30), ends_on=dt.date(2026, 11, 2))
    assert "10/2026" in exc.value.message


# -- supporting documents ----------------------------------------------------------------------------


def test_document_checked_by_content(cast):
    pdf = SimpleUploadedFile("surat.pdf", b"%PDF-1.4 surat dokter", content_type="application/pdf")
    excuse = request(cast, kind=ExcuseKind.SICK, leave_kind="", document=pdf)
    assert excuse.document.name.endswith(".pdf")
    fake = SimpleUploadedFile("surat.pdf", b"\x89PNG\r\n\x1a\nxxxx", content_type="application/pdf")
    with pytest.raises(ValidationFailed) as exc:
        request(cast, kind=ExcuseKind.SICK, leave_kind="", starts_on=TUE, ends_on=TUE, document=fake)
    assert field_of(exc) == "document"
    sheet = SimpleUploadedFile("surat.xlsx", b"PK\x03\x04", content_type="application/octet-stream")
    with pytest.raises(ValidationFailed) as exc:
        request(cast, kind=ExcuseKind.SICK, leave_kind="", starts_on=TUE, ends_on=TUE, document=sheet)
    assert "PDF, JPG atau PNG" in exc.value.message


# -- who may request ---------------------------------------------------------------------------------


def test_bkpsdm_requests_for_staff_but_nobody_for_staff_out_of_scope(cast):
    excuse = request(cast, actor=cast.users["hr_admin"], employee=cast.employees["asn"])
    assert excuse.requested_by == cast.users["hr_admin"] and excuse.employee == cast.employees["asn"]
    with pytest.raises(NotFoundError):
        request(cast, actor=cast.users["asn"], employee=cast.employees["asn_other_opd"], starts_on=MON)
    with pytest.raises(Forbidden):  # the head sees his staff but files no requests for them
        request(cast, actor=cast.users["kepala_opd"], employee=cast.employees["asn"], starts_on=MON)


# -- the direct superior -----------------------------------------------------------------------------


def _add_head(cast, *, with_user=True, kind=AssignmentKind.DEFINITIVE):
    system = SystemActor(tenant_id=cast.tenant.pk, label="test")
    head = employee_create(
        actor=system,
        org_unit=cast.units["disdik_bidang"],
        nip="198801012010011099",
        name="Hadi Kabid",
        kind="pns",
        today=TODAY,
        grade="III/d",
    )
    assignment_start(
        actor=system,
        employee=head,
        position=Position.objects.get(code="KABID_SD"),
        kind=kind,
        starts_on=dt.date(2025, 1, 2),
    )
    user = User.objects.create_user(username="kabid", password="x-pass-123", tenant=cast.tenant, employee=head)
    if not with_user:
        user.employee = None
        user.save()
    return head, user


def superior_of(cast, employee):
    employee.refresh_from_db()
    return direct_superior(tenant_id=cast.tenant.pk, employee_id=employee.pk, unit_path=employee.org_unit.path, day=MON)


def test_vacant_post_walks_up_and_a_heads_request_goes_to_the_parent_unit(cast):
    asn = cast.employees["asn"]
    assert superior_of(cast, asn).user_ids == {cast.users["kepala_opd"].pk}
    head, user = _add_head(cast)
    assert superior_of(cast, asn).user_ids == {user.pk}
    # The Kabid's own request goes to the head of Dinas Pendidikan, not to himself.
    assert superior_of(cast, head).user_ids == {cast.users["kepala_opd"].pk}
    # The Kepala Dinas heads his unit and nobody heads the root: BKPSDM decides.
    assert superior_of(cast, cast.employees["kepala_opd"]) is None


def test_a_head_without_an_account_is_passed_over(cast):
    _add_head(cast, with_user=False)
    assert superior_of(cast, cast.employees["asn"]).user_ids == {cast.users["kepala_opd"].pk}


def test_plt_decides_when_the_post_has_no_definitive_head(cast):
    _head, user = _add_head(cast, kind=AssignmentKind.PLT)
    superior = superior_of(cast, cast.employees["asn"])
    assert superior.kind == AssignmentKind.PLT and superior.user_ids == {user.pk}


# -- decisions ---------------------------------------------------------------------------------------


def test_superior_approves_past_days_are_queued_and_the_employee_told(cast, django_capture_on_commit_callbacks):
    excuse = request(cast, kind=ExcuseKind.SICK, leave_kind="", ends_on=MON + dt.timedelta(days=1))
    Notice.objects.all().delete()
    with django_capture_on_commit_callbacks() as callbacks:
        excuse = excuse_approve(actor=cast.users["kepala_opd"], excuse=excuse, today=MON + dt.timedelta(days=1))
    assert excuse.status == ExcuseStatus.APPROVED and excuse.decided_by == cast.users["kepala_opd"]
    assert list(DirtyDay.objects.values_list("employee_id", "date")) == [(cast.employees["asn"].pk, MON)]
    assert callbacks  # the recompute job is enqueued on commit
    assert [s.action for s in excuse.steps.all()] == ["request", "approve"]
    assert AuditEvent.objects.filter(action="attendance.excuse.approve", after__override=False).exists()
    assert list(Notice.objects.values_list("recipient__username", flat=True)) == ["asn"]


def test_only_the_superior_or_bkpsdm_decides(cast):
    excuse = request(cast)
    with pytest.raises(Forbidden):  # sees every excuse, decides none
        excuse_approve(actor=cast.users["sekda"], excuse=excuse)
    with pytest.raises(NotFoundError):
        excuse_approve(actor=cast.users["asn_other_opd"], excuse=excuse)
    with pytest.raises(Forbidden):
        excuse_approve(actor=cast.users["asn"], excuse=excuse)
    _head, kabid = _add_head(cast)
    with pytest.raises(Forbidden):  # no longer the direct superior: the Kabid is
        excuse_approve(actor=cast.users["kepala_opd"], excuse=excuse)
    excuse = excuse_approve(actor=cast.users["hr_admin"], excuse=excuse, today=TODAY)
    assert excuse.steps.get(action="approve").note.startswith("Diputuskan oleh BKPSDM")


def test_nobody_decides_his_own_request(cast):
    excuse = request(cast, who="hr_admin")
    with pytest.raises(Forbidden):
        excuse_approve(actor=cast.users["hr_admin"], excuse=excuse)
    head_request = request(cast, who="kepala_opd")
    assert [row.excuse.pk for row in excuse_inbox(actor=cast.users["hr_admin"])] == [head_request.pk]


def test_approve_and_reject_race_one_wins(cast):
    excuse = request(cast)
    stale = Excuse.objects.get(pk=excuse.pk)
    excuse_reject(actor=cast.users["kepala_opd"], excuse=excuse, reason="Sedang ada pemeriksaan BPK")
    with pytest.raises(Conflict):
        excuse_approve(actor=cast.users["hr_admin"], excuse=stale)
    assert Excuse.objects.get(pk=excuse.pk).status == ExcuseStatus.REJECTED
    assert ExcuseStep.objects.filter(excuse=excuse).count() == 2


def test_reject_needs_a_reason_and_tells_the_employee(cast):
    excuse = request(cast)
    with pytest.raises(ValidationFailed) as exc:
        excuse_reject(actor=cast.users["kepala_opd"], excuse=excuse, reason=" ")
    assert field_of(exc) == "reason"
    excuse_reject(actor=cast.users["kepala_opd"], excuse=excuse, reason="Tenaga sedang dibutuhkan")
    notice = Notice.objects.get(recipient=cast.users["asn"])
    assert "ditolak" in notice.title and notice.body == "Tenaga sedang dibutuhkan"


def test_cancel_by_the_requester_only_before_the_decision(cast):
    excuse = request(cast)
    with pytest.raises(Forbidden):
        excuse_cancel(actor=cast.users["kepala_opd"], excuse=excuse)
    excuse = excuse_cancel(actor=cast.users["asn"], excuse=excuse, reason="Tidak jadi")
    assert excuse.status == ExcuseStatus.CANCELLED
    assert AuditEvent.objects.filter(action="attendance.excuse.cancel").exists()
    with pytest.raises(Conflict):
        excuse_cancel(actor=cast.users["asn"], excuse=excuse)


def test_revoke_an_approved_excuse_queues_its_past_days_again(cast):
    excuse = request(cast, kind=ExcuseKind.DUTY_TRAVEL, leave_kind="", ends_on=MON + dt.timedelta(days=2))
    excuse_approve(actor=cast.users["kepala_opd"], excuse=excuse, today=MON)  # nothing past yet
    assert not DirtyDay.objects.exists()
    with pytest.raises(ValidationFailed):
        excuse_revoke(actor=cast.users["kepala_opd"], excuse=excuse, reason="")
    excuse = excuse_revoke(actor=cast.users["kepala_opd"], excuse=excuse, reason="SPT dibatalkan", today=TODAY)
    assert excuse.status == ExcuseStatus.CANCELLED
    assert DirtyDay.objects.count() == 3
    assert excuse.steps.last().action == "revoke"
    with pytest.raises(Conflict):
        excuse_revoke(actor=cast.users["kepala_opd"], excuse=excuse, reason="lagi", today=TODAY)


def test_inbox_holds_what_waits_for_me(cast):
    mine = request(cast)
    other = request(cast, who="asn_other_opd")  # Dinas Kesehatan has no head: BKPSDM
    assert [r.excuse.pk for r in excuse_inbox(actor=cast.users["kepala_opd"])] == [mine.pk]
    assert [r.excuse.pk for r in excuse_inbox(actor=cast.users["hr_admin"])] == [other.pk]
    assert excuse_inbox(actor=cast.users["asn"]) == []
    assert excuse_inbox(actor=cast.users["camat"]) == []
