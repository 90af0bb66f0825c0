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
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import Model, Q, QuerySet
from rest_framework.authtoken.models import Token

from pamong.access.models import User
from pamong.access.roles import ATTENDANCE_VIEW
from pamong.core.models import Tenant
from pamong.core.scope import scope_of
from pamong.org.models import PATH_SEPARATOR, OrgUnit
from pamong.people.models import Employee

from ..choices import ExcuseKind, ExcuseStatus
from ..models import Excuse, Geofence, Punch, ScheduleDay
from ..rules.geo import Fence, Point

#: Excuses under which a check-in away from the office is expected (accepted and flagged).
AWAY_EXCUSES = (ExcuseKind.DUTY_TRAVEL, ExcuseKind.WFH)


_USER_EMPLOYEE = User._meta.get_field("employee")
_EMPLOYEE_UNIT = Employee._meta.get_field("org_unit")

#: What the check-in reads of the token's user, the employee and the unit (the rest stays deferred).
_TOKEN_USER_FIELDS: tuple[tuple[type[Model], tuple[str, ...]], ...] = (
    (User, ("id", "username", "is_active", "tenant", "employee")),
    (Employee, ("id", "tenant", "is_active", "org_unit")),
    (OrgUnit, ("id", "path")),
)


def _loaded_attnames(model: type[Model], names: tuple[str, ...]) -> list[str]:
    """The column attributes of ``names`` in the model's field order (the order ``Model.from_db`` expects)."""
    return [f.attname for f in model._meta.concrete_fields if f.name in names]


_TOKEN_USER_ATTNAMES = tuple((model, _loaded_attnames(model, names)) for model, names in _TOKEN_USER_FIELDS)


def _column(model: type[Model], attname: str) -> str:
    return next(f'"{f.column}"' for f in model._meta.concrete_fields if f.attname == attname)


def _token_user_sql() -> str:
    columns = ", ".join(
        f"{alias}.{_column(model, attname)}"
        for alias, (model, attnames) in zip(("u", "e", "o"), _TOKEN_USER_ATTNAMES, strict=True)
        for attname in attnames
    )
    return (
        f'SELECT {columns} FROM "{Token._meta.db_table}" t '  # noqa: S608 - table and column names are the models'
        f'JOIN "{User._meta.db_table}" u ON u."id" = t.{_column(Token, "user_id")} '
        f'LEFT JOIN "{Employee._meta.db_table}" e ON e."id" = u.{_column(User, "employee_id")} '
        f'LEFT JOIN "{OrgUnit._meta.db_table}" o ON o."id" = e.{_column(Employee, "org_unit_id")} '
        f"WHERE t.{_column(Token, 'key')} = %s"
    )


_TOKEN_USER_SQL = _token_user_sql()


def checkin_token_user(key: str) -> Any:
    """The user of API token ``key`` with its employee and unit attached, in one query; None if unknown.

    What DRF's token authentication does with ``select_related("user")``, plus the employee and unit the
    check-in needs (``checkin_employee`` takes them from the user), as one plain statement: building the
    ORM query costs more than running it on this path (ADR 0027). Only the columns in ``_TOKEN_USER_FIELDS``
    are loaded; any other field of these instances loads on first access.
    """
    with connection.cursor() as cursor:
        cursor.execute(_TOKEN_USER_SQL, [key])
        row = cursor.fetchone()
    if row is None:
        return None
    instances: list[Model | None] = []
    start = 0
    for model, attnames in _TOKEN_USER_ATTNAMES:
        values = row[start : start + len(attnames)]
        start += len(attnames)
        instances.append(None if values[0] is None else model.from_db(DEFAULT_DB_ALIAS, attnames, values))
    user, employee, unit = instances
    assert user is not None  # the inner join: a token always has its user
    _USER_EMPLOYEE.set_cached_value(user, employee)
    if employee is not None:
        _EMPLOYEE_UNIT.set_cached_value(employee, unit)
    return user


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


def checkin_employee(*, tenant_id: int, employee_id: int, actor: Any = None) -> CheckinEmployee | None:
    """The active employee with its unit path; None if absent, inactive or of another tenant.

    Taken from ``actor`` when its employee and unit came with it (the check-in API's token authentication
    loads them in its one query); otherwise one query, then kept ``READ_CACHE_SECONDS`` per process (a
    transfer or deactivation counts within a minute).
    """
    employee = actor.employee if actor is not None and _USER_EMPLOYEE.is_cached(actor) else None
    if employee is not None and employee.pk == employee_id and _EMPLOYEE_UNIT.is_cached(employee):
        if not employee.is_active or employee.tenant_id != tenant_id:
            return None
        return _of_unit(employee_id, employee.org_unit_id, employee.org_unit.path)
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
    return _of_unit(employee_id, *row)


def _of_unit(employee_id: int, org_unit_id: int, path: str) -> CheckinEmployee:
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
