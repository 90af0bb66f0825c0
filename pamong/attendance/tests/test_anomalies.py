"""anomalies_detect: each kind with a negative case, idempotence, tenant isolation; anomaly_review."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.core.management import call_command

from pamong.attendance.anomaly_tasks import anomalies_detect_task
from pamong.attendance.choices import AnomalyStatus, PunchSource
from pamong.attendance.models import Anomaly, Device, Geofence
from pamong.attendance.services.anomalies import anomalies_detect, anomaly_review
from pamong.attendance.services.punches import PunchIn, punches_ingest
from pamong.core.errors import Conflict, Forbidden, NotFoundError, ValidationFailed
from pamong.core.models import AuditEvent
from pamong.core.scope import SystemActor

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 11, 19)
NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)


def at(day, hh, mm):
    return dt.datetime(day.year, day.month, day.day, hh, mm)  # tenant wall time (WITA)


def punch(cast, who, when, lat=None, lon=None, *, device=None, mock=False, install="", tenant=None):
    tenant = tenant or cast.tenant
    actor = SystemActor(tenant_id=tenant.pk, label="test")
    employee = cast.employees[who] if isinstance(who, str) else who
    punches_ingest(
        actor=actor,
        tenant_id=tenant.pk,
        source=PunchSource.DEVICE if device else PunchSource.MANUAL,
        device=device,
        now=NOW,
        punches=[
            PunchIn(
                punched_at=when,
                natural_key=f"t|{uuid.uuid4()}",
                employee_id=employee.pk,
                latitude=None if lat is None else Decimal(lat),
                longitude=None if lon is None else Decimal(lon),
                is_mock=mock,
                client_device=install,
            )
        ],
    )


def detect(cast, day=DAY):
    return anomalies_detect(
        actor=SystemActor(tenant_id=cast.tenant.pk, label="test"), tenant_id=cast.tenant.pk, day=day
    )


def flags(kind):
    return sorted(Anomaly.objects.filter(kind=kind).values_list("employee_id", "date"))


def test_shared_coordinates_to_the_metre(cast):
    asn, other = cast.employees["asn"], cast.employees["asn_other_opd"]
    punch(cast, "asn", at(DAY, 7, 20), "-5.0055001", "119.5733004")
    punch(cast, "asn_other_opd", at(DAY, 7, 22), "-5.005502", "119.573298")  # same to 5 decimals
    punch(cast, "camat", at(DAY, 7, 25), "-5.005540", "119.573300")  # 4 m away: not the same
    counts = detect(cast)
    assert counts["shared_coordinates"] == 2
    assert flags("shared_coordinates") == sorted([(asn.pk, DAY), (other.pk, DAY)])
    row = Anomaly.objects.get(kind="shared_coordinates", employee=asn)
    assert row.org_unit_id == asn.org_unit_id and sorted(row.details["employees"]) == sorted([asn.pk, other.pk])


def test_one_person_twice_at_the_same_place_is_not_shared(cast):
    punch(cast, "asn", at(DAY, 7, 20), "-5.005500", "119.573300")
    punch(cast, "asn", at(DAY, 16, 5), "-5.005500", "119.573300")
    assert detect(cast)["shared_coordinates"] == 0


def test_repeated_exact_coordinates_over_days(cast):
    for back in range(5):  # five days ending on DAY, exact same six decimals
        punch(cast, "asn", at(DAY - dt.timedelta(days=back), 7, 20), "-5.005511", "119.573322")
    for back in range(4):  # four days only: below the default threshold of 5
        punch(cast, "camat", at(DAY - dt.timedelta(days=back), 7, 20), "-5.105511", "119.473322")
    counts = detect(cast)
    assert counts["repeated_coordinates"] == 1
    assert flags("repeated_coordinates") == [(cast.employees["asn"].pk, DAY)]
    assert Anomaly.objects.get(kind="repeated_coordinates").details["days"] == 5


def test_repeated_coordinates_only_flagged_on_a_day_they_occur(cast):
    for back in range(1, 6):
        punch(cast, "asn", at(DAY - dt.timedelta(days=back), 7, 20), "-5.005511", "119.573322")
    punch(cast, "asn", at(DAY, 7, 20), "-5.005600", "119.573322")  # today elsewhere
    assert detect(cast)["repeated_coordinates"] == 0


def test_impossible_travel_between_mobile_punches(cast):
    # Maros office at 07:20, then Makassar (~22 km) at 07:25: ~270 km/h.
    punch(cast, "asn", at(DAY, 7, 20), "-5.005500", "119.573300")
    punch(cast, "asn", at(DAY, 7, 25), "-5.147700", "119.432700")
    # The same trip in an hour is fine.
    punch(cast, "camat", at(DAY, 7, 20), "-5.005500", "119.573300")
    punch(cast, "camat", at(DAY, 8, 20), "-5.147700", "119.432700")
    assert detect(cast)["impossible_travel"] == 1
    row = Anomaly.objects.get(kind="impossible_travel")
    assert row.employee_id == cast.employees["asn"].pk and row.details["speed_kmh"] > 200


def test_impossible_travel_with_a_device_punch_at_its_units_fence(cast):
    device = Device.objects.create(
        tenant=cast.tenant, org_unit=cast.units["disdik"], serial_number="SN-A", name="Mesin Disdik"
    )
    Geofence.objects.create(
        tenant=cast.tenant,
        org_unit=cast.units["disdik"],
        name="Kantor",
        latitude=Decimal("-5.005500"),
        longitude=Decimal("119.573300"),
        radius_m=100,
    )
    punch(cast, "asn", at(DAY, 7, 20), device=device)  # fingerprint at the office
    punch(cast, "asn", at(DAY, 7, 24), "-5.147700", "119.432700")  # phone in Makassar four minutes later
    punch(cast, "camat", at(DAY, 7, 20), device=device)
    punch(cast, "camat", at(DAY, 7, 24), "-5.005600", "119.573300")  # the phone near the office: fine
    assert detect(cast)["impossible_travel"] == 1
    assert flags("impossible_travel") == [(cast.employees["asn"].pk, DAY)]


def test_shared_device_for_many_accounts(cast):
    for who in ("asn", "asn_other_opd", "camat"):
        punch(cast, who, at(DAY, 7, 20), "-5.0055", "119.5733", install="phone-1")
    for who in ("sekda", "verifier"):  # two accounts on one phone: below the default of 3
        punch(cast, who, at(DAY, 7, 20), "-5.1055", "119.5733", install="phone-2")
    assert detect(cast)["shared_device"] == 3
    assert {r.details["client_device"] for r in Anomaly.objects.filter(kind="shared_device")} == {"phone-1"}


def test_mock_location(cast):
    punch(cast, "asn", at(DAY, 7, 20), "-5.0055", "119.5733", mock=True)
    punch(cast, "camat", at(DAY, 7, 20), "-5.1055", "119.5733", mock=False)
    assert detect(cast)["mock_location"] == 1
    assert flags("mock_location") == [(cast.employees["asn"].pk, DAY)]


def test_detection_is_idempotent_and_audited_once(cast):
    punch(cast, "asn", at(DAY, 7, 20), "-5.0055", "119.5733", mock=True)
    assert sum(detect(cast).values()) == 1
    row = Anomaly.objects.get()
    anomaly_review(actor=cast.users["hr_admin"], anomaly=row, verdict="dismissed", note="GPS ponsel rusak")
    assert sum(detect(cast).values()) == 0
    assert Anomaly.objects.get().status == AnomalyStatus.DISMISSED  # a second run never reopens a reviewed flag
    assert AuditEvent.objects.filter(action="attendance.anomalies.detect").count() == 1


def test_other_days_and_tenants_are_not_mixed(cast):
    punch(cast, "asn", at(DAY - dt.timedelta(days=1), 7, 20), "-5.0055", "119.5733", mock=True)
    assert detect(cast)["mock_location"] == 0
    with pytest.raises(NotFoundError):
        anomalies_detect(actor=cast.users["other_tenant"], tenant_id=cast.tenant.pk, day=DAY)


def test_only_attendance_managers_detect(cast):
    with pytest.raises(Forbidden):
        anomalies_detect(actor=cast.users["kepala_opd"], tenant_id=cast.tenant.pk, day=DAY)
    assert sum(anomalies_detect(actor=cast.users["hr_admin"], tenant_id=cast.tenant.pk, day=DAY).values()) == 0


def test_review_rules(cast):
    punch(cast, "asn", at(DAY, 7, 20), "-5.0055", "119.5733", mock=True)
    detect(cast)
    row = Anomaly.objects.get()
    with pytest.raises(Forbidden):  # the head sees the unit's flag but does not decide it
        anomaly_review(actor=cast.users["kepala_opd"], anomaly=row, verdict="confirmed", note="x")
    with pytest.raises(NotFoundError):
        anomaly_review(actor=cast.users["asn_other_opd"], anomaly=row, verdict="confirmed", note="x")
    with pytest.raises(ValidationFailed):
        anomaly_review(actor=cast.users["hr_admin"], anomaly=row, verdict="confirmed", note=" ")
    reviewed = anomaly_review(
        actor=cast.users["hr_admin"], anomaly=row, verdict="confirmed", note="Aplikasi fake GPS terpasang"
    )
    assert (reviewed.status, reviewed.reviewed_by) == ("confirmed", cast.users["hr_admin"])
    with pytest.raises(Conflict):
        anomaly_review(actor=cast.users["hr_admin"], anomaly=row, verdict="confirmed", note="lagi")
    event = AuditEvent.objects.get(action="attendance.anomaly.confirm")
    assert event.reason == "Aplikasi fake GPS terpasang"


def test_task_and_command(cast):
    punch(cast, "asn", at(DAY, 7, 20), "-5.0055", "119.5733", mock=True)
    assert anomalies_detect_task.call(cast.tenant.pk, DAY.isoformat()) == 1
    call_command("attendance_anomalies", "--tenant", cast.tenant.region_code, "--date", DAY.isoformat())
    assert Anomaly.objects.count() == 1
