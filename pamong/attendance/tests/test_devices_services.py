"""Device registry, command queue (life-cycle through the receiver), PIN map and the employee-moved hook."""

import datetime as dt

import pytest

from pamong.attendance.choices import CommandStatus
from pamong.attendance.models import DeviceCommand, DevicePin, Punch
from pamong.attendance.services import devices as services
from pamong.attendance.services.device_pins import pin_set, pins_default_nip
from pamong.core.errors import Conflict, Forbidden, NotFoundError, ValidationFailed
from pamong.core.models import AuditEvent
from pamong.core.scope import SystemActor
from pamong.people.choices import AssignmentKind
from pamong.people.services import assignment_start

from .adms import replay

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr(cast):
    return cast.users["hr_admin"]


@pytest.fixture
def device(cast, hr):
    return services.device_create(actor=hr, org_unit=cast.units["disdik"], serial_number="ZKT0001", name="Lobi")


def test_register_a_device_audited_and_serials_unique(cast, hr, device):
    assert (device.tenant_id, device.is_allowed) == (cast.tenant.pk, True)
    assert AuditEvent.objects.filter(action="attendance.device.created").count() == 1
    with pytest.raises(Conflict, match="ZKT0001"):
        services.device_create(actor=hr, org_unit=cast.units["dinkes"], serial_number=" ZKT0001 ", name="Dua")
    with pytest.raises(ValidationFailed) as bad:
        services.device_create(actor=hr, org_unit=cast.units["dinkes"], serial_number="a b", name="")
    assert set(bad.value.field_errors) == {"serial_number", "name"}


def test_who_may_register(cast, device):
    with pytest.raises(Forbidden):  # sees the unit's attendance, may not manage it
        services.device_create(
            actor=cast.users["kepala_opd"], org_unit=cast.units["disdik"], serial_number="X1", name="x"
        )
    with pytest.raises(NotFoundError):
        services.device_create(actor=cast.users["camat"], org_unit=cast.units["disdik"], serial_number="X1", name="x")
    with pytest.raises(NotFoundError):
        services.device_set_allowed(actor=cast.users["other_tenant"], device=device, is_allowed=False, reason="x")


def test_block_needs_a_reason_and_then_refuses_pushes(cast, hr, device):
    with pytest.raises(ValidationFailed):
        services.device_set_allowed(actor=hr, device=device, is_allowed=False)
    services.device_set_allowed(actor=hr, device=device, is_allowed=False, reason="Hilang")
    assert replay("getrequest.http", cast.tenant.zone).status_code == 403
    services.device_set_allowed(actor=hr, device=device, is_allowed=True)
    assert replay("getrequest.http", cast.tenant.zone).status_code == 200
    assert list(
        AuditEvent.objects.filter(action__startswith="attendance.device.").values_list("action", flat=True)
    ) == [
        "attendance.device.created",
        "attendance.device.blocked",
        "attendance.device.allowed",
    ]


@pytest.mark.parametrize(
    ("fixture", "status", "code"), [("devicecmd_ok.http", "succeeded", 0), ("devicecmd_failed.http", "failed", -1002)]
)
def test_command_life_cycle(cast, hr, device, fixture, status, code):
    command = services.command_queue(
        actor=hr, device=device, kind="DATA UPDATE USERINFO", fields={"PIN": "1003", "Name": "Budi"}, purpose="uji"
    )
    second = services.command_queue(actor=hr, device=device, kind="INFO")
    assert (command.command_id, second.command_id) == (1, 2)
    poll = replay("getrequest.http", cast.tenant.zone)
    assert (
        poll.content.decode()
        == "C:1:DATA UPDATE USERINFO PIN=1003\tName=Budi\tPri=0\tPasswd=\tCard=\tGrp=1\tVerify=0\nC:2:INFO"
    )
    command.refresh_from_db()
    assert command.status == CommandStatus.SENT and command.sent_at is not None
    assert replay("getrequest.http", cast.tenant.zone).content.decode() == "OK"  # handed over once
    assert replay(fixture, cast.tenant.zone, id=1).content.decode() == "OK"
    command.refresh_from_db()
    assert (command.status, command.return_code, command.result["cmd"]) == (status, code, "DATA")
    # A second result for the same command changes nothing.
    replay("devicecmd_ok.http", cast.tenant.zone, id=1)
    command.refresh_from_db()
    assert command.status == status


def test_cancel_only_a_queued_command(cast, hr, device):
    command = services.command_queue(actor=hr, device=device, kind="CHECK")
    with pytest.raises(Forbidden):
        services.command_cancel(actor=cast.users["kepala_opd"], command=command)
    services.command_cancel(actor=hr, command=command, reason="salah kirim")
    assert replay("getrequest.http", cast.tenant.zone).content.decode() == "OK"
    with pytest.raises(Conflict, match="dibatalkan"):
        services.command_cancel(actor=hr, command=command)
    sent = services.command_queue(actor=hr, device=device, kind="CHECK")
    replay("getrequest.http", cast.tenant.zone)
    with pytest.raises(Conflict, match="terkirim"):
        services.command_cancel(actor=hr, command=sent)


def test_a_command_with_a_tab_in_a_field_is_refused(cast, hr, device):
    with pytest.raises(ValidationFailed):
        services.command_queue(
            actor=hr, device=device, kind="DATA UPDATE USERINFO", fields={"PIN": "1", "Name": "A\tPri=14"}
        )
    with pytest.raises(ValidationFailed):
        services.command_queue(actor=hr, device=device, kind="CLEAR DATA")
    assert not DeviceCommand.objects.exists()


def test_pin_set_attaches_kept_punches_and_refuses_conflicts(cast, hr, device):
    replay("attlog_two.http", cast.tenant.zone)  # PIN 1002 is not mapped: kept without an employee
    dewi = cast.employees["asn_other_opd"]
    pin = pin_set(actor=hr, employee=dewi, pin="1002")
    assert Punch.objects.get(pin="1002").employee_id == dewi.pk
    with pytest.raises(Conflict, match="Dewi"):
        pin_set(actor=hr, employee=cast.employees["asn"], pin="1002")
    with pytest.raises(ValidationFailed):
        pin_set(actor=hr, employee=dewi, pin="10 02")
    pin_set(actor=hr, employee=dewi, pin="2002")
    pin.refresh_from_db()
    assert pin.pin == "2002" and DevicePin.objects.filter(employee=dewi).count() == 1
    assert AuditEvent.objects.filter(action="attendance.device_pin.set").count() == 2
    with pytest.raises(Forbidden):
        pin_set(actor=cast.users["kepala_opd"], employee=cast.employees["asn"], pin="5")


def test_default_pins_are_nips_and_skip_taken_ones(cast, hr):
    asn = cast.employees["asn"]
    pin_set(actor=hr, employee=cast.employees["asn_other_opd"], pin=cast.employees["kepala_opd"].nip)
    outcome = pins_default_nip(actor=hr, org_unit=cast.units["disdik"])
    assert outcome.created == 1 and outcome.skipped == [cast.employees["kepala_opd"].nip]
    assert DevicePin.objects.get(employee=asn).pin == asn.nip
    assert pins_default_nip(actor=hr, org_unit=cast.units["disdik"]).created == 0


def move(cast, employee, position_key):
    system = SystemActor(tenant_id=cast.tenant.pk, label="test")
    assignment_start(
        actor=system,
        employee=employee,
        position=cast.positions[position_key],
        kind=AssignmentKind.DEFINITIVE,
        starts_on=dt.date(2026, 1, 5),
        today=dt.date(2026, 11, 2),
    )


def test_employee_moved_queues_user_sync(cast, hr, device):
    dinkes = services.device_create(actor=hr, org_unit=cast.units["dinkes"], serial_number="ZKT0002", name="Dinkes")
    region = services.device_create(actor=hr, org_unit=cast.units["root"], serial_number="ZKT0003", name="Kantor")
    asn = cast.employees["asn"]
    DevicePin.objects.create(tenant=cast.tenant, employee=asn, pin="1001")
    move(cast, asn, "perawat")  # from Bidang SD (under Disdik) to Dinas Kesehatan
    rows = {(c.device_id, c.text.split(" PIN=")[0]) for c in DeviceCommand.objects.filter(status=CommandStatus.QUEUED)}
    # Disdik's device deletes the user, Dinkes's adds it; the regency's device serves both and is left alone.
    assert rows == {(device.pk, "DATA DELETE USERINFO"), (dinkes.pk, "DATA UPDATE USERINFO")}
    assert not DeviceCommand.objects.filter(device=region).exists()
    update = DeviceCommand.objects.get(device=dinkes)
    assert update.text.startswith("DATA UPDATE USERINFO PIN=1001\tName=Citra Staf\t")
    assert AuditEvent.objects.filter(action="attendance.device_command.queued").count() == 2


def test_employee_moved_without_a_pin_queues_nothing(cast, device):
    move(cast, cast.employees["asn"], "perawat")
    assert not DeviceCommand.objects.exists()
