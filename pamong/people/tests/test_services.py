"""People services: NIP decoding, assignments with Plt/Plh, who headed a unit on a day."""

import datetime as dt

import pytest

from pamong.core.errors import Conflict, NotFoundError, ValidationFailed
from pamong.core.models import AuditEvent
from pamong.people.choices import AssignmentKind
from pamong.people.models import Assignment, Employee
from pamong.people.selectors import heads_of_unit_on
from pamong.people.services import assignment_end, assignment_start, employee_create, employee_update

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 22)


def _create(cast, nip, kind="pns", grade="III/b", unit="disdik_bidang"):
    return employee_create(
        actor=cast.users["hr_admin"],
        org_unit=cast.units[unit],
        nip=nip,
        name="Hasan",
        kind=kind,
        grade=grade,
        today=TODAY,
    )


def test_employee_create_decodes_the_nip(cast):
    employee = _create(cast, "19870131 200912 1 006")
    assert employee.nip == "198701312009121006"
    assert employee.birth_date == dt.date(1987, 1, 31)
    assert (employee.appointment_year, employee.appointment_month) == (2009, 12)
    assert employee.gender == "male"
    assert employee.nip_formatted == "19870131 200912 1 006"
    assert AuditEvent.objects.filter(action="people.employee.created", target_id=str(employee.pk)).exists()


def test_pppk_nip_with_marker(cast):
    employee = _create(cast, "199601292023211010", kind="pppk", grade="IX")
    assert employee.appointment_month is None and employee.grade == "IX"


@pytest.mark.parametrize(
    ("nip", "kind", "grade", "field", "fragment"),
    [
        ("197502302001031002", "pns", "III/a", "nip", "bukan tanggal yang sah"),
        ("199601292023211010", "pns", "III/a", "nip", "PPPK"),
        ("12345", "pns", "III/a", "nip", "18"),
        ("198701312009121006", "pns", "III/z", "grade", ""),
    ],
)
def test_bad_identity_is_refused_per_part_and_nothing_is_written(cast, nip, kind, grade, field, fragment):
    before = Employee.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        _create(cast, nip, kind=kind, grade=grade)
    assert field in exc.value.field_errors
    assert fragment in " ".join(exc.value.field_errors[field])
    assert Employee.objects.count() == before


def test_duplicate_nip_is_refused(cast):
    _create(cast, "198701312009121006")
    with pytest.raises(ValidationFailed) as exc:
        _create(cast, "198701312009121006")
    assert "nip" in exc.value.field_errors


def test_update_out_of_scope_is_not_found(cast):
    employee = cast.employees["asn_other_opd"]
    with pytest.raises(NotFoundError):
        employee_update(
            actor=cast.users["kepala_opd"],
            employee=employee,
            name="X",
            front_title="",
            back_title="",
            grade="",
            email="",
            phone="",
        )


def test_definitive_transfer_ends_the_previous_post_and_moves_the_employee(cast):
    admin = cast.users["hr_admin"]
    employee = cast.employees["asn"]
    assignment_start(
        actor=admin,
        employee=employee,
        position=cast.positions["perawat"],
        kind=AssignmentKind.DEFINITIVE,
        starts_on=dt.date(2026, 3, 1),
        decree_number="800/12/BKPSDM",
    )
    employee.refresh_from_db()
    assert employee.org_unit_id == cast.units["dinkes"].pk
    assert employee.position_id == cast.positions["perawat"].pk
    previous = Assignment.objects.get(employee=employee, position=cast.positions["guru"])
    assert previous.ends_on == dt.date(2026, 2, 28)


def test_post_with_a_definitive_holder_refuses_another_definitive_and_a_plt(cast):
    admin = cast.users["hr_admin"]
    other = cast.employees["asn_other_opd"]
    for kind in (AssignmentKind.DEFINITIVE, AssignmentKind.PLT):
        with pytest.raises(Conflict):
            assignment_start(
                actor=admin, employee=other, position=cast.positions["kadisdik"], kind=kind, starts_on=TODAY
            )


def test_plh_may_stand_in_for_an_absent_holder_but_only_one_at_a_time(cast):
    admin = cast.users["hr_admin"]
    plh = assignment_start(
        actor=admin,
        employee=cast.employees["asn"],
        position=cast.positions["kadisdik"],
        kind=AssignmentKind.PLH,
        starts_on=dt.date(2026, 11, 10),
        ends_on=dt.date(2026, 11, 20),
    )
    assert plh.duration_days(TODAY) == 11
    with pytest.raises(Conflict):
        assignment_start(
            actor=admin,
            employee=cast.employees["camat"],
            position=cast.positions["kadisdik"],
            kind=AssignmentKind.PLH,
            starts_on=dt.date(2026, 11, 15),
        )


def test_who_headed_the_unit_on_a_day(cast):
    admin = cast.users["hr_admin"]
    head = cast.employees["kepala_opd"]
    current = Assignment.objects.get(employee=head, position=cast.positions["kadisdik"])
    assignment_end(actor=admin, assignment=current, ends_on=dt.date(2026, 2, 28), reason="pensiun")
    assignment_start(
        actor=admin,
        employee=cast.employees["sekda"],
        position=cast.positions["kadisdik"],
        kind=AssignmentKind.PLT,
        starts_on=dt.date(2026, 3, 1),
    )
    bupati = cast.users["bupati"]
    on_feb = heads_of_unit_on(actor=bupati, unit=cast.units["disdik"], day=dt.date(2026, 2, 10))
    on_mar = heads_of_unit_on(actor=bupati, unit=cast.units["disdik"], day=dt.date(2026, 3, 3))
    assert [(h.employee.pk, h.kind) for h in on_feb] == [(head.pk, "definitive")]
    assert [(h.employee.pk, h.kind, h.is_acting) for h in on_mar] == [(cast.employees["sekda"].pk, "plt", True)]
    head.refresh_from_db()
    assert head.position_id is None


def test_end_before_start_is_refused(cast):
    assignment = Assignment.objects.get(employee=cast.employees["asn"])
    with pytest.raises(ValidationFailed):
        assignment_end(actor=cast.users["hr_admin"], assignment=assignment, ends_on=dt.date(2020, 1, 1))


def test_plh_on_a_vacant_post_is_refused(cast):
    admin = cast.users["hr_admin"]
    current = Assignment.objects.get(employee=cast.employees["kepala_opd"], position=cast.positions["kadisdik"])
    assignment_end(actor=admin, assignment=current, ends_on=dt.date(2026, 10, 31), reason="mutasi")
    with pytest.raises(Conflict) as exc:
        assignment_start(
            actor=admin,
            employee=cast.employees["asn"],
            position=cast.positions["kadisdik"],
            kind=AssignmentKind.PLH,
            starts_on=dt.date(2026, 11, 10),
        )
    assert "Plt" in exc.value.message


def test_functional_posts_are_shared_and_take_no_acting_holder(cast):
    admin = cast.users["hr_admin"]
    with pytest.raises(ValidationFailed):
        assignment_start(
            actor=admin,
            employee=cast.employees["asn"],
            position=cast.positions["perawat"],
            kind=AssignmentKind.PLT,
            starts_on=TODAY,
        )


def test_future_dated_appointment_moves_the_employee_only_when_it_takes_effect(cast):
    from pamong.core.scope import SystemActor
    from pamong.people.services import employees_sync_current_posts

    admin = cast.users["hr_admin"]
    employee = cast.employees["asn"]
    assignment_start(
        actor=admin,
        employee=employee,
        position=cast.positions["perawat"],
        kind=AssignmentKind.DEFINITIVE,
        starts_on=dt.date(2026, 12, 1),
        today=TODAY,
    )
    employee.refresh_from_db()
    assert employee.position_id == cast.positions["guru"].pk  # not yet
    system = SystemActor(tenant_id=cast.tenant.pk)
    assert employees_sync_current_posts(actor=system, today=dt.date(2026, 11, 30)) == 0
    assert employees_sync_current_posts(actor=system, today=dt.date(2026, 12, 1)) == 1
    employee.refresh_from_db()
    assert employee.position_id == cast.positions["perawat"].pk
    assert employee.org_unit_id == cast.units["dinkes"].pk
    assert employees_sync_current_posts(actor=system, today=dt.date(2026, 12, 2)) == 0
    assert AuditEvent.objects.filter(action="people.employee.post_synced", target_id=str(employee.pk)).count() == 1


def test_superseded_post_ending_is_audited(cast):
    admin = cast.users["hr_admin"]
    employee = cast.employees["asn"]
    assignment_start(
        actor=admin,
        employee=employee,
        position=cast.positions["perawat"],
        kind=AssignmentKind.DEFINITIVE,
        starts_on=dt.date(2026, 3, 1),
    )
    previous = Assignment.objects.get(employee=employee, position=cast.positions["guru"])
    event = AuditEvent.objects.get(action="people.assignment.ended", target_id=str(previous.pk))
    assert event.after == {"ends_on": "2026-02-28"}
