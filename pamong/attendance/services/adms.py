"""What the ZKTeco push receiver (``/iclock/``) does with a device's request: few queries, no ORM row per punch.

The view (``views.adms``) finds the device by serial (``device_for_serial``), refuses unknown or blocked serials
(``refusal_log``) and hands the request to one of the functions here:

- ``adms_handshake``: the options text, with the stamps last stored for the device;
- ``adms_upload``: ATTLOG lines parsed by ``rules.adms.parse_attlog`` into ``punches_ingest`` (the one bulk
  path), the ``OK: <n>`` answer, stamps, contact and clock drift; other tables only acknowledged;
- ``adms_poll``: queued commands handed over (marked sent) or ``OK``; the device's ``INFO`` kept;
- ``adms_command_results``: ``ID=..&Return=..`` lines closing sent commands as succeeded or failed.

A device is a machine, not a user: it acts as ``SystemActor(tenant_id, label="device:<serial>")``. Punches write
no audit event each (the punch log is the evidence, ADR 0024); the refusal log is ``DeviceRefusal``
(ADR 0026).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from pamong.core.models import Tenant
from pamong.core.scope import SystemActor

from ..choices import CommandStatus, PunchSource
from ..models import Device, DeviceCommand, DeviceRefusal
from ..rules import adms
from ..tenant_settings import attendance_settings
from .punches import IngestResult, PunchIn, line_error, punches_ingest

#: Contact details (last seen, IP) are written at most this often per device: polls come every ``Delay`` s.
TOUCH_EVERY = dt.timedelta(seconds=60)
#: A batch of at most this many lines is taken as a real-time push (Realtime=1 sends one punch at a time).
REALTIME_LINES = 3
#: A real-time punch older than this says nothing about the clock (the device was offline, or held it back).
REALTIME_WINDOW = dt.timedelta(hours=1)
#: Commands handed over per poll: a device executes them in order and answers each in ``devicecmd``.
COMMANDS_PER_POLL = 20
#: Fields of a ``getrequest`` ``INFO=`` value, in order (devices.md §4.1, ZKTecoADMS ``GetRequestHandler``).
INFO_FIELDS = ("firmware", "users", "fingerprints", "attlogs", "ip", "fp_algorithm", "face_algorithm", "faces")


class RefusalReason:
    UNKNOWN = "unknown"  # no device has this serial
    BLOCKED = "blocked"  # registered, but ``is_allowed`` is off


def device_for_serial(serial: str) -> Device | None:
    """The registered device with this serial (with its unit and tenant), in one query; ``None`` if none."""
    return Device.objects.select_related("org_unit", "tenant").filter(serial_number=serial).first()


def refusal_log(*, serial: str, path: str, reason: str, ip: str | None, now: dt.datetime | None = None) -> None:
    """Count one refused contact: one row per (serial, path, reason), its count, first and last time and IP.

    An UPDATE first (the usual case: a refused device retries every ``ErrorDelay``), an INSERT the first time;
    two first contacts at once meet the unique constraint and the loser counts by UPDATE.
    """
    now = now or timezone.now()
    serial, path = serial[:64], path[:64]
    rows = DeviceRefusal.objects.filter(serial_number=serial, path=path, reason=reason)
    if rows.update(count=F("count") + 1, last_at=now, last_ip=ip or None):
        return
    try:
        with transaction.atomic():
            DeviceRefusal.objects.create(
                serial_number=serial, path=path, reason=reason, last_ip=ip or None, first_at=now, last_at=now
            )
    except IntegrityError:
        rows.update(count=F("count") + 1, last_at=now, last_ip=ip or None)


def _timezone_hours(tenant: Tenant, now: dt.datetime) -> int:
    offset = timezone.localtime(now, tenant.zone).utcoffset() or dt.timedelta(0)
    return int(offset.total_seconds() // 3600)


def _touch(device: Device, *, ip: str | None, now: dt.datetime, **changes: Any) -> None:
    """Record the contact (last seen, IP, and ``changes``) with one UPDATE, skipped when nothing is worth it."""
    stale = device.last_seen_at is None or now - device.last_seen_at >= TOUCH_EVERY
    ip = ip or None
    changes = {k: v for k, v in changes.items() if getattr(device, k) != v}
    if not (stale or changes or ip != device.last_ip):
        return
    changes.update(last_seen_at=now, last_ip=ip)
    Device.objects.filter(pk=device.pk).update(**changes)
    for name, value in changes.items():
        setattr(device, name, value)


def adms_handshake(*, device: Device, ip: str | None, now: dt.datetime | None = None) -> str:
    """The ``GET /iclock/cdata?options=all`` answer: options with the device's stored stamps and the zone."""
    now = now or timezone.now()
    text = adms.handshake_options(
        device.serial_number,
        attlog_stamp=device.attlog_stamp or 0,
        operlog_stamp=device.operlog_stamp or 0,
        timezone_hours=_timezone_hours(device.tenant, now),
    )
    _touch(device, ip=ip, now=now)
    return text


def _verify(value: str) -> int | None:
    """The verify mode as the punch table stores it (a small integer), else ``None``; the raw line keeps it."""
    return int(value) if value.isdigit() and len(value) <= 4 else None


def _status(value: int | None) -> int:
    return value if value is not None and -32768 <= value <= 32767 else 0


def measured_drift(
    punches: tuple[adms.Punch, ...], *, server_local: dt.datetime, tolerance: dt.timedelta
) -> adms.Drift | None:
    """The device clock's drift read from an upload, or ``None`` when the upload says nothing about it.

    A punch in the server's future (beyond ``tolerance``) can only come from a clock that is ahead, whatever the
    batch. Otherwise only a small batch (a real-time push) whose newest punch is recent is compared: an old
    batch was held back, not mis-timed (rules.adms.clock_drift; ADR 0026).
    """
    if not punches:
        return None
    newest = max(p.timestamp for p in punches)
    if newest - server_local > tolerance:
        return adms.clock_drift(newest, server_local, tolerance=tolerance)
    if len(punches) <= REALTIME_LINES and server_local - newest <= REALTIME_WINDOW:
        return adms.clock_drift(newest, server_local, tolerance=tolerance)
    return None


@dataclass(frozen=True)
class UploadAnswer:
    reply: str
    result: IngestResult | None = None


def adms_upload(
    *,
    device: Device,
    table: str,
    stamp: str,
    body: str,
    ip: str | None,
    now: dt.datetime | None = None,
) -> UploadAnswer:
    """A ``POST /iclock/cdata`` upload. ATTLOG goes through ``punches_ingest``; other tables are acknowledged.

    The answer counts every non-blank line handled (``rules.adms.upload_reply``), so a device never resends a
    line that can never succeed. ``AdmsError`` (body too large) propagates to the view.
    """
    now = now or timezone.now()
    table = (table or "ATTLOG").upper()
    stamp = (stamp or "")[:32]
    if table != "ATTLOG":
        handled = sum(1 for line in body.splitlines() if line.replace("\x00", "").strip())
        operlog: dict[str, Any] = {"operlog_stamp": stamp} if table == "OPERLOG" and stamp else {}
        _touch(device, ip=ip, now=now, **operlog)
        return UploadAnswer(reply=f"OK: {handled}")
    parsed = adms.parse_attlog(
        body, serial=device.serial_number, swap_status_verify=device.info.get("swap_status_verify") is True
    )
    tenant = device.tenant
    tolerance = dt.timedelta(seconds=attendance_settings(tenant).device_drift_seconds)
    drift = measured_drift(
        parsed.punches, server_local=timezone.localtime(now, tenant.zone).replace(tzinfo=None), tolerance=tolerance
    )
    result = None
    if parsed.punches or parsed.errors:
        result = punches_ingest(
            actor=SystemActor(tenant_id=device.tenant_id, label=f"device:{device.serial_number}"),
            tenant_id=device.tenant_id,
            source=PunchSource.DEVICE,
            device=device,
            punches=[
                PunchIn(
                    punched_at=p.timestamp,
                    natural_key=str(p.key),
                    pin=p.pin,
                    status=_status(p.status),
                    verify=_verify(p.verify),
                    raw=p.raw,
                    line=p.line_no,
                )
                for p in parsed.punches
            ],
            prior_errors=[line_error(e.line_no, e.code, e.message_id, e.message_en, e.raw) for e in parsed.errors],
            now=now,
        )
    changes: dict[str, Any] = {"attlog_stamp": stamp} if stamp else {}
    if drift is not None:
        changes.update(clock_drift_seconds=drift.seconds, drift_flagged=drift.flagged)
    _touch(device, ip=ip, now=now, **changes)
    return UploadAnswer(reply=adms.upload_reply(parsed), result=result)


def parse_info(value: str) -> dict[str, str]:
    """The ``INFO=fw,users,fps,attlogs,ip,...`` value of a poll as named fields (unknown trailing ones dropped)."""
    parts = [part.strip()[:64] for part in value.split(",")]
    return {name: part for name, part in zip(INFO_FIELDS, parts, strict=False) if part}


def adms_poll(*, device: Device, info: str = "", ip: str | None, now: dt.datetime | None = None) -> str:
    """A ``GET /iclock/getrequest`` poll: hand over the queued commands (marked sent) or answer ``OK``.

    Queued commands are claimed with a conditional UPDATE (``status`` still queued), so two polls racing never
    hand the same command twice, and a command cancelled meanwhile is not sent.
    """
    now = now or timezone.now()
    changes: dict[str, Any] = {}
    if info:
        reported = parse_info(info)
        if reported and reported != device.info.get("reported"):
            changes["info"] = {**device.info, "reported": reported}
            changes["firmware"] = reported.get("firmware", device.firmware)[:120]
    _touch(device, ip=ip, now=now, **changes)
    queued = list(
        DeviceCommand.objects.filter(device=device, status=CommandStatus.QUEUED)
        .order_by("command_id")
        .values_list("pk", "command_id", "text")[:COMMANDS_PER_POLL]
    )
    if not queued:
        return adms.poll_reply([])
    with transaction.atomic():
        claimed = set(
            DeviceCommand.objects.select_for_update()
            .filter(pk__in=[pk for pk, _c, _t in queued], status=CommandStatus.QUEUED)
            .values_list("pk", flat=True)
        )
        DeviceCommand.objects.filter(pk__in=claimed).update(status=CommandStatus.SENT, sent_at=now, updated_at=now)
    return adms.poll_reply(f"C:{command_id}:{text}" for pk, command_id, text in queued if pk in claimed)


@transaction.atomic
def adms_command_results(*, device: Device, body: str, ip: str | None, now: dt.datetime | None = None) -> int:
    """A ``POST /iclock/devicecmd``: each ``ID=..&Return=..`` closes the device's sent (or queued) command.

    ``Return`` >= 0 succeeded, < 0 failed (``rules.adms.CommandResult.state``). A result for a command the
    device does not have, or one already closed, changes nothing. Returns how many commands were closed.
    """
    now = now or timezone.now()
    parsed = adms.parse_command_result(body)
    closed = 0
    for result in parsed.results:
        status = CommandStatus.SUCCEEDED if result.state is adms.CommandState.DONE else CommandStatus.FAILED
        closed += DeviceCommand.objects.filter(
            device=device,
            command_id=result.command_id,
            status__in=(CommandStatus.SENT, CommandStatus.QUEUED),
        ).update(
            status=status,
            return_code=result.return_code,
            result={"cmd": result.cmd[:64], "extra": dict(result.extra[:50])},
            done_at=now,
            updated_at=now,
        )
    _touch(device, ip=ip, now=now)
    return closed


def adms_ping(*, device: Device, ip: str | None, now: dt.datetime | None = None) -> str:
    _touch(device, ip=ip, now=now or timezone.now())
    return "OK"
