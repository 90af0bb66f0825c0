"""Device pages: permission matrix of every page, the forms doing their job, pinned query counts."""

import pytest
from django.urls import reverse

from pamong.attendance.choices import CommandStatus
from pamong.attendance.models import Device, DeviceCommand, DevicePin, DeviceRefusal
from pamong.attendance.services import devices as services
from pamong.attendance.services.adms import refusal_log
from pamong.core.testing.matrix import check_matrix
from pamong.core.testing.personas import expectations

from .adms import replay

pytestmark = pytest.mark.django_db

# attendance.view over some unit (not only one's own days): leadership, unit heads, BKPSDM; the other tenant's
# admin sees its own (empty) registry.
SEES_DEVICES = ("bupati", "sekda", "asisten", "kepala_opd", "camat", "hr_admin", "other_tenant")
SEES_DISDIK = ("bupati", "sekda", "asisten", "kepala_opd", "hr_admin")
LIST = expectations(403, anonymous=302, **dict.fromkeys(SEES_DEVICES, 200))
# Forms need attendance.manage: the BKPSDM admin (and the other tenant's, on its own tenant).
MANAGE_PAGE = expectations(403, anonymous=302, hr_admin=200, other_tenant=200)


def on_disdik(code):
    """A page about Dinas Pendidikan's device: 404 for who sees devices elsewhere only."""
    return expectations(404, anonymous=302, **{**dict.fromkeys(SEES_DISDIK, 403), "hr_admin": code})


@pytest.fixture
def device(cast):
    return services.device_create(
        actor=cast.users["hr_admin"], org_unit=cast.units["disdik"], serial_number="ZKT0001", name="Lobi Disdik"
    )


def test_list_pages(cast, device):
    responses = check_matrix(cast, "get", reverse("attendance:device_list"), LIST)
    assert "Lobi Disdik" in responses["kepala_opd"].content.decode()
    assert "Lobi Disdik" not in responses["camat"].content.decode()
    # Everyone with an employee record sees at least their own PIN; the planner has neither.
    pins = expectations(200, anonymous=302, planner=403)
    check_matrix(cast, "get", reverse("attendance:pin_list"), pins)
    refusals = expectations(403, anonymous=302, hr_admin=200, other_tenant=200)
    check_matrix(cast, "get", reverse("attendance:device_refusals"), refusals)


def test_detail_page(cast, device):
    expected = expectations(403, anonymous=302, camat=404, other_tenant=404, **dict.fromkeys(SEES_DISDIK, 200))
    responses = check_matrix(cast, "get", reverse("attendance:device_detail", args=[device.pk]), expected)
    assert 'data-testid="device-command"' in responses["hr_admin"].content.decode()
    assert 'data-testid="device-command"' not in responses["kepala_opd"].content.decode()


def test_form_pages(cast, device):
    check_matrix(cast, "get", reverse("attendance:device_create"), MANAGE_PAGE)
    check_matrix(cast, "get", reverse("attendance:pin_set"), MANAGE_PAGE)
    check_matrix(cast, "get", reverse("attendance:pin_default"), MANAGE_PAGE)
    for name in ("device_update", "device_allow", "device_command"):
        check_matrix(cast, "get", reverse(f"attendance:{name}", args=[device.pk]), on_disdik(200))


def test_form_posts(cast, device):
    url = reverse("attendance:device_command", args=[device.pk])
    body = {"kind": "DATA DELETE USERINFO", "pin": "1001", "purpose": "uji"}
    check_matrix(cast, "post", url, on_disdik(302), data=body, content_type=None)
    body = {"org_unit": cast.units["dinkes"].pk, "serial_number": "ZKT0009", "name": "Dinkes"}
    check_matrix(
        cast,
        "post",
        reverse("attendance:device_create"),
        {**MANAGE_PAGE, "hr_admin": 302, "other_tenant": 200},
        data=body,
        content_type=None,
    )


def test_register_command_cancel_through_the_pages(cast, device):
    client = cast.client_for("hr_admin")
    response = client.post(
        reverse("attendance:device_create"),
        {"org_unit": cast.units["dinkes"].pk, "serial_number": "ZKT0002", "name": "Dinkes", "location": "Lobi"},
    )
    created = Device.objects.get(serial_number="ZKT0002")
    assert response.status_code == 302 and response["Location"] == reverse(
        "attendance:device_detail", args=[created.pk]
    )
    # A duplicate serial is shown on the form.
    response = client.post(
        reverse("attendance:device_create"),
        {"org_unit": cast.units["dinkes"].pk, "serial_number": "ZKT0002", "name": "x"},
    )
    assert response.status_code == 200 and "sudah terdaftar" in response.content.decode()
    client.post(
        reverse("attendance:device_command", args=[device.pk]),
        {"kind": "DATA UPDATE USERINFO", "pin": "1001", "user_name": "Citra", "purpose": ""},
    )
    command = DeviceCommand.objects.get(device=device)
    page = client.get(reverse("attendance:device_detail", args=[device.pk])).content.decode()
    assert f'data-testid="command-cancel-{command.command_id}"' in page
    response = client.post(reverse("attendance:device_command_cancel", args=[command.pk]))
    assert response.status_code == 302
    command.refresh_from_db()
    assert command.status == CommandStatus.CANCELLED
    # Others: the head sees the device but may not cancel (403); the Camat does not see it (404).
    other = services.command_queue(actor=cast.users["hr_admin"], device=device, kind="INFO")
    url = reverse("attendance:device_command_cancel", args=[other.pk])
    expected = expectations(
        404, anonymous=302, hr_admin=302, **dict.fromkeys(("bupati", "sekda", "asisten", "kepala_opd"), 403)
    )
    check_matrix(cast, "post", url, expected, content_type=None)


def test_block_through_the_page_needs_a_reason(cast, device):
    client = cast.client_for("hr_admin")
    url = reverse("attendance:device_allow", args=[device.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and "alasan" in response.content.decode().lower()
    assert client.post(url, {"reason": "Hilang"}).status_code == 302
    device.refresh_from_db()
    assert device.is_allowed is False


def test_pin_pages(cast, device):
    client = cast.client_for("hr_admin")
    asn = cast.employees["asn"]
    response = client.post(reverse("attendance:pin_set"), {"employee": asn.pk, "pin": "1001"})
    assert response.status_code == 302 and DevicePin.objects.get(employee=asn).pin == "1001"
    dewi = cast.employees["asn_other_opd"]
    response = client.post(reverse("attendance:pin_set"), {"employee": dewi.pk, "pin": "1001"})
    assert response.status_code == 200 and "Citra Staf" in response.content.decode()
    response = client.post(reverse("attendance:pin_default"), {"org_unit": cast.units["dinkes"].pk})
    assert response.status_code == 302 and DevicePin.objects.get(employee=dewi).pin == dewi.nip
    # The ASN sees only their own PIN.
    page = cast.client_for("asn").get(reverse("attendance:pin_list")).content.decode()
    assert "1001" in page and dewi.nip not in page


def test_refusals_page_shows_unknown_and_own_blocked_serials(cast, device):
    refusal_log(serial="STRAY0099", path="cdata", reason="unknown", ip="10.0.0.9")
    other = Device.objects.create(
        tenant=cast.other_tenant, org_unit=cast.units["other_root"], serial_number="OTHER01", name="x", is_allowed=False
    )
    refusal_log(serial=other.serial_number, path="cdata", reason="blocked", ip="10.0.0.8")
    page = cast.client_for("hr_admin").get(reverse("attendance:device_refusals")).content.decode()
    assert "STRAY0099" in page and "OTHER01" not in page
    assert DeviceRefusal.objects.count() == 2


def test_device_list_query_count(cast, device, django_assert_num_queries):
    for n in range(2, 6):
        extra = services.device_create(
            actor=cast.users["hr_admin"], org_unit=cast.units["dinkes"], serial_number=f"ZKT000{n}", name=f"M{n}"
        )
        services.command_queue(actor=cast.users["hr_admin"], device=extra, kind="INFO")
    replay("attlog_realtime_ahead.http", cast.tenant.zone)  # a drift flag on one row
    client = cast.client_for("hr_admin")
    client.get(reverse("attendance:device_list"))  # warm the session
    # session, user, TOTP device, tenant, roles (scope), count, notice bell, the user's employee (page header),
    # the page of devices with their pending counts: fixed whatever the number of devices and commands.
    with django_assert_num_queries(9):
        response = client.get(reverse("attendance:device_list"))
    assert response.content.decode().count('data-testid="device-row-') == 5
    assert 'data-testid="drift-flag"' in response.content.decode()


def test_pin_list_query_count(cast, django_assert_num_queries):
    for key in ("asn", "asn_other_opd", "kepala_opd", "camat"):
        DevicePin.objects.create(tenant=cast.tenant, employee=cast.employees[key], pin=key[:8])
    client = cast.client_for("hr_admin")
    client.get(reverse("attendance:pin_list"))
    with django_assert_num_queries(9):  # as the device list: the PINs with employee and unit in one query
        response = client.get(reverse("attendance:pin_list"))
    assert response.content.decode().count('data-testid="pin-row-') == 4
