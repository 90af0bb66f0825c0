"""Reads behind the web/mobile check-in: who and where the employee is, the fences, today's window.

The check-in is the hottest path of the system (every ASN of a regency between 07:00 and 08:00), so
each read is one small indexed query: the employee with its unit path, the active fences of that unit and
its ancestors, today's expected window, and (only when the punch is outside every fence) whether an
approved duty-travel or WFH excuse covers the day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Q, QuerySet

from pamong.access.roles import ATTENDANCE_VIEW
from pamong.core.models import Tenant
from pamong.core.scope import scope_of
from pamong.org.models import PATH_SEPARATOR
from pamong.people.models import Employee

from ..choices import ExcuseKind, ExcuseStatus
from ..models import Excuse, Geofence, Punch, ScheduleDay
from ..rules.geo import Fence, Point

#: Excuses under which a check-in away from the office is expected (accepted and flagged).
AWAY_EXCUSES = (ExcuseKind.DUTY_TRAVEL, ExcuseKind.WFH)


#: Seconds a process keeps what a check-in reads (a changed fence, schedule or transfer counts within a minute).
READ_CACHE_SECONDS = 60


@dataclass(frozen=True, slots=True)
class CheckinEmployee:
    """The checking-in employee: id, unit, the unit's path and the ids of the unit and its ancestors."""

    employee_id: int
    org_unit_id: int
    path: str
    unit_ids: tuple[int, ...]


def checkin_tenant(tenant_id: int) -> Tenant:
    """The tenant row (zone, settings), kept ``READ_CACHE_SECONDS`` per process."""
    key = f"attendance:tenant:{tenant_id}"
    tenant: Tenant | None = cache.get(key)
    if tenant is None:
        tenant = Tenant.objects.get(pk=tenant_id)
        cache.set(key, tenant, READ_CACHE_SECONDS)
    return tenant


def checkin_employee(*, tenant_id: int, employee_id: int) -> CheckinEmployee | None:
    """The active employee with its unit path (one query, then kept ``READ_CACHE_SECONDS`` per process: a
    transfer or deactivation counts within a minute); None if absent, inactive or of another tenant."""
    key = f"attendance:employee:{tenant_id}:{employee_id}"
    cached = cache.get(key, "miss")
    if cached != "miss":
        return cached  # type: ignore[no-any-return]
    found = _checkin_employee(tenant_id=tenant_id, employee_id=employee_id)
    cache.set(key, found, READ_CACHE_SECONDS)
    return found


def _checkin_employee(*, tenant_id: int, employee_id: int) -> CheckinEmployee | None:
    row = (
        Employee.objects.filter(pk=employee_id, tenant_id=tenant_id, is_active=True)
        .values_list("org_unit_id", "org_unit__path")
        .first()
    )
    if row is None:
        return None
    org_unit_id, path = row
    unit_ids = tuple(int(segment) for segment in path.split(PATH_SEPARATOR) if segment)
    return CheckinEmployee(employee_id=employee_id, org_unit_id=org_unit_id, path=path, unit_ids=unit_ids)


def unit_fences(*, tenant_id: int, unit_ids: tuple[int, ...]) -> list[Fence]:
    """The active geofences of the units (the employee's unit and its ancestors): one query, then kept in the
    process's cache for ``READ_CACHE_SECONDS`` (every ASN of a unit checks in against the same fences)."""
    key = f"attendance:fences:{tenant_id}:{'.'.join(map(str, unit_ids))}"
    cached: list[Fence] | None = cache.get(key)
    if cached is not None:
        return cached
    fences = _unit_fences(tenant_id=tenant_id, unit_ids=unit_ids)
    cache.set(key, fences, READ_CACHE_SECONDS)
    return fences


def _unit_fences(*, tenant_id: int, unit_ids: tuple[int, ...]) -> list[Fence]:
    rows = Geofence.objects.filter(tenant_id=tenant_id, org_unit_id__in=unit_ids, is_active=True).values_list(
        "pk", "name", "latitude", "longitude", "radius_m"
    )
    return [
        Fence(centre=Point(float(lat), float(lon)), radius_m=float(radius), ref=pk, name=name)
        for pk, name, lat, lon, radius in rows
    ]


def expected_window(*, tenant_id: int, unit_ids: tuple[int, ...], day: dt.date) -> tuple[int, int] | None:
    """Today's expected window of the unit (see ``_expected_window``), kept ``READ_CACHE_SECONDS`` per process."""
    key = f"attendance:window:{tenant_id}:{'.'.join(map(str, unit_ids))}:{day.isoformat()}"
    cached = cache.get(key, "miss")
    if cached != "miss":
        return cached  # type: ignore[no-any-return]
    window = _expected_window(tenant_id=tenant_id, unit_ids=unit_ids, day=day)
    cache.set(key, window, READ_CACHE_SECONDS)
    return window


def _expected_window(*, tenant_id: int, unit_ids: tuple[int, ...], day: dt.date) -> tuple[int, int] | None:
    """Today's expected (start, end) in local minutes for the unit, or None (day off, roster, no schedule).

    The deepest unit schedule valid on ``day`` among the unit and its ancestors wins, else the tenant's
    default schedule; read from the materialised ``ScheduleDay`` in one query.
    """
    rows = (
        ScheduleDay.objects.filter(tenant_id=tenant_id, date=day)
        .filter(
            Q(schedule__is_default=True)
            | Q(schedule__unit_links__org_unit_id__in=unit_ids, schedule__unit_links__valid_from__lte=day)
        )
        .values_list(
            "start_min",
            "end_min",
            "schedule__is_default",
            "schedule__unit_links__org_unit_id",
            "schedule__unit_links__org_unit__depth",
            "schedule__unit_links__valid_from",
            "schedule__unit_links__valid_to",
        )
    )
    best: tuple[int, int | None, int | None] | None = None  # (depth, start, end)
    default: tuple[int | None, int | None] | None = None
    for start, end, is_default, unit_id, depth, valid_from, valid_to in rows:
        linked = (
            unit_id in unit_ids
            and valid_from is not None
            and valid_from <= day
            and (valid_to is None or valid_to >= day)
        )
        if linked and (best is None or depth > best[0]):
            best = (depth, start, end)
        if is_default:
            default = (start, end)
    start_end = (best[1], best[2]) if best is not None else default
    if start_end is None or start_end[0] is None or start_end[1] is None:
        return None
    return int(start_end[0]), int(start_end[1])


def away_excuse(*, tenant_id: int, employee_id: int, day: dt.date) -> str | None:
    """The kind of an approved duty-travel or WFH excuse covering ``day``, if any (one query)."""
    kind = (
        Excuse.objects.filter(
            tenant_id=tenant_id,
            employee_id=employee_id,
            status=ExcuseStatus.APPROVED,
            kind__in=AWAY_EXCUSES,
            starts_on__lte=day,
            ends_on__gte=day,
        )
        .values_list("kind", flat=True)
        .first()
    )
    return str(kind) if kind is not None else None


def my_punches(*, actor: Any, day: dt.date) -> QuerySet[Any]:
    """The actor's own punches of ``day`` (every source), oldest first, for the check-in page."""
    employee_id = scope_of(actor).employee_id
    if employee_id is None:
        return Punch.objects.none()
    return (
        Punch.objects.visible_to(actor, ATTENDANCE_VIEW)
        .filter(employee_id=employee_id, local_date=day)
        .order_by("punched_at")
        .only("punched_at", "local_minute", "source", "status", "is_mock", "latitude", "longitude")
    )
