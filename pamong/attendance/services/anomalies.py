"""Anomaly flags of one day (set-based) and their human review. Flags are for review, never sanctions.

``anomalies_detect`` runs nightly (``anomaly_tasks.anomalies_detect_task``, command ``attendance_anomalies``)
and can run again for the same day at no harm: every finding has a natural key and is inserted with
``ON CONFLICT DO NOTHING`` on the ``Anomaly`` unique key (tenant, kind, date, key), so a reviewed flag is
never reopened nor duplicated. One row per employee involved, placed at the employee's unit, so an OPD
head sees the flags of the unit's own staff. The kinds (thresholds from the tenant settings):

- ``shared_coordinates``: the same position to ~1 m (5 decimals) used by >= 2 employees on the day;
- ``repeated_coordinates``: one employee's exact same position (the stored 6 decimals) on
  >= ``repeated_coordinate_days`` days of the 30 ending on the day, one of them the day (real GPS jitters);
- ``impossible_travel``: consecutive punches of the day farther apart than ``impossible_speed_kmh`` allows
  (``rules.geo``); a device punch is placed at the first active geofence of the device's unit;
- ``shared_device``: one install id of the check-in app used by >= ``shared_device_accounts`` accounts;
- ``mock_location``: the phone itself reported a mock location.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.access.roles import ATTENDANCE_MANAGE
from pamong.core import audit
from pamong.core.authz import authorize, authorize_at
from pamong.core.errors import Conflict, ValidationFailed
from pamong.core.models import Tenant

from ..choices import AnomalyKind, AnomalyStatus
from ..models import Anomaly
from ..rules.geo import Point, impossible_travel, speed_kmh
from ..tenant_settings import attendance_settings

#: Days looked back for repeated coordinates.
REPEAT_WINDOW_DAYS = 30

Finding = tuple[str, int, int, str, dict[str, Any]]  # kind, employee, unit, key, details


def _rows(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _aware(value: Any) -> dt.datetime:
    """A timestamp from raw SQL: SQLite hands window-function results back as naive UTC text."""
    stamp: dt.datetime = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    return stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=dt.UTC)


def _coord(value: Any) -> str:
    return f"{float(value):.5f}"


def _shared_coordinates(tenant_id: int, day: dt.date) -> list[Finding]:
    rows = _rows(
        """
        WITH p AS (
            SELECT DISTINCT employee_id, ROUND(latitude, 5) AS lat, ROUND(longitude, 5) AS lon
            FROM attendance_punch
            WHERE tenant_id = %s AND local_date = %s AND latitude IS NOT NULL AND employee_id IS NOT NULL
        ), g AS (
            SELECT lat, lon FROM p GROUP BY lat, lon HAVING COUNT(*) >= 2
        )
        SELECT p.employee_id, e.org_unit_id, p.lat, p.lon
        FROM p JOIN g ON p.lat = g.lat AND p.lon = g.lon JOIN people_employee e ON e.id = p.employee_id
        ORDER BY p.lat, p.lon, p.employee_id
        """,
        [tenant_id, day],
    )
    groups: dict[str, list[int]] = defaultdict(list)
    for employee_id, _unit, lat, lon in rows:
        groups[f"{_coord(lat)},{_coord(lon)}"].append(employee_id)
    findings: list[Finding] = []
    for employee_id, unit_id, lat, lon in rows:
        place = f"{_coord(lat)},{_coord(lon)}"
        details = {"latitude": _coord(lat), "longitude": _coord(lon), "employees": groups[place]}
        findings.append((AnomalyKind.SHARED_COORDINATES, employee_id, unit_id, f"{place}|{employee_id}", details))
    return findings


def _repeated_coordinates(tenant_id: int, day: dt.date, min_days: int) -> list[Finding]:
    rows = _rows(
        """
        WITH p AS (
            SELECT DISTINCT employee_id, local_date, latitude, longitude
            FROM attendance_punch
            WHERE tenant_id = %s AND local_date >= %s AND local_date <= %s
              AND latitude IS NOT NULL AND employee_id IS NOT NULL
        )
        SELECT p.employee_id, e.org_unit_id, p.latitude, p.longitude, COUNT(*)
        FROM p JOIN people_employee e ON e.id = p.employee_id
        GROUP BY p.employee_id, e.org_unit_id, p.latitude, p.longitude
        HAVING COUNT(*) >= %s AND MAX(p.local_date) = %s
        """,
        [tenant_id, day - dt.timedelta(days=REPEAT_WINDOW_DAYS - 1), day, min_days, day],
    )
    return [
        (
            AnomalyKind.REPEATED_COORDINATES,
            employee_id,
            unit_id,
            f"{employee_id}|{float(lat):.6f},{float(lon):.6f}",
            {"latitude": f"{float(lat):.6f}", "longitude": f"{float(lon):.6f}", "days": int(n)},
        )
        for employee_id, unit_id, lat, lon, n in rows
    ]


def _impossible_travel(tenant_id: int, day: dt.date, limit_kmh: int) -> list[Finding]:
    # Mobile punches carry their position; a device punch stands at the first active fence of its unit.
    rows = _rows(
        """
        WITH f AS (
            SELECT org_unit_id, MIN(id) AS id FROM attendance_geofence
            WHERE tenant_id = %s AND is_active = %s GROUP BY org_unit_id
        ), p AS (
            SELECT pu.employee_id, pu.punched_at,
                   COALESCE(pu.latitude, g.latitude) AS lat, COALESCE(pu.longitude, g.longitude) AS lon
            FROM attendance_punch pu
            LEFT JOIN attendance_device d ON d.id = pu.device_id
            LEFT JOIN f ON f.org_unit_id = d.org_unit_id
            LEFT JOIN attendance_geofence g ON g.id = f.id
            WHERE pu.tenant_id = %s AND pu.local_date = %s AND pu.employee_id IS NOT NULL
        ), q AS (
            SELECT employee_id, punched_at, lat, lon,
                   LAG(punched_at) OVER w AS prev_at, LAG(lat) OVER w AS prev_lat, LAG(lon) OVER w AS prev_lon
            FROM p WHERE lat IS NOT NULL
            WINDOW w AS (PARTITION BY employee_id ORDER BY punched_at)
        )
        SELECT q.employee_id, e.org_unit_id, q.prev_at, q.prev_lat, q.prev_lon, q.punched_at, q.lat, q.lon
        FROM q JOIN people_employee e ON e.id = q.employee_id
        WHERE q.prev_at IS NOT NULL AND (q.lat <> q.prev_lat OR q.lon <> q.prev_lon)
        ORDER BY q.employee_id, q.punched_at
        """,
        [tenant_id, True, tenant_id, day],
    )
    findings: list[Finding] = []
    for employee_id, unit_id, prev_at, prev_lat, prev_lon, at, lat, lon in rows:
        at, prev_at = _aware(at), _aware(prev_at)
        a, b = Point(float(prev_lat), float(prev_lon)), Point(float(lat), float(lon))
        seconds = (at - prev_at).total_seconds()
        if not impossible_travel(a, b, seconds, limit_kmh):
            continue
        speed = speed_kmh(a, b, seconds)
        details = {
            "from": [_coord(prev_lat), _coord(prev_lon)],
            "to": [_coord(lat), _coord(lon)],
            "from_at": prev_at.isoformat(),
            "to_at": at.isoformat(),
            "speed_kmh": None if speed == float("inf") else round(speed),
        }
        key = f"{employee_id}|{at.astimezone(dt.UTC):%H%M%S}"
        findings.append((AnomalyKind.IMPOSSIBLE_TRAVEL, employee_id, unit_id, key, details))
    return findings


def _shared_device(tenant_id: int, day: dt.date, min_accounts: int) -> list[Finding]:
    rows = _rows(
        """
        WITH p AS (
            SELECT DISTINCT client_device, employee_id FROM attendance_punch
            WHERE tenant_id = %s AND local_date = %s AND client_device <> '' AND employee_id IS NOT NULL
        ), g AS (
            SELECT client_device, COUNT(*) AS n FROM p GROUP BY client_device HAVING COUNT(*) >= %s
        )
        SELECT p.employee_id, e.org_unit_id, p.client_device, g.n
        FROM p JOIN g ON g.client_device = p.client_device JOIN people_employee e ON e.id = p.employee_id
        """,
        [tenant_id, day, min_accounts],
    )
    return [
        (
            AnomalyKind.SHARED_DEVICE,
            employee_id,
            unit_id,
            f"{device[:80]}|{employee_id}",
            {"client_device": device, "accounts": int(n)},
        )
        for employee_id, unit_id, device, n in rows
    ]


def _mock_location(tenant_id: int, day: dt.date) -> list[Finding]:
    rows = _rows(
        """
        SELECT p.employee_id, e.org_unit_id, COUNT(*)
        FROM attendance_punch p JOIN people_employee e ON e.id = p.employee_id
        WHERE p.tenant_id = %s AND p.local_date = %s AND p.is_mock = %s
        GROUP BY p.employee_id, e.org_unit_id
        """,
        [tenant_id, day, True],
    )
    return [
        (AnomalyKind.MOCK_LOCATION, employee_id, unit_id, str(employee_id), {"punches": int(n)})
        for employee_id, unit_id, n in rows
    ]


def _counts(tenant_id: int, day: dt.date) -> dict[str, int]:
    rows = Anomaly.objects.filter(tenant_id=tenant_id, date=day).values_list("kind").annotate(n=Count("id")).order_by()
    return {str(kind): int(n) for kind, n in rows}


@transaction.atomic
def anomalies_detect(*, actor: Any, tenant_id: int, day: dt.date) -> dict[str, int]:
    """Flag the anomalies of ``day``; returns new flags per kind (0 everywhere on a second run)."""
    authorize_at(actor, ATTENDANCE_MANAGE, tenant_id=tenant_id, path=None, visible_action="attendance.view")
    settings = attendance_settings(Tenant.objects.get(pk=tenant_id))
    findings = [
        *_shared_coordinates(tenant_id, day),
        *_repeated_coordinates(tenant_id, day, settings.repeated_coordinate_days),
        *_impossible_travel(tenant_id, day, settings.impossible_speed_kmh),
        *_shared_device(tenant_id, day, settings.shared_device_accounts),
        *_mock_location(tenant_id, day),
    ]
    now = timezone.now()
    rows = [
        Anomaly(
            tenant_id=tenant_id,
            kind=kind,
            employee_id=employee_id,
            org_unit_id=unit_id,
            date=day,
            key=key[:120],
            details=details,
            created_at=now,
            updated_at=now,
        )
        for kind, employee_id, unit_id, key, details in findings
    ]
    existing = _counts(tenant_id, day)
    Anomaly.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    counts = {kind: n - existing.get(kind, 0) for kind, n in _counts(tenant_id, day).items()}
    counts = {kind: counts.get(kind, 0) for kind in AnomalyKind.values}
    created = sum(counts.values())
    if created:
        audit.record(
            actor=actor,
            tenant_id=tenant_id,
            action="attendance.anomalies.detect",
            after={"date": day.isoformat(), "created": created} | {k: v for k, v in counts.items() if v},
        )
    return counts


@transaction.atomic
def anomaly_review(*, actor: Any, anomaly: Anomaly, verdict: str, note: str, now: dt.datetime | None = None) -> Anomaly:
    """Record the reviewer's verdict: ``dismissed`` (wajar) or ``confirmed`` (terbukti), with a note."""
    row: Anomaly = Anomaly.objects.select_for_update().select_related("org_unit").get(pk=anomaly.pk)
    authorize(
        actor,
        ATTENDANCE_MANAGE,
        row,
        denied=_("Anomali presensi ditinjau oleh BKPSDM; kepala unit dapat melihatnya saja."),
    )
    if verdict not in (AnomalyStatus.DISMISSED, AnomalyStatus.CONFIRMED):
        raise ValidationFailed(_("Pilih hasil tinjauan: wajar atau terbukti."), field_errors={"verdict": [_("Wajib.")]})
    if not note.strip():
        raise ValidationFailed(
            _("Tuliskan catatan tinjauan: apa yang diperiksa dan hasilnya."),
            field_errors={"note": [_("Catatan wajib diisi.")]},
        )
    if row.status == verdict:
        raise Conflict(_("Anomali ini sudah ditinjau dengan hasil yang sama."))
    before = {"status": row.status, "review_note": row.review_note}
    row.status = verdict
    row.review_note = note.strip()
    row.reviewed_by = actor if getattr(actor, "pk", None) is not None else None
    row.reviewed_at = now or timezone.now()
    row.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at", "updated_at"])
    audit.record(
        actor=actor,
        tenant_id=row.tenant_id,
        action=f"attendance.anomaly.{'confirm' if verdict == AnomalyStatus.CONFIRMED else 'dismiss'}",
        target=row,
        org_unit_path=row.org_unit.path,
        before=before,
        after={"status": row.status, "review_note": row.review_note},
        reason=row.review_note,
    )
    return row
