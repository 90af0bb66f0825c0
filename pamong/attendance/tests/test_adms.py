"""The /iclock/ receiver replayed from recorded device requests (tests/adms/*.http): handshake, uploads, resends,
refused serials, messy lines, empty and oversized bodies, .aspx paths, clock drift."""

import pytest
from django.test import Client

from pamong.attendance.models import Device, DevicePin, DeviceRefusal, IngestBatch, Punch

from .adms import replay

pytestmark = pytest.mark.django_db


@pytest.fixture
def device(cast):
    DevicePin.objects.create(tenant=cast.tenant, employee=cast.employees["asn"], pin="1001")
    return Device.objects.create(
        tenant=cast.tenant, org_unit=cast.units["disdik"], serial_number="ZKT0001", name="Lobi Disdik"
    )


def text(response):
    return response.content.decode()


def test_handshake_answers_options_with_the_tenant_zone_and_stored_stamps(cast, device):
    Device.objects.filter(pk=device.pk).update(attlog_stamp="10012", operlog_stamp="501")
    response = replay("handshake.http", cast.tenant.zone)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = text(response).splitlines()
    assert lines[0] == "GET OPTION FROM: ZKT0001"
    assert "ATTLOGStamp=10012" in lines and "OPERLOGStamp=501" in lines
    assert "TimeZone=8" in lines  # Kabupaten Uji is WITA
    assert "Realtime=1" in lines and "Delay=10" in lines
    device.refresh_from_db()
    assert device.last_seen_at is not None and device.last_ip == "10.20.30.40"


def test_handshake_on_the_aspx_path(cast, device):
    response = replay("handshake_aspx.http", cast.tenant.zone)
    assert response.status_code == 200
    assert text(response).startswith("GET OPTION FROM: ZKT0001\nATTLOGStamp=0\n")


def test_upload_stores_punches_keeps_unmatched_and_a_resend_adds_nothing(cast, device):
    first = replay("attlog_two.http", cast.tenant.zone)
    assert (first.status_code, text(first)) == (200, "OK: 2")
    punches = Punch.objects.filter(tenant=cast.tenant).order_by("pin")
    assert [(p.pin, p.employee_id, p.device_id, p.source, p.status, p.verify) for p in punches] == [
        ("1001", cast.employees["asn"].pk, device.pk, "device", 0, 1),
        ("1002", None, device.pk, "device", 0, 15),
    ]
    assert punches[0].raw.startswith("1001\t") and punches[0].natural_key.startswith("ZKT0001|1001|")
    again = replay("attlog_two.http", cast.tenant.zone)
    assert text(again) == "OK: 2"  # duplicates count as handled, so the device clears its buffer
    assert Punch.objects.filter(tenant=cast.tenant).count() == 2
    batches = IngestBatch.objects.filter(device=device).order_by("created_at", "pk")
    assert [(b.received, b.accepted, b.duplicates, b.unmatched, b.org_unit_id) for b in batches] == [
        (2, 2, 0, 1, cast.units["disdik"].pk),
        (2, 0, 2, 1, cast.units["disdik"].pk),
    ]
    device.refresh_from_db()
    assert device.attlog_stamp == "9999"


def test_prefixed_uid_and_extra_columns_are_kept_and_bad_lines_reported(cast, device):
    response = replay("attlog_messy_aspx.http", cast.tenant.zone)
    # 6 non-blank lines: 3 punches and 3 refused lines, all handled.
    assert (response.status_code, text(response)) == (200, "OK: 6")
    stored = Punch.objects.filter(tenant=cast.tenant).order_by("punched_at")
    assert [(p.status, p.local_minute) for p in stored] == [(2, 12 * 60 + 1), (3, 13 * 60), (1, 16 * 60 + 2)]
    assert all(p.employee_id == cast.employees["asn"].pk for p in stored)
    assert stored[1].raw.endswith("extra\tcolumns")
    batch = IngestBatch.objects.get(device=device)
    assert (batch.received, batch.accepted, batch.rejected) == (6, 3, 3)
    assert [(e["line"], e["code"]) for e in batch.errors] == [(5, "no_datetime"), (6, "bad_datetime"), (7, "bad_pin")]
    assert batch.errors[0]["raw"] == "garbage line from a confused firmware"


def test_unknown_serial_is_refused_and_counted(cast, device):
    for _ in range(2):
        response = replay("attlog_unknown_serial.http", cast.tenant.zone)
        assert (response.status_code, text(response)) == (403, "FAIL")
    refusal = DeviceRefusal.objects.get()
    assert (refusal.serial_number, refusal.path, refusal.reason, refusal.count) == ("STRAY0099", "cdata", "unknown", 2)
    assert refusal.last_ip == "10.20.30.40"
    assert not Punch.objects.exists() and not IngestBatch.objects.exists()


def test_blocked_serial_is_refused_and_counted(cast, device):
    Device.objects.filter(pk=device.pk).update(is_allowed=False)
    assert replay("attlog_two.http", cast.tenant.zone).status_code == 403
    assert replay("getrequest.http", cast.tenant.zone).status_code == 403
    assert sorted(DeviceRefusal.objects.values_list("path", "reason", "count")) == [
        ("cdata", "blocked", 1),
        ("getrequest", "blocked", 1),
    ]
    assert not Punch.objects.exists()


def test_empty_body_is_ok_zero(cast, device):
    response = replay("attlog_empty.http", cast.tenant.zone)
    assert (response.status_code, text(response)) == (200, "OK: 0")
    assert not IngestBatch.objects.exists()
    device.refresh_from_db()
    assert device.attlog_stamp == "10015"


def test_body_over_one_mebibyte_is_refused_with_413(cast, device):
    line = "1001\t2026-01-05 07:28:11\t0\t1\t0\t0\t0\n"
    body = (line * (1_048_576 // len(line) + 1)).encode()
    assert len(body) > 1_048_576
    client = Client(REMOTE_ADDR="10.20.30.40")
    response = client.generic(
        "POST", "/iclock/cdata?SN=ZKT0001&table=ATTLOG&Stamp=1", data=body, content_type="text/plain"
    )
    assert response.status_code == 413
    assert not IngestBatch.objects.exists()
    # Exactly at the limit is read (and its lines handled).
    exact = body[: 1_048_576 - (1_048_576 % len(line))]
    response = client.generic("POST", "/iclock/cdata?SN=ZKT0001&table=ATTLOG", data=exact, content_type="text/plain")
    assert response.status_code == 200 and text(response) == f"OK: {len(exact) // len(line)}"


def test_operlog_is_acknowledged_not_stored(cast, device):
    response = replay("operlog.http", cast.tenant.zone)
    assert (response.status_code, text(response)) == (200, "OK: 2")
    assert not Punch.objects.exists() and not IngestBatch.objects.exists()
    device.refresh_from_db()
    assert device.operlog_stamp == "501"


def test_a_realtime_punch_from_a_clock_ahead_flags_the_device(cast, device):
    replay("attlog_realtime_ahead.http", cast.tenant.zone)
    device.refresh_from_db()
    assert device.drift_flagged is True
    assert 540 <= device.clock_drift_seconds <= 660  # ten minutes ahead, give or take the test's own run time
    assert not Punch.objects.exists()  # a punch in the server's future is refused, and reported
    assert IngestBatch.objects.get().errors[0]["code"] == "in_future"
    replay("attlog_realtime_on_time.http", cast.tenant.zone)
    device.refresh_from_db()
    assert device.drift_flagged is False and abs(device.clock_drift_seconds) <= 60


def test_an_old_batch_says_nothing_about_the_clock(cast, device):
    replay("attlog_two.http", cast.tenant.zone)
    device.refresh_from_db()
    assert device.clock_drift_seconds is None and device.drift_flagged is False


def test_a_stale_tolerance_setting_applies(cast, device):
    cast.tenant.settings = {"attendance": {"device_drift_seconds": 900}}
    cast.tenant.save(update_fields=["settings"])
    replay("attlog_realtime_ahead.http", cast.tenant.zone)
    device.refresh_from_db()
    assert device.clock_drift_seconds > 500 and device.drift_flagged is False


def test_poll_records_info_and_answers_ok(cast, device):
    response = replay("getrequest.http", cast.tenant.zone)
    assert (response.status_code, text(response)) == (200, "OK")
    device.refresh_from_db()
    assert device.firmware == "Ver 8.0.4.2-20230101"
    assert device.info["reported"]["users"] == "12" and device.info["reported"]["ip"] == "192.168.1.201"
    assert text(replay("getrequest_aspx.http", cast.tenant.zone)) == "OK"


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/iclock/cdata?options=all", 400),  # no serial
        ("get", "/iclock/cdata?SN=bad%20serial&options=all", 400),
        ("get", "/iclock/devicecmd?SN=ZKT0001", 405),
        ("put", "/iclock/cdata?SN=ZKT0001", 405),
        ("get", "/iclock/ping?SN=ZKT0001", 200),
        ("get", "/iclock/cdata/?SN=ZKT0001&options=all", 200),
    ],
)
def test_odd_requests(cast, device, method, path, status):
    assert getattr(Client(), method)(path).status_code == status


def test_the_poll_path_stays_cheap(cast, device, django_assert_num_queries):
    replay("getrequest.http", cast.tenant.zone)  # first contact writes the device row
    # Device by serial, then queued commands: the contact is not rewritten within a minute.
    with django_assert_num_queries(2):
        replay("getrequest_aspx.http", cast.tenant.zone)


def test_the_upload_path_stays_cheap(cast, device, django_assert_max_num_queries):
    replay("attlog_two.http", cast.tenant.zone)
    # device; tenant, month closes, PIN map, batch insert, punch insert, batch update (+ savepoint pair);
    # on PostgreSQL one more to make sure the month's partition exists. Bounded whatever the number of lines.
    with django_assert_max_num_queries(10):
        replay("attlog_two.http", cast.tenant.zone)
