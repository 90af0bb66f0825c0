"""Writes the demo regions (``generator``'s plans) into the database, and lists their logins.

This is a seed, not a use case, so the bulk rows bypass the services on purpose:
creating 100,000 employees through ``employee_create`` would validate each NIP,
lock rows and append 100,000 audit events one by one (hours on SQLite), while
the plan is already consistent by construction (its NIPs, grades and assignment
periods are checked by the demo tests against the same rules the services
apply). So units, posts, employees and assignments are written with
``bulk_create`` in batches, parents before children, and unit paths are set
level by level from the ids just returned. What stays on the normal path:

- one ``demo.seeded`` audit event per tenant, with the counts, recorded through
  ``pamong.core.audit.record`` inside the same transaction, so the tenant's hash
  chain starts intact and an auditor can see where the data came from;
- users and their roles go through ``pamong.access.services.user_create`` and
  ``role_assign`` as a ``SystemActor`` (validated and audited like any other
  account); only the platform operator ``admin``, who belongs to no tenant, is
  created directly.

The planning cascade (RPJMD, priority programs, every OPD's Renstra with trajectories)
is written the same way by ``planning_loader`` (see its docstring); its counts join the
``demo.seeded`` event. So is the performance year (``story``): the heads' accounts, the
PKs, the reports with their history and evidence files (``story_loader``); after the
``demo.seeded`` event the apps' own services open the current period, compute the scores
and the consequences register, rate and follow up (``story_services``), each with its
own audit events.

All demo logins share the password ``DEMO_PASSWORD``: demo data only, never on
a server reachable by others. Tenants are marked ``settings["demo"]``; only marked
tenants are ever wiped by ``--reset``.
"""

from __future__ import annotations

import base64
import datetime as dt
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from pamong.access.models import RoleAssignment, User
from pamong.access.roles import Role
from pamong.access.services import role_assign, user_create
from pamong.core import audit
from pamong.core.models import Tenant
from pamong.core.scope import SystemActor
from pamong.meetings.models import ActionEvidence, VisitPhoto
from pamong.org.models import Cluster, OrgUnit, Position, path_segment
from pamong.people.models import Assignment, Employee
from pamong.performance.models import IndicatorScore, UnitScore
from pamong.planning.models import Indicator, PeriodTarget
from pamong.reports.models import Evidence, Report, ReportStep, ReportValue

from .dto import RegionPlan, UserPlan
from .generator import CITY_EMPLOYEES, DEFAULT_EMPLOYEES, plan_city, plan_regency
from .planning_loader import write_planning
from .regions import TANAH_BUNGA, TELUK_SUNYI
from .story_attendance import attendance_story
from .story_discipline import discipline_story
from .story_loader import StoryWriter, write_accounts
from .story_meetings_directives import story as meetings_directives_story
from .story_services import follow_story

DEMO_PASSWORD = "pamong-demo-2026"  # noqa: S105 - demo logins only; printed by demo_seed on purpose
DEMO_REGION_CODES = (TANAH_BUNGA.region_code, TELUK_SUNYI.region_code)
PLATFORM_ADMIN = "admin"
TOTP_DEVICE_NAME = "Demo"
DEMO_ROLE_NOTE = "Akun demo"  # the note on the roles of the demo's own logins (the heads' accounts have another)
BATCH = 2000
#: The tables written in bulk, whose planner statistics ``analyze_tables`` refreshes.
BULK_MODELS: tuple[type[models.Model], ...] = (
    OrgUnit,
    Position,
    Employee,
    Assignment,
    Indicator,
    PeriodTarget,
    Report,
    ReportValue,
    ReportStep,
    IndicatorScore,
    UnitScore,
)


class DemoError(Exception):
    """The demo cannot be loaded as asked (e.g. a real tenant uses the demo region code)."""


@dataclass(frozen=True)
class SeedReport:
    created: bool
    seconds: float
    counts: dict[str, dict[str, int]]


@dataclass(frozen=True)
class Login:
    username: str
    role: str
    scope: str
    password: str
    note: str
    totp_secret: str = ""
    #: One of the demo's own logins (printed in the table); False for a head's account of the story.
    featured: bool = True


# --- writing ---------------------------------------------------------------------------------


def _batches(rows: Sequence[Any], size: int = BATCH) -> Iterable[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _write_units(tenant: Tenant, plan: RegionPlan, clusters: dict[str, Cluster]) -> dict[str, OrgUnit]:
    """Create units one depth level at a time (parents get their ids first), then set each level's paths."""
    by_code: dict[str, OrgUnit] = {}
    depth = 0
    while True:
        level = [u for u in plan.units if u.depth == depth]
        if not level:
            return by_code
        objs = [
            OrgUnit(
                tenant=tenant,
                code=u.code,
                name=u.name,
                short_name=u.short_name,
                kind=u.kind,
                parent=by_code[u.parent_code] if u.parent_code else None,
                path="",
                depth=u.depth,
                cluster=clusters[u.cluster_code] if u.cluster_code else None,
                sort_order=u.sort_order,
            )
            for u in level
        ]
        created = OrgUnit.objects.bulk_create(objs, batch_size=BATCH)
        for unit in created:
            unit.path = (unit.parent.path if unit.parent else "") + path_segment(unit.pk)
            by_code[unit.code] = unit
        OrgUnit.objects.bulk_update(created, ["path"], batch_size=BATCH)
        depth += 1


def _write_people(tenant: Tenant, plan: RegionPlan, units: dict[str, OrgUnit]) -> dict[int, int]:
    positions = Position.objects.bulk_create(
        [
            Position(
                tenant=tenant,
                org_unit_id=units[p.unit_code].pk,
                code=p.code,
                name=p.name,
                position_type=p.position_type,
                eselon=p.eselon,
                is_head=p.is_head,
                job_class=p.job_class,
            )
            for p in plan.positions
        ],
        batch_size=BATCH,
    )
    position_ids = {p.code: p.pk for p in positions}
    employee_ids: dict[int, int] = {}
    for chunk in _batches(plan.employees):
        created = Employee.objects.bulk_create(
            [
                Employee(
                    tenant=tenant,
                    nip=e.nip,
                    name=e.name,
                    front_title=e.front_title,
                    back_title=e.back_title,
                    kind=e.kind,
                    grade=e.grade,
                    birth_date=e.birth_date,
                    gender=e.gender,
                    appointment_year=e.appointment_year,
                    appointment_month=e.appointment_month,
                    phone=e.phone,
                    org_unit_id=units[e.unit_code].pk,
                    position_id=position_ids[e.position_code] if e.position_code else None,
                    is_active=e.is_active,
                )
                for e in chunk
            ]
        )
        employee_ids.update((e.index, obj.pk) for e, obj in zip(chunk, created, strict=True))
    for chunk in _batches(plan.assignments):
        Assignment.objects.bulk_create(
            [
                Assignment(
                    tenant=tenant,
                    employee_id=employee_ids[a.employee_index],
                    position_id=position_ids[a.position_code],
                    kind=a.kind,
                    starts_on=a.starts_on,
                    ends_on=a.ends_on,
                    decree_number=a.decree_number,
                    decree_date=a.decree_date,
                    note=a.note,
                )
                for a in chunk
            ]
        )
    _write_users(tenant, plan, units, employee_ids)
    return employee_ids


def _totp(user: User) -> None:
    TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=True)


def _write_users(tenant: Tenant, plan: RegionPlan, units: dict[str, OrgUnit], employee_ids: dict[int, int]) -> None:
    """Demo logins through the access services (``user_create``, ``role_assign``), as the system actor."""
    system = SystemActor(tenant_id=tenant.pk, label="demo_seed")
    clusters = {c.code: c for c in Cluster.objects.filter(tenant=tenant)}
    linked = [employee_ids[u.employee_index] for u in plan.users if u.employee_index is not None]
    employees = Employee.objects.select_related("org_unit").in_bulk(linked)
    for u in plan.users:
        if u.is_platform_admin:
            continue
        employee = employees[employee_ids[u.employee_index]] if u.employee_index is not None else None
        user = user_create(
            actor=system,
            username=u.username,
            password=DEMO_PASSWORD,
            employee=employee,
            full_name=f"{u.first_name} {u.last_name}".strip(),
        )
        role_assign(
            actor=system,
            user=user,
            role=u.role,
            org_unit=units[u.unit_code] if u.unit_code else None,
            cluster=clusters[u.cluster_code] if u.cluster_code else None,
            note=DEMO_ROLE_NOTE,
        )
        if u.needs_totp:
            _totp(user)


def _ensure_platform_admin(plan: UserPlan) -> None:
    """The platform operator login (no tenant); an existing ``admin`` is left as it is."""
    existing = User.objects.filter(username=plan.username).first()
    if existing is not None:
        if existing.tenant_id is not None:
            raise DemoError(f"Pengguna {plan.username!r} sudah ada dan terikat pada pemerintah daerah lain.")
        return
    user = User(
        username=plan.username, first_name=plan.first_name, last_name=plan.last_name, is_staff=True, is_superuser=True
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    _totp(user)


@dataclass(frozen=True)
class Loaded:
    """A region written: its tenant and its headline figures (the plan's, then what the services did)."""

    tenant: Tenant
    counts: dict[str, int]


def _settings(plan: RegionPlan) -> dict[str, Any]:
    counts = plan.counts()
    settings: dict[str, Any] = {
        "demo": {"seed": plan.seed, "employees": counts["employees"], "as_of": plan.today.isoformat()}
    }
    if plan.story is not None:
        # Where the PKs are signed and the letterhead's address (``pamong.agreements.facts.agreement_settings``).
        settings["agreements"] = {"place": plan.story.place, "unit_addresses": dict(plan.story.addresses)}
    return settings


def load_plan(plan: RegionPlan) -> Loaded:
    """Write one region; must run inside a transaction. Returns the new tenant and its figures."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("load_plan must run inside a transaction")
    tenant = Tenant.objects.create(
        name=plan.name, region_code=plan.region_code, time_zone=plan.time_zone, settings=_settings(plan)
    )
    clusters = {
        c.code: c
        for c in Cluster.objects.bulk_create(
            [Cluster(tenant=tenant, code=c.code, name=c.name, sort_order=c.sort_order) for c in plan.clusters]
        )
    }
    units = _write_units(tenant, plan, clusters)
    employee_ids = _write_people(tenant, plan, units)
    write_accounts(tenant, plan, units, employee_ids, DEMO_PASSWORD)
    if plan.planning is not None:
        period = write_planning(tenant, plan.planning, units)
        if plan.story is not None:
            StoryWriter(tenant, plan, units, employee_ids, period).write()
    for u in plan.users:
        if u.is_platform_admin:
            _ensure_platform_admin(u)
    audit.record(
        actor=SystemActor(tenant_id=tenant.pk, label="demo_seed"),
        tenant_id=tenant.pk,
        action="demo.seeded",
        org_unit_path=units[plan.root.code].path,
        after=plan.counts(),
        reason=f"Data demo fiktif dari pamong.demo (seed {plan.seed})",
    )
    counts = plan.counts()
    if plan.story is not None:
        followed = follow_story(tenant, plan.story)
        counts |= {f"followed_{name}": value for name, value in asdict(followed).items()}
        attended = attendance_story(tenant, today=plan.story.today, seed=plan.seed)
        counts |= {f"attendance_{name}": value for name, value in attended.items()}
        disciplined = discipline_story(tenant, today=plan.story.today, seed=plan.seed)
        counts |= {f"discipline_{name}": value for name, value in disciplined.items()}
        directed = meetings_directives_story(tenant, today=plan.story.today, seed=plan.seed)
        counts |= {f"meetings_{name}": value for name, value in directed.items()}
    return Loaded(tenant, counts)


def analyze_tables() -> None:
    """Refresh the planner statistics of the bulk-loaded tables (autovacuum would, minutes later)."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in BULK_MODELS:
            cursor.execute(f"ANALYZE {quote(model._meta.db_table)}")


# --- wiping ----------------------------------------------------------------------------------


def _tenant_tables() -> list[list[tuple[str, str]]]:
    """Every table holding a tenant's rows, as the chain of (table, column) hops from it up to the tenant.

    A table with a tenant column is one hop; a table without one that points at such a table (a case's
    summonses, an M2M through table, a directive's items) is owned through it, and so on down: each chain ends
    at a table's tenant column. Users are left out (deleted through the ORM, with their devices and tokens).
    Deepest first, so a child's subquery still finds its parents.
    """
    chains: dict[type[models.Model], list[tuple[str, str]]] = {}
    candidates = [m for m in apps.get_models(include_auto_created=True) if m is not User and m is not Tenant]
    for model in candidates:
        for f in model._meta.concrete_fields:
            if f.is_relation and f.related_model is Tenant:
                chains[model] = [(model._meta.db_table, f.column)]
                break
    grew = True
    while grew:
        grew = False
        for model in candidates:
            if model in chains:
                continue
            for f in model._meta.concrete_fields:
                parent = f.related_model if f.is_relation else None
                if isinstance(parent, type) and parent in chains and parent is not model:
                    chains[model] = [(model._meta.db_table, f.column), *chains[parent]]
                    grew = True
                    break
    return sorted(chains.values(), key=len, reverse=True)


def _owned_rows_sql(chain: list[tuple[str, str]], marks: str) -> str:
    """``DELETE`` of the rows of ``chain[0]`` that belong to the tenants ``marks`` stands for."""
    quote = connection.ops.quote_name
    table, column = chain[0]
    condition = f"IN ({marks})"
    for parent, parent_column in reversed(chain[1:]):
        condition = f"IN (SELECT id FROM {quote(parent)} WHERE {quote(parent_column)} {condition})"  # noqa: S608
    return f"DELETE FROM {quote(table)} WHERE {quote(column)} {condition}"  # noqa: S608


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def wipe_demo() -> list[str]:
    """Delete every row of the demo tenants (marked ``settings["demo"]``); returns the region codes wiped.

    Raw DELETEs, because domain rows protect each other (and audit events refuse
    deletion through the ORM on purpose). Foreign keys are checked at commit
    (Django creates them DEFERRABLE INITIALLY DEFERRED on SQLite and PostgreSQL),
    so the order does not matter as long as everything goes in one transaction.
    Users of those tenants are deleted through the ORM so their devices and tokens go too.
    """
    tenants = [t for t in Tenant.objects.filter(region_code__in=DEMO_REGION_CODES) if t.settings.get("demo")]
    if not tenants:
        return []
    ids = [t.pk for t in tenants]
    marks = ", ".join(["%s"] * len(ids))
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        # Evidence files go once the rows are gone for good (after the commit; a rollback keeps both).
        files = [name for name in Evidence.objects.filter(tenant_id__in=ids).values_list("file", flat=True) if name]
        files += [n for n in ActionEvidence.objects.filter(item__tenant_id__in=ids).values_list("file", flat=True) if n]
        files += [n for n in VisitPhoto.objects.filter(visit__tenant_id__in=ids).values_list("file", flat=True) if n]
        transaction.on_commit(lambda: _delete_files(files))
        for chain in _tenant_tables():  # names come from model metadata
            cursor.execute(_owned_rows_sql(chain, marks), ids)
        User.objects.filter(tenant_id__in=ids).delete()
        cursor.execute(f"DELETE FROM {quote(Tenant._meta.db_table)} WHERE id IN ({marks})", ids)  # noqa: S608
    return [t.region_code for t in tenants]


# --- entry points ----------------------------------------------------------------------------


def _today(time_zone: str) -> dt.date:
    return timezone.localtime(timezone.now(), ZoneInfo(time_zone)).date()


def load_demo(*, employees: int = DEFAULT_EMPLOYEES, seed: int = 2026, reset: bool = False) -> SeedReport:
    """Load Kabupaten Tanah Bunga and Kota Teluk Sunyi unless already there (``reset`` reloads them)."""
    existing = list(Tenant.objects.filter(region_code__in=DEMO_REGION_CODES))
    foreign = [t for t in existing if not t.settings.get("demo")]
    if foreign:
        raise DemoError(
            f"Kode wilayah {foreign[0].region_code} dipakai oleh {foreign[0].name}, bukan data demo; tidak diubah."
        )
    if existing and not reset:
        return SeedReport(False, 0.0, {})
    started = time.perf_counter()
    regency = plan_regency(seed=seed, employees=employees, today=_today(TANAH_BUNGA.time_zone))
    city = plan_city(seed=seed, employees=CITY_EMPLOYEES, today=_today(TELUK_SUNYI.time_zone))
    with transaction.atomic():
        if reset:
            wipe_demo()
        loaded = [load_plan(plan) for plan in (regency, city)]
    analyze_tables()
    return SeedReport(True, time.perf_counter() - started, {x.tenant.name: x.counts for x in loaded})


def _scope_label(ra: RoleAssignment) -> str:
    if ra.cluster_id and ra.cluster:
        return f"{ra.cluster.name} (klaster)"
    unit = ra.org_unit
    if unit is None:
        return ""
    return f"{unit.name} (seluruh)" if unit.parent_id is None else unit.name


def demo_logins() -> list[Login]:
    """The demo's logins as they are in the database, in the order they were created."""
    found = {t.region_code: t for t in Tenant.objects.filter(region_code__in=DEMO_REGION_CODES)}
    tenant_ids = [found[code].pk for code in DEMO_REGION_CODES if code in found]
    todays = {t.pk: t.today() for t in found.values()}
    users = list(
        User.objects.filter(tenant_id__in=tenant_ids)
        .order_by("tenant_id", "pk")
        .prefetch_related(
            models.Prefetch("role_assignments", queryset=RoleAssignment.objects.select_related("org_unit", "cluster"))
        )
    )
    admin = User.objects.filter(username=PLATFORM_ADMIN, tenant__isnull=True).first()
    secrets = {
        d.user_id: base64.b32encode(d.bin_key).decode()
        for d in TOTPDevice.objects.filter(user__in=[*users, *([admin] if admin else [])], confirmed=True)
    }
    logins = []
    for user in users:
        roles = sorted(user.role_assignments.all(), key=lambda ra: ra.pk)
        featured = any(ra.note == DEMO_ROLE_NOTE for ra in roles)
        for ra in roles:
            if not user.is_active or (ra.valid_to is not None and ra.valid_to < todays[user.tenant_id]):
                continue
            scope = _scope_label(ra)
            note = "TOTP diminta saat masuk pertama" if user.pk in secrets else ""
            logins.append(
                Login(
                    user.username,
                    str(Role(ra.role).label),
                    scope,
                    DEMO_PASSWORD,
                    note,
                    secrets.get(user.pk, ""),
                    featured,
                )
            )
    if admin is not None:
        password = DEMO_PASSWORD if admin.check_password(DEMO_PASSWORD) else "(tidak diubah)"
        note = "TOTP diminta saat masuk pertama" if admin.pk in secrets else ""
        logins.append(
            Login(
                admin.username,
                str(Role.PLATFORM_ADMIN.label),
                "Admin Django (/admin/), tanpa pemda",
                password,
                note,
                secrets.get(admin.pk, ""),
            )
        )
    return logins
