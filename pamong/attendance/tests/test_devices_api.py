"""Devices API: permission matrix of every endpoint, the command queue through the API, pinned query counts."""

import pytest

from pamong.attendance.choices import CommandStatus
from pamong.attendance.models import DevicePin
from pamong.attendance.services import devices as services
from pamong.core.testing.matrix import check_matrix, session_client, token_client
from pamong.core.testing.personas import expectations

pytestmark = pytest.mark.django_db

SEES_DEVICES = ("bupati", "sekda", "asisten", "kepala_opd", "camat", "hr_admin", "other_tenant")
SEES_DISDIK = ("bupati", "sekda", "asisten", "kepala_opd", "hr_admin")
READ_DISDIK = expectations(403, anonymous=401, camat=404, other_tenant=404, **dict.fromkeys(SEES_DISDIK, 200))


def write_disdik(code):
    return expectations(
        403, anonymous=401, camat=404, other_tenant=404, **{**dict.fromkeys(SEES_DISDIK, 403), "hr_admin": code}
    )


@pytest.fixture
def device(cast):
    return services.device_create(
        actor=cast.users["hr_admin"], org_unit=cast.units["disdik"], serial_number="ZKT0001", name="Lobi Disdik"
    )


@pytest.mark.parametrize("client_for", [token_client, session_client], ids=["token", "session"])
def test_list_and_detail(cast, device, client_for):
    expected = expectations(403, anonymous=401, **dict.fromkeys(SEES_DEVICES, 200))
    responses = check_matrix(cast, "get", "/api/attendance/devices/", expected, client_for=client_for)
    counts = {p: r.json()["count"] for p, r in responses.items() if r.status_code == 200}
    assert counts == {
        "bupati": 1,
        "sekda": 1,
        "asisten": 1,
        "kepala_opd": 1,
        "camat": 0,
        "hr_admin": 1,
        "other_tenant": 0,
    }
    responses = check_matrix(cast, "get", f"/api/attendance/devices/{device.pk}/", READ_DISDIK, client_for=client_for)
    body = responses["kepala_opd"].json()
    assert (body["serial_number"], body["org_unit_name"], body["is_allowed"]) == ("ZKT0001", "Dinas Pendidikan", True)
    check_matrix(cast, "get", f"/api/attendance/devices/{device.pk}/commands/", READ_DISDIK, client_for=client_for)


def test_create_and_update(cast, device):
    body = {"org_unit": cast.units["disdik"].pk, "serial_number": "ZKT0002", "name": "Ruang guru"}
    # Who sees Disdik but may not manage it: 403; who does not see it: 400 (the unit is not found for them).
    expected = expectations(
        403, anonymous=401, camat=400, other_tenant=400, **{**dict.fromkeys(SEES_DISDIK, 403), "hr_admin": 201}
    )
    check_matrix(cast, "post", "/api/attendance/devices/", expected, data=body, client_for=token_client)
    client = token_client(cast, "hr_admin")
    assert (
        client.post("/api/attendance/devices/", {**body, "serial_number": "ZKT0001"}, format="json").status_code == 409
    )
    url = f"/api/attendance/devices/{device.pk}/"
    check_matrix(cast, "patch", url, write_disdik(200), data={"name": "Lobi utama"}, client_for=token_client)
    response = client.patch(url, {"is_allowed": False}, format="json")
    assert response.status_code == 400 and "reason" in response.json()["fields"]
    response = client.patch(url, {"is_allowed": False, "reason": "Dipindah"}, format="json")
    assert response.status_code == 200 and response.json()["is_allowed"] is False


def test_command_queue_and_cancel(cast, device):
    url = f"/api/attendance/devices/{device.pk}/commands/"
    body = {"kind": "DATA UPDATE USERINFO", "fields": {"PIN": "1001", "Name": "Citra"}, "purpose": "uji"}
    check_matrix(cast, "post", url, write_disdik(201), data=body, client_for=token_client)
    client = token_client(cast, "hr_admin")
    response = client.post(url, body, format="json")
    assert response.status_code == 201
    command = response.json()
    assert command["text"].startswith("DATA UPDATE USERINFO PIN=1001\tName=Citra") and command["status"] == "queued"
    assert client.post(url, {"kind": "FORMAT DISK"}, format="json").status_code == 400
    cancel = f"/api/attendance/devices/{device.pk}/commands/{command['id']}/cancel/"
    check_matrix(cast, "post", cancel, write_disdik(200), client_for=token_client)
    assert client.post(cancel, format="json").json()["status"] == CommandStatus.CANCELLED
    assert client.post(cancel, format="json").status_code == 409


def test_pins(cast, device):
    DevicePin.objects.create(tenant=cast.tenant, employee=cast.employees["asn"], pin="1001")
    expected = expectations(200, anonymous=401)
    responses = check_matrix(cast, "get", "/api/attendance/device-pins/", expected, client_for=token_client)
    counts = {p: r.json()["count"] for p, r in responses.items() if r.status_code == 200}
    assert counts["asn"] == 1 and counts["asn_other_opd"] == 0 and counts["kepala_opd"] == 1 and counts["planner"] == 0
    body = {"employee": cast.employees["asn_other_opd"].pk, "pin": "2001"}
    # Dinkes staff: seen by leadership and BKPSDM (403 unless BKPSDM), the employee herself (403), others 404.
    expected = expectations(
        404,
        anonymous=401,
        **dict.fromkeys(("bupati", "sekda", "asn_other_opd"), 403),
        hr_admin=201,
    )
    check_matrix(cast, "post", "/api/attendance/device-pins/", expected, data=body, client_for=token_client)
    client = token_client(cast, "hr_admin")
    taken = client.post("/api/attendance/device-pins/", {**body, "pin": "1001"}, format="json")
    assert taken.status_code == 409 and "Citra" in taken.json()["detail"]


def test_list_query_counts(cast, device, django_assert_num_queries):
    for n in range(2, 6):
        extra = services.device_create(
            actor=cast.users["hr_admin"], org_unit=cast.units["dinkes"], serial_number=f"ZKT000{n}", name=f"M{n}"
        )
        services.command_queue(actor=cast.users["hr_admin"], device=extra, kind="INFO")
    for key in ("asn", "asn_other_opd", "camat"):
        DevicePin.objects.create(tenant=cast.tenant, employee=cast.employees[key], pin=key[:8])
    client = token_client(cast, "hr_admin")
    client.get("/api/attendance/devices/")
    # token + user, tenant, roles (scope), count, page: fixed whatever the number of devices or PINs.
    with django_assert_num_queries(5):
        assert client.get("/api/attendance/devices/").json()["count"] == 5
    with django_assert_num_queries(5):
        assert client.get("/api/attendance/device-pins/").json()["count"] == 3
