"""In a real browser: an ASN checks in on a phone; offline the punch waits in the queue and is sent (at its
device time) when the network returns."""

import shutil

import pytest
from django.urls import reverse
from playwright.sync_api import expect, sync_playwright

from pamong.attendance.models import Geofence, Punch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POSITION = {"latitude": -5.0055, "longitude": 119.5733, "accuracy": 15}


@pytest.fixture
def browser(live_server, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = shutil.which("chromium") or "/usr/bin/chromium"
        instance = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield instance
        instance.close()


def test_check_in_online_then_offline_queue_and_resend(cast, live_server, browser):
    Geofence.objects.create(
        tenant=cast.tenant,
        org_unit=cast.units["disdik"],
        name="Kantor Dinas Pendidikan",
        latitude="-5.005500",
        longitude="119.573300",
        radius_m=100,
    )
    cookie = cast.client_for("asn").cookies["sessionid"].value
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        geolocation=POSITION,
        permissions=["geolocation"],
        locale="id-ID",
    )
    context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
    tab = context.new_page()
    errors = []
    tab.on("console", lambda message: message.type == "error" and errors.append(message.text))
    tab.goto(live_server.url + reverse("attendance:checkin"))

    # Online: pressed, sent, recorded.
    tab.click('[data-testid="checkin-in"]')
    sent = tab.locator('[data-testid="queue-item"][data-state="sent"]')
    expect(sent).to_have_count(1)
    expect(sent.first.locator('[data-testid="queue-answer"]')).to_contain_text("tercatat")
    assert Punch.objects.filter(employee=cast.employees["asn"]).count() == 1

    # Offline: pressed, kept in the phone's queue, nothing reaches the server.
    context.set_offline(True)
    expect(tab.locator('[data-testid="net-status"]')).to_have_text("Luring")
    tab.click('[data-testid="checkin-out"]')
    queued = tab.locator('[data-testid="queue-item"][data-state="queued"]')
    expect(queued).to_have_count(1)
    assert Punch.objects.filter(employee=cast.employees["asn"]).count() == 1

    # The network returns: the queue is sent by itself, the punch is stored at its device time.
    context.set_offline(False)
    expect(queued).to_have_count(0)
    expect(sent).to_have_count(2)
    punches = list(Punch.objects.filter(employee=cast.employees["asn"]).order_by("punched_at"))
    assert [p.status for p in punches] == [0, 1]
    assert all(p.received_at >= p.punched_at for p in punches)
    assert punches[1].source == "mobile" and punches[1].client_device
    assert punches[1].latitude is not None and float(punches[1].latitude) == pytest.approx(-5.0055)

    # The queue survives a reload (IndexedDB) and the page lists the day's punches from the server.
    tab.reload()
    expect(tab.locator('[data-testid="queue-item"][data-state="sent"]')).to_have_count(2)
    expect(tab.locator('[data-testid="checkin-today"] li')).to_have_count(2)
    # The only console errors are the browser's own notes of the send tried while offline.
    assert [e for e in errors if "ERR_INTERNET_DISCONNECTED" not in e] == [], errors
    context.close()


def test_outside_the_geofence_is_refused_with_the_distance(cast, live_server, browser):
    Geofence.objects.create(
        tenant=cast.tenant,
        org_unit=cast.units["disdik"],
        name="Kantor Dinas Pendidikan",
        latitude="-5.105500",  # ~11 km south of the phone
        longitude="119.573300",
        radius_m=100,
    )
    cookie = cast.client_for("asn").cookies["sessionid"].value
    context = browser.new_context(geolocation=POSITION, permissions=["geolocation"])
    context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
    tab = context.new_page()
    tab.goto(live_server.url + reverse("attendance:checkin"))
    tab.click('[data-testid="checkin-in"]')
    refused = tab.locator('[data-testid="queue-item"][data-state="refused"]')
    expect(refused).to_have_count(1)
    expect(refused.locator('[data-testid="queue-answer"]')).to_contain_text("di luar titik lokasi")
    assert not Punch.objects.exists()
    context.close()
