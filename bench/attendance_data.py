"""Data for ``bench.attendance``: a tenant of N ASN, its calendar, and a month of punches as ``PunchIn`` rows.

Everything from one ``random.Random(seed)``. Units, employees, users and tokens are bulk-created (a fixed
number of queries whatever N), bypassing the services like the demo seed: the benchmark measures the
attendance paths, not the people services. Punches are *not* written here: ``bench.attendance`` times
``punches_ingest`` writing them.

The month: every working day of the tenant calendar, two punches per employee-day (check-in, check-out);
about 10 % of check-ins late (07:31–08:40), about 5 % of check-outs early, about 3 % of employee-days absent
(no punch), and about 2 % of employees on two or three days of approved annual leave (no punch either).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

BATCH = 2000
REGION_CODE = "79.01"
GEOFENCE = (Decimal("-5.147700"), Decimal("119.432700"))  # a point in Makassar (WITA)


@dataclass
class Tenancy:
    tenant: Any
    units: list[Any]
    employee_ids: list[int]
    nips: list[str]
    working_days: list[dt.date]
    tokens: list[tuple[int, str]] = field(default_factory=list)  # (employee id, API token) of the HTTP users
    leave_days: set[tuple[int, dt.date]] = field(default_factory=set)


def _nip(seq: int) -> str:
    """A unique 18-digit NIP-shaped number (the benchmark bypasses NIP validation, like the demo loader)."""
    return f"{198001012005011000 + seq:018d}"


def build_tenant(*, employees: int, units: int, year: int, month: int, http_users: int, seed: int) -> Tenancy:
    """Create the tenant, its units, employees, default schedule, holidays, geofences and HTTP users."""
    from django.contrib.auth.hashers import make_password
    from rest_framework.authtoken.models import Token

    from pamong.access.models import User
    from pamong.attendance.derive.calendar import schedule_days_rebuild, week_json
    from pamong.attendance.models import Geofence, Holiday, ScheduleDay, WorkSchedule
    from pamong.attendance.rules.holidays_id import national_calendar
    from pamong.attendance.rules.hours import FIVE_DAY_HOURS
    from pamong.core.models import Tenant, TimeZoneChoice
    from pamong.org.choices import OrgUnitKind
    from pamong.org.models import OrgUnit, path_segment
    from pamong.people.models import Employee

    rng = random.Random(seed)
    tenant = Tenant.objects.create(
        name="Kabupaten Bench Presensi", region_code=REGION_CODE, time_zone=TimeZoneChoice.WITA
    )
    root = OrgUnit.objects.create(
        tenant=tenant, code="ROOT", name="Pemerintah Kabupaten Bench", kind=OrgUnitKind.REGION
    )
    root.path = path_segment(root.pk)
    root.save(update_fields=["path"])
    rows = [
        OrgUnit(
            tenant=tenant,
            code=f"OPD{i:03d}",
            name=f"Dinas Bench {i}",
            kind=OrgUnitKind.DINAS,
            parent=root,
            depth=1,
            path="",
        )
        for i in range(units)
    ]
    created = OrgUnit.objects.bulk_create(rows, batch_size=BATCH)
    for unit in created:
        unit.path = root.path + path_segment(unit.pk)
    OrgUnit.objects.bulk_update(created, ["path"], batch_size=BATCH)

    staff = [
        Employee(
            tenant=tenant,
            nip=_nip(i),
            name=f"Pegawai {i}",
            kind="pns",
            birth_date=dt.date(1970 + i % 30, (i % 12) + 1, (i % 28) + 1),
            gender="male" if i % 2 == 0 else "female",
            appointment_year=2000 + i % 25,
            org_unit=created[i % units],
        )
        for i in range(employees)
    ]
    Employee.objects.bulk_create(staff, batch_size=BATCH)
    ids_nips = list(Employee.objects.filter(tenant=tenant).order_by("pk").values_list("pk", "nip"))

    WorkSchedule.objects.create(
        tenant=tenant, code="5H", name="5 hari kerja", week=week_json(FIVE_DAY_HOURS), is_default=True
    )
    calendar = national_calendar([year])
    Holiday.objects.bulk_create(
        [Holiday(tenant=tenant, date=h.day, name=h.name, kind=str(h.kind), source=h.source) for h in calendar.holidays]
    )
    start = dt.date(year, month, 1)
    end = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    schedule_days_rebuild(tenant_id=tenant.pk, start=start, end=end + dt.timedelta(days=62))
    working = sorted(
        ScheduleDay.objects.filter(tenant=tenant, date__gte=start, date__lte=end, start_min__isnull=False)
        .values_list("date", flat=True)
        .distinct()
    )
    Geofence.objects.bulk_create(
        [
            Geofence(
                tenant=tenant,
                org_unit=unit,
                name=f"Kantor {unit.code}",
                latitude=GEOFENCE[0],
                longitude=GEOFENCE[1],
                radius_m=300,
            )
            for unit in created
        ]
    )

    tenancy = Tenancy(
        tenant=tenant,
        units=created,
        employee_ids=[pk for pk, _n in ids_nips],
        nips=[n for _pk, n in ids_nips],
        working_days=working,
    )
    password = make_password(None)
    users = [
        User(username=f"bench{i}", password=password, tenant=tenant, employee_id=tenancy.employee_ids[i])
        for i in range(min(http_users, employees))
    ]
    User.objects.bulk_create(users, batch_size=BATCH)
    user_ids = dict(User.objects.filter(tenant=tenant).values_list("employee_id", "pk"))
    tokens = [Token(key=Token.generate_key(), user_id=user_ids[e]) for e in tenancy.employee_ids[: len(users)]]
    Token.objects.bulk_create(tokens, batch_size=BATCH)
    tenancy.tokens = [(e, t.key) for e, t in zip(tenancy.employee_ids[: len(users)], tokens, strict=True)]

    on_leave = rng.sample(range(employees), k=employees // 50)
    for index in on_leave:
        first = rng.randrange(max(1, len(working) - 3))
        for day in working[first : first + rng.choice((2, 3))]:
            tenancy.leave_days.add((tenancy.employee_ids[index], day))
    return tenancy


def month_punches(tenancy: Tenancy, *, seed: int) -> list[Any]:
    """The month's punches as ``PunchIn`` (device wall time, PIN = NIP, as a USB .dat file would give them)."""
    from pamong.attendance.services.punches import PunchIn

    rng = random.Random(seed + 1)
    punches: list[Any] = []
    serial = "BENCH0001"
    for employee_id, nip in zip(tenancy.employee_ids, tenancy.nips, strict=True):
        for day in tenancy.working_days:
            if (employee_id, day) in tenancy.leave_days or rng.random() < 0.03:
                continue
            minute_in = 7 * 60 + 31 + rng.randrange(70) if rng.random() < 0.1 else 6 * 60 + 45 + rng.randrange(45)
            end = 16 * 60 + (30 if day.weekday() == 4 else 0)
            minute_out = end - 1 - rng.randrange(60) if rng.random() < 0.05 else end + rng.randrange(90)
            for minute, status in ((minute_in, 0), (minute_out, 1)):
                at = dt.datetime(day.year, day.month, day.day, minute // 60, minute % 60, rng.randrange(60))
                key = f"{serial}|{nip}|{at:%Y-%m-%d %H:%M:%S}|{status}"
                punches.append(PunchIn(punched_at=at, natural_key=key, pin=nip, status=status, verify=1, raw=""))
    return punches


def leave_excuses(tenancy: Tenancy) -> int:
    """Approved annual-leave excuses for the planned leave days (bulk, one row per employee run of days)."""
    from pamong.attendance.choices import ExcuseKind, ExcuseStatus
    from pamong.attendance.models import Excuse

    by_employee: dict[int, list[dt.date]] = {}
    for employee_id, day in tenancy.leave_days:
        by_employee.setdefault(employee_id, []).append(day)
    rows = [
        Excuse(
            tenant=tenancy.tenant,
            employee_id=employee_id,
            kind=ExcuseKind.LEAVE,
            leave_kind="tahunan",
            starts_on=min(days),
            ends_on=max(days),
            working_days=len(days),
            reason="Cuti tahunan",
            status=ExcuseStatus.APPROVED,
        )
        for employee_id, days in by_employee.items()
    ]
    Excuse.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)
