"""``checkin_record``: one web/mobile check-in (``POST /api/attendance/checkins/``, from phones and the PWA page).

The phone takes the time of the press; the server checks that the phone's clock is right *now* (when it
sends) and, if so, records the press time as the phone saw it. A queued punch sent hours later, or a
server that answers slowly at 07:29, therefore never makes anyone late (ADR 0027). The checks, in order:

1. the actor is an employee-user of the tenant (only one's own punch);
2. the phone's clock at sending is within ``checkin_clock_tolerance_seconds`` of the server's;
3. the press is not in the future (beyond the tolerance) and not older than ``offline_max_hours``;
4. the position is inside an active geofence of the employee's unit or an ancestor unit (the reported
   accuracy counts, ``rules.geo``), unless an approved duty-travel/WFH excuse covers the day (accepted,
   flagged in the answer);
5. one call to ``punches_ingest`` (natural key ``web|<employee>|<client uuid>``): a resend is a duplicate.

Queries: the employee with its unit path, the fences, today's window, (the excuse only when outside), and
``punches_ingest``'s tenant, closed-month check and insert. No audit event: the punch log is the evidence
(ADR 0024), as for device punches.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.core.errors import Forbidden, ValidationFailed
from pamong.people.rules.dates import date_id

from ..choices import PunchSource
from ..rules.geo import Point, check_fences, valid_point
from ..selectors.board import hhmm
from ..selectors.checkin import away_excuse, checkin_employee, checkin_tenant, expected_window, unit_fences
from ..tenant_settings import attendance_settings
from .punches import PunchIn, own_punch_actor, punches_ingest

#: Punch status codes as the devices use them (ZKTeco): 0 check-in, 1 check-out.
KIND_STATUS = {"in": 0, "out": 1}
_SIX = Decimal("0.000001")


@dataclass(frozen=True)
class CheckinResult:
    """What the phone is told: recorded or already recorded, at which local time, where, and how it counts."""

    created: bool
    client_id: str
    punched_at: dt.datetime
    local_date: dt.date
    local_time: str
    kind: str
    geofence: str
    distance_m: int | None
    away_excuse: str  # the excuse kind that let a punch outside every fence in ("" if none was needed)
    is_mock: bool
    counts_as: str  # check_in, check_out, or "" (no schedule window today)
    window: tuple[str, str] | None
    message: str

    @property
    def outside_geofence(self) -> bool:
        return bool(self.away_excuse)

    def as_dict(self) -> dict[str, Any]:
        """The check-in API's answer to the phone or the page (``status``: recorded or duplicate)."""
        return {
            "status": "recorded" if self.created else "duplicate",
            "client_id": self.client_id,
            "punched_at": self.punched_at.isoformat(),
            "local_date": self.local_date.isoformat(),
            "local_time": self.local_time,
            "kind": self.kind,
            "geofence": self.geofence,
            "distance_m": self.distance_m,
            "outside_geofence": self.outside_geofence,
            "away_excuse": self.away_excuse,
            "is_mock": self.is_mock,
            "counts_as": self.counts_as,
            "window": list(self.window) if self.window is not None else None,
            "message": self.message,
        }


def _counts_as(minute: int, window: tuple[int, int] | None) -> str:
    """Before the middle of the day's window a punch counts as check-in, after it as check-out."""
    if window is None:
        return ""
    start, end = window
    return "check_in" if minute < (start + end) / 2 else "check_out"


def _coordinate(value: float) -> Decimal:
    return Decimal(repr(value)).quantize(_SIX, rounding=ROUND_HALF_UP)


def _check_clock(*, sent_at: dt.datetime, punched_at: dt.datetime, now: dt.datetime, settings: Any) -> None:
    tolerance = dt.timedelta(seconds=settings.checkin_clock_tolerance_seconds)
    skew = sent_at - now
    if abs(skew) > tolerance:
        minutes = math.ceil(abs(skew).total_seconds() / 60)
        direction = _("lebih cepat") if skew > dt.timedelta(0) else _("lebih lambat")
        raise ValidationFailed(
            _(
                "Jam ponsel Anda %(direction)s %(minutes)d menit dari jam server. Aktifkan pengaturan "
                "tanggal & waktu otomatis di ponsel, lalu kirim ulang; presensi tetap tersimpan di antrean."
            )
            % {"direction": direction, "minutes": minutes},
            code="clock_skew",
        )
    if punched_at > now + tolerance:
        raise ValidationFailed(
            _("Waktu presensi belum terjadi menurut jam server; periksa jam ponsel Anda."), code="in_future"
        )
    if now - punched_at > dt.timedelta(hours=settings.offline_max_hours):
        raise ValidationFailed(
            _(
                "Presensi ini tersimpan di ponsel lebih dari %(hours)d jam sebelum terkirim dan tidak dapat "
                "diterima; ajukan keterangan kepada atasan untuk hari tersebut."
            )
            % {"hours": settings.offline_max_hours},
            code="too_old",
        )


def checkin_record(
    *,
    actor: Any,
    client_id: str,
    punched_at: dt.datetime,
    sent_at: dt.datetime,
    latitude: float,
    longitude: float,
    accuracy_m: float | None,
    is_mock: bool,
    client_device: str,
    now: dt.datetime | None = None,
    kind: str = "in",
) -> CheckinResult:
    """Record the actor's own check-in pressed at ``punched_at`` (device time); see the module docstring.

    Not wrapped in a transaction of its own: it reads, then makes exactly one write through
    ``punches_ingest``, which is atomic (a savepoint here would only add two statements per check-in).
    """
    own = own_punch_actor(actor)
    if own is None:
        raise Forbidden(
            _("Akun Anda tidak terhubung ke data pegawai, jadi tidak dapat melakukan presensi. Hubungi BKPSDM."),
            code="no_employee",
        )
    tenant_id, employee_id = own
    tenant = checkin_tenant(tenant_id)
    settings = attendance_settings(tenant)
    now = now or timezone.now()
    try:
        client_uuid = str(uuid.UUID(str(client_id)))
    except ValueError:
        raise ValidationFailed(
            _("Kode presensi dari ponsel tidak sah."), field_errors={"client_id": [_("Harus berupa UUID.")]}
        ) from None
    if kind not in KIND_STATUS:
        raise ValidationFailed(_("Jenis presensi harus masuk atau pulang."), field_errors={"kind": [_("Tidak sah.")]})
    if timezone.is_naive(punched_at) or timezone.is_naive(sent_at):
        raise ValidationFailed(_("Waktu dari ponsel harus menyertakan zona waktu."))
    point = Point(float(latitude), float(longitude))
    if not valid_point(point):
        raise ValidationFailed(_("Koordinat lokasi tidak sah."), field_errors={"latitude": [_("Di luar jangkauan.")]})
    if accuracy_m is not None and (not math.isfinite(accuracy_m) or accuracy_m < 0):
        raise ValidationFailed(_("Akurasi lokasi tidak sah."), field_errors={"accuracy_m": [_("Tidak sah.")]})
    _check_clock(sent_at=sent_at, punched_at=punched_at, now=now, settings=settings)

    employee = checkin_employee(tenant_id=tenant_id, employee_id=employee_id, actor=actor)
    if employee is None:
        raise Forbidden(_("Data pegawai Anda tidak aktif; hubungi BKPSDM."), code="no_employee")
    zone = tenant.zone
    local = timezone.localtime(punched_at, zone)
    day = local.date()
    fences = unit_fences(tenant_id=tenant_id, unit_ids=employee.unit_ids)
    place = check_fences(point, fences, accuracy_m)
    excuse = ""
    if place.inside is None:
        excuse = away_excuse(tenant_id=tenant_id, employee_id=employee.employee_id, day=day) or ""
        if not excuse:
            if place.nearest is None:
                raise ValidationFailed(
                    _("Unit Anda belum memiliki titik lokasi presensi; minta BKPSDM atau kepala unit menambahkannya."),
                    code="outside_geofence",
                )
            raise ValidationFailed(
                _(
                    "Anda berada di luar titik lokasi presensi: %(distance)s m dari %(name)s (radius %(radius)d m). "
                    "Mendekatlah ke kantor, atau ajukan dinas luar/WFH bila bertugas di luar kantor."
                )
                % {
                    "distance": f"{round(place.distance_m):,}".replace(",", "."),
                    "name": place.nearest.name,
                    "radius": round(place.nearest.radius_m),
                },
                code="outside_geofence",
            )
    window = expected_window(tenant_id=tenant_id, unit_ids=employee.unit_ids, day=day)

    accuracy = None if accuracy_m is None else min(round(accuracy_m), 2_000_000_000)
    result = punches_ingest(
        actor=actor,
        tenant_id=tenant_id,
        tenant=tenant,
        source=PunchSource.MOBILE,
        record_batch=False,
        now=now,
        punches=[
            PunchIn(
                punched_at=punched_at,
                natural_key=f"web|{employee.employee_id}|{client_uuid}",
                employee_id=employee.employee_id,
                status=KIND_STATUS[kind],
                latitude=_coordinate(point.latitude),
                longitude=_coordinate(point.longitude),
                accuracy_m=accuracy,
                client_device=client_device[:64],
                is_mock=bool(is_mock),
                raw=f"sent_at={sent_at.isoformat()}",
            )
        ],
    )
    if result.rejected:
        error = result.errors[0]
        raise ValidationFailed(str(error["message_id"]), code=str(error["code"]))
    minute = local.hour * 60 + local.minute
    created = result.accepted == 1
    when = f"{date_id(day)} {local:%H.%M}"
    message = (
        _("Presensi %(when)s tercatat.") % {"when": when}
        if created
        else _("Presensi %(when)s sudah tercatat sebelumnya.") % {"when": when}
    )
    return CheckinResult(
        created=created,
        client_id=client_uuid,
        punched_at=punched_at,
        local_date=day,
        local_time=f"{local:%H:%M:%S}",
        kind=kind,
        geofence=place.inside.name if place.inside is not None else "",
        distance_m=round(place.distance_m) if place.nearest is not None else None,
        away_excuse=excuse,
        is_mock=bool(is_mock),
        counts_as=_counts_as(minute, window),
        window=(hhmm(window[0]), hhmm(window[1])) if window is not None else None,
        message=message,
    )
