"""``punches_ingest``: the one bulk path by which punches of every source enter the punch log.

Devices (ADMS), files, the web/mobile check-in and manual entries all hand their parsed punches here. In
one transaction it resolves PINs to employees with two queries, refuses each bad row with its own reason
(out-of-range date, future time, closed month) while keeping every good one, inserts in chunks with
``ON CONFLICT DO NOTHING`` on the natural key (so a resend adds nothing and is counted as a duplicate),
queues the affected past days for derivation, and records the batch. Punches whose PIN matches nobody are
kept without an employee (``unmatched``) and attached when the PIN is mapped (``punches_attach_pin``).

No ORM object per row: rows go to the database as column arrays (PostgreSQL ``unnest``) or multi-row
``VALUES`` (SQLite). Device and mobile punches write no audit event each (the punch log is itself
append-only evidence: source, device, raw line, received_at); file and manual batches write one
(ADR 0011, ADR 0024).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.access.roles import ATTENDANCE_CHECKIN, ATTENDANCE_IMPORT, SELF_ACTIONS
from pamong.core import audit
from pamong.core.authz import authorize_at
from pamong.core.errors import Forbidden, NotFoundError, ValidationFailed
from pamong.core.models import Tenant
from pamong.core.scope import SystemActor
from pamong.people.models import Employee
from pamong.people.rules.dates import date_en, date_id

from ..choices import PunchSource
from ..models import Device, DevicePin, IngestBatch, MonthClose
from ..partitions import ensure_month_partitions
from ..tenant_settings import attendance_settings

#: Up to this many rows (a check-in, a device push of a few lines) a plain INSERT beats the COPY round trips.
SMALL_BATCH = 50

#: Rows per INSERT statement (SQLite allows 32,766 parameters; 19 columns x 1,000 stays well under).
CHUNK = 1000

_COLUMNS = (
    "tenant_id",
    "employee_id",
    "punched_at",
    "local_date",
    "local_minute",
    "source",
    "device_id",
    "batch_id",
    "pin",
    "status",
    "verify",
    "natural_key",
    "received_at",
    "latitude",
    "longitude",
    "accuracy_m",
    "client_device",
    "is_mock",
    "raw",
)
_PG_TYPES = (
    "bigint",
    "bigint",
    "timestamptz",
    "date",
    "smallint",
    "varchar",
    "bigint",
    "bigint",
    "varchar",
    "smallint",
    "smallint",
    "varchar",
    "timestamptz",
    "numeric",
    "numeric",
    "integer",
    "varchar",
    "boolean",
    "varchar",
)


@dataclass(frozen=True, slots=True)
class PunchIn:
    """One parsed punch. ``punched_at`` naive means wall time in the tenant's zone (devices and files send
    local wall time); aware is converted. Either ``employee_id`` or ``pin`` identifies the person."""

    punched_at: dt.datetime
    natural_key: str
    employee_id: int | None = None
    pin: str = ""
    status: int = 0
    verify: int | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    accuracy_m: int | None = None
    client_device: str = ""
    is_mock: bool = False
    raw: str = ""
    line: int | None = None


@dataclass
class IngestResult:
    """What happened to a batch: counts, the refused rows with reasons, and the batch row (if recorded)."""

    received: int = 0
    accepted: int = 0
    duplicates: int = 0
    unmatched: int = 0
    rejected: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    batch_id: int | None = None
    days_queued: int = 0  # past employee-days queued for derivation (DirtyDay)

    def as_dict(self) -> dict[str, Any]:
        return {
            "received": self.received,
            "accepted": self.accepted,
            "duplicates": self.duplicates,
            "unmatched": self.unmatched,
            "rejected": self.rejected,
            "errors": self.errors,
            "batch_id": self.batch_id,
        }


def line_error(line: int | None, code: str, message_id: str, message_en: str, raw: str = "") -> dict[str, Any]:
    """One refused (or noted) line in the shape every batch report uses."""
    return {"line": line, "code": code, "message_id": message_id, "message_en": message_en, "raw": raw[:255]}


def own_punch_actor(actor: Any) -> tuple[int, int] | None:
    """(tenant id, employee id) of an active employee-user who may check in for himself, else None.

    Checking in is a self action every employee-user holds (``access.roles.SELF_ACTIONS``); it needs none of
    the role grants, so the hot path does not resolve them (the same answer ``scope_of`` would give).
    """
    tenant_id, employee_id = getattr(actor, "tenant_id", None), getattr(actor, "employee_id", None)
    if not getattr(actor, "is_authenticated", False) or not getattr(actor, "is_active", True):
        return None
    if tenant_id is None or employee_id is None or ATTENDANCE_CHECKIN not in SELF_ACTIONS:
        return None
    return int(tenant_id), int(employee_id)


def _authorize(actor: Any, *, tenant_id: int, source: str, org_unit: Any, punches: Sequence[PunchIn]) -> None:
    if source == PunchSource.MOBILE:
        if isinstance(actor, SystemActor):
            if actor.tenant_id == tenant_id:
                return  # the system actor (demo seed, replays) may write anyone's mobile punches
            raise NotFoundError(_("Data tidak ditemukan."))
        own = own_punch_actor(actor)
        if own is None or own[0] != tenant_id:
            raise Forbidden(_("Anda tidak dapat melakukan presensi: akun Anda tidak terhubung ke data pegawai."))
        if any(p.employee_id != own[1] for p in punches):
            raise Forbidden(_("Presensi hanya dapat dilakukan untuk diri sendiri."))
        return
    authorize_at(
        actor,
        ATTENDANCE_IMPORT,
        tenant_id=tenant_id,
        path=org_unit.path if org_unit is not None else None,
        visible_action="attendance.view",
    )


def _local(value: dt.datetime, zone: Any) -> dt.datetime:
    """Wall time in the tenant zone (naive input is already wall time)."""
    if timezone.is_naive(value):
        return value
    return timezone.localtime(value, zone).replace(tzinfo=None)


def _resolve_pins(tenant_id: int, pins: set[str]) -> dict[str, int]:
    """PIN → employee id: the PIN map first, then an 18-digit PIN equal to a NIP (two queries at most)."""
    if not pins:
        return {}
    found = dict(DevicePin.objects.filter(tenant_id=tenant_id, pin__in=pins).values_list("pin", "employee_id"))
    nips = {p for p in pins - found.keys() if len(p) == 18 and p.isdigit()}
    if nips:
        found.update(Employee.objects.filter(tenant_id=tenant_id, nip__in=nips).values_list("nip", "pk"))
    return found


def _closed_months(tenant_id: int, days: Iterable[dt.date], today: dt.date) -> set[tuple[int, int]]:
    """The months of ``days`` that are closed. The current month (and later) cannot be closed
    (``services.months.month_close``), so punches of this month cost no query: the usual check-in."""
    months = {(d.year, d.month) for d in days if (d.year, d.month) < (today.year, today.month)}
    if not months:
        return set()
    years = {y for y, _m in months}
    closed = MonthClose.objects.filter(tenant_id=tenant_id, year__in=years).values_list("year", "month")
    return {(y, m) for y, m in closed if (y, m) in months}


def _insert_values(rows: list[tuple[Any, ...]]) -> list[tuple[int | None, dt.date]]:
    """Multi-row ``INSERT ... ON CONFLICT DO NOTHING RETURNING``; (employee_id, local_date) of the new rows."""
    inserted: list[tuple[int | None, dt.date]] = []
    cols = ", ".join(_COLUMNS)
    one = "(" + ", ".join(["%s"] * len(_COLUMNS)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            params = [value for row in chunk for value in row]
            cursor.execute(
                f"INSERT INTO attendance_punch ({cols}) VALUES {', '.join([one] * len(chunk))} "  # noqa: S608
                "ON CONFLICT DO NOTHING RETURNING employee_id, local_date",
                params,
            )
            for employee_id, local_date in cursor.fetchall():
                if isinstance(local_date, str):  # SQLite returns text, PostgreSQL a date
                    local_date = dt.date.fromisoformat(local_date)
                inserted.append((employee_id, local_date))
    return inserted


def _insert_postgresql(rows: list[tuple[Any, ...]], *, tenant_id: int, today: dt.date) -> tuple[int, int]:
    """COPY the rows into a session temp table, then one statement inserts the new ones (natural-key
    duplicates skipped) and queues their past employee-days; returns (inserted, days queued).

    COPY through psycopg's C implementation is what makes the bulk path fast: no SQL text per row, no
    client-side quoting of arrays.
    """
    cols = ", ".join(_COLUMNS)
    raw = connection.connection
    with raw.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS attendance_punch_in ON COMMIT DELETE ROWS "  # noqa: S608
            f"AS SELECT {cols} FROM attendance_punch WITH NO DATA"
        )
        cursor.execute("TRUNCATE attendance_punch_in")
        with cursor.copy(f"COPY attendance_punch_in ({cols}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(
            f"""
            WITH ins AS (
                INSERT INTO attendance_punch ({cols}) SELECT {cols} FROM attendance_punch_in
                ON CONFLICT DO NOTHING RETURNING employee_id, local_date
            ), queued AS (
                INSERT INTO attendance_dirtyday (tenant_id, employee_id, date)
                SELECT DISTINCT %s::bigint, employee_id, local_date FROM ins
                WHERE employee_id IS NOT NULL AND local_date < %s::date
                ON CONFLICT DO NOTHING RETURNING 1
            )
            SELECT (SELECT count(*) FROM ins), (SELECT count(*) FROM queued)
            """,  # noqa: S608 - column names are ours
            [tenant_id, today],
        )
        inserted, queued = cursor.fetchone()
    return int(inserted), int(queued)


def mark_dirty(tenant_id: int, pairs: Iterable[tuple[int, dt.date]]) -> int:
    """Queue employee-days for derivation (multi-row INSERT, duplicates ignored); returns how many were given."""
    rows = sorted(set(pairs))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            cursor.execute(
                "INSERT INTO attendance_dirtyday (tenant_id, employee_id, date) VALUES "  # noqa: S608
                + ", ".join(["(%s, %s, %s)"] * len(chunk))
                + " ON CONFLICT DO NOTHING",
                [value for employee_id, day in chunk for value in (tenant_id, employee_id, day)],
            )
    return len(rows)


def _enqueue_recompute(tenant_id: int) -> None:
    from ..tasks import days_recompute_dirty

    days_recompute_dirty.enqueue(tenant_id)


@transaction.atomic
def punches_ingest(
    *,
    actor: Any,
    tenant_id: int,
    source: str,
    punches: Sequence[PunchIn],
    device: Device | None = None,
    org_unit: Any = None,
    file_name: str = "",
    prior_errors: Sequence[dict[str, Any]] = (),
    now: dt.datetime | None = None,
    record_batch: bool = True,
    tenant: Tenant | None = None,
) -> IngestResult:
    """Store ``punches`` once each; refuse bad rows with reasons; keep every good row.

    ``tenant`` saves a query when the caller has the tenant row already (a check-in: the user's tenant).

    ``prior_errors`` are lines the caller's parser already refused (malformed device or file lines); they
    are counted and reported with the batch. ``record_batch`` False (the mobile check-in, one punch per
    request) skips the ``IngestBatch`` row; the result still says what happened.
    """
    if source not in PunchSource.values:
        raise ValidationFailed(_("Sumber presensi tidak dikenal: %(source)s.") % {"source": source})
    _authorize(actor, tenant_id=tenant_id, source=source, org_unit=org_unit, punches=punches)
    if tenant is None or tenant.pk != tenant_id:
        tenant = Tenant.objects.get(pk=tenant_id)
    settings = attendance_settings(tenant)
    zone = tenant.zone
    now = now or timezone.now()
    today = timezone.localtime(now, zone).date()
    earliest = today - dt.timedelta(days=settings.max_punch_age_days)
    latest_local = timezone.localtime(now, zone).replace(tzinfo=None) + dt.timedelta(
        seconds=settings.future_tolerance_seconds
    )

    result = IngestResult(received=len(punches) + len(prior_errors), errors=list(prior_errors))
    result.rejected = len(prior_errors)
    pins = _resolve_pins(tenant_id, {p.pin for p in punches if p.employee_id is None and p.pin})

    staged: list[tuple[PunchIn, dt.datetime, int | None]] = []
    for punch in punches:
        local = _local(punch.punched_at, zone)
        day = local.date()
        if day < earliest:
            result.errors.append(
                line_error(
                    punch.line,
                    "too_old",
                    _("Tanggal %(day)s terlalu lama: presensi paling lama %(n)d hari yang lalu.")
                    % {"day": date_id(day), "n": settings.max_punch_age_days},
                    f"Date {date_en(day)} is too old: punches may be at most {settings.max_punch_age_days} days old.",
                    punch.raw,
                )
            )
            continue
        if local > latest_local:
            result.errors.append(
                line_error(
                    punch.line,
                    "in_future",
                    _("Waktu %(at)s belum terjadi menurut jam server; periksa jam mesin atau ponsel.")
                    % {"at": f"{date_id(day)} {local:%H.%M}"},
                    f"Time {date_en(day)} {local:%H:%M} is in the server's future; check the device or phone clock.",
                    punch.raw,
                )
            )
            continue
        employee_id = punch.employee_id if punch.employee_id is not None else pins.get(punch.pin)
        staged.append((punch, local, employee_id))

    closed = _closed_months(tenant_id, (local.date() for _p, local, _e in staged), today)
    # Indonesian zones have no daylight saving: a fixed offset converts faster and identically.
    aware_zone = dt.timezone(timezone.localtime(now, zone).utcoffset() or dt.timedelta())
    batch: IngestBatch | None = None
    if record_batch:
        batch = IngestBatch.objects.create(
            tenant_id=tenant_id,
            source=source,
            org_unit=org_unit if org_unit is not None else (device.org_unit if device is not None else None),
            device=device,
            file_name=file_name[:255],
            created_by=actor if getattr(actor, "pk", None) is not None else None,
        )
        result.batch_id = batch.pk

    rows: list[tuple[Any, ...]] = []
    for punch, local, employee_id in staged:
        day = local.date()
        if (day.year, day.month) in closed:
            result.errors.append(
                line_error(
                    punch.line,
                    "month_closed",
                    _("Bulan %(month)s sudah ditutup; ajukan koreksi rekap ke BKPSDM.")
                    % {"month": f"{day.month:02d}/{day.year}"},
                    f"Month {day.year}-{day.month:02d} is closed; after closing, ask BKPSDM for a recap adjustment.",
                    punch.raw,
                )
            )
            continue
        if employee_id is None:
            result.unmatched += 1
            result.errors.append(
                line_error(
                    punch.line,
                    "unknown_pin",
                    _("PIN %(pin)s belum terhubung ke pegawai; presensi disimpan dan terhubung setelah PIN dipetakan.")
                    % {"pin": punch.pin},
                    f"PIN {punch.pin} is not mapped to an employee; the punch is kept and attached once it is mapped.",
                    punch.raw,
                )
                | {"kept": True}
            )
        rows.append(
            (
                tenant_id,
                employee_id,
                local.replace(tzinfo=aware_zone),
                day,
                local.hour * 60 + local.minute,
                source,
                device.pk if device is not None else None,
                batch.pk if batch is not None else None,
                punch.pin[:24],
                punch.status,
                punch.verify,
                punch.natural_key[:120],
                now,
                punch.latitude,
                punch.longitude,
                punch.accuracy_m,
                punch.client_device[:64],
                punch.is_mock,
                punch.raw[:255],
            )
        )
    result.rejected += sum(1 for e in result.errors if not e.get("kept")) - len(prior_errors)

    if rows:
        ensure_month_partitions("attendance_punch", {row[3] for row in rows})
        if connection.vendor == "postgresql" and len(rows) > SMALL_BATCH:
            result.accepted, queued = _insert_postgresql(rows, tenant_id=tenant_id, today=today)
        else:
            inserted = _insert_values(rows)
            result.accepted = len(inserted)
            past = {(e, d) for e, d in inserted if e is not None and d < today}
            queued = mark_dirty(tenant_id, past) if past else 0
        result.duplicates = len(rows) - result.accepted
        result.days_queued = queued
        if queued:
            transaction.on_commit(lambda: _enqueue_recompute(tenant_id))

    if batch is not None:
        batch.received = result.received
        batch.accepted = result.accepted
        batch.duplicates = result.duplicates
        batch.unmatched = result.unmatched
        batch.rejected = result.rejected
        batch.errors = result.errors
        batch.save(update_fields=["received", "accepted", "duplicates", "unmatched", "rejected", "errors"])
        if source in (PunchSource.FILE, PunchSource.MANUAL):
            audit.record(
                actor=actor,
                tenant_id=tenant_id,
                action=f"attendance.punches.{source}",
                target=batch,
                org_unit_path=batch.scope_path() or "",
                after=result.as_dict() | {"errors": len(result.errors), "file_name": file_name},
            )
    return result


@transaction.atomic
def punches_attach_pin(*, tenant_id: int, pin: str, employee_id: int) -> int:
    """Attach the kept unmatched punches of ``pin`` to ``employee_id`` and queue their past days (set-based).

    Called by the PIN-mapping service in the same transaction (it authorises and audits the mapping).
    """
    from ..models import Punch

    tenant = Tenant.objects.get(pk=tenant_id)
    today = tenant.today()
    unmatched = Punch.objects.filter(tenant_id=tenant_id, employee__isnull=True, pin=pin)
    days = set(unmatched.values_list("local_date", flat=True).distinct())
    count = unmatched.update(employee_id=employee_id)
    past = [(employee_id, d) for d in days if d < today]
    if past:
        mark_dirty(tenant_id, past)
        transaction.on_commit(lambda: _enqueue_recompute(tenant_id))
    return int(count)
