"""The SQL derivation equals the pure rule, field by field, on random employee-days (ADR 0024).

Seeded ``random.Random``: a few hundred employee-days with random windows (with and without a break), days
off and holidays, none/one/many punches at random minutes, grace minutes, the minimum gap, approved
whole-day excuses (overlapping ones too: the first by id wins), and a few part-day excuses and an outage
(the exact path). Each derived ``AttendanceDay`` is compared with ``rules.daystatus.day_status`` on the
same inputs. Runs on whichever database the suite runs on (SQLite and PostgreSQL in CI).
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from pamong.attendance.choices import ExcuseKind, ExcuseStatus
from pamong.attendance.derive.days import derive_days
from pamong.attendance.models import AttendanceDay, Excuse, Outage, Punch, ScheduleDay, UnitSchedule, WorkSchedule
from pamong.attendance.partitions import ensure_month_partitions
from pamong.attendance.rules.daystatus import Excuse as RuleExcuse
from pamong.attendance.rules.daystatus import ExcuseKind as RuleKind
from pamong.attendance.rules.daystatus import day_status
from pamong.attendance.rules.hours import DayHours
from pamong.attendance.rules.leave import LeaveKind
from pamong.people.models import Employee

pytestmark = pytest.mark.django_db

MONTH = [dt.date(2026, 3, d) for d in range(1, 32)]
UNITS = ("setda", "disdik", "disdik_bidang", "dinkes", "kec", "inspektorat", "bkpsdm")


def make_employees(cast, count: int, rng: random.Random) -> list[Employee]:
    """``count`` extra active employees spread over the cast's units (bulk, no services: data only)."""
    rows = [
        Employee(
            tenant=cast.tenant,
            nip=f"19800101200501{2000 + i:04d}"[:18],
            name=f"Pegawai Uji {i}",
            kind="pns",
            birth_date=dt.date(1980, 1, 1),
            gender="1",
            appointment_year=2005,
            org_unit=cast.units[rng.choice(UNITS)],
        )
        for i in range(count)
    ]
    return Employee.objects.bulk_create(rows)


def add_punches(tenant, rows: list[tuple[int | None, dt.date, int]]) -> None:
    """Punches (employee, local date, local minute + a random second) straight into the log."""
    ensure_month_partitions("attendance_punch", {d for _e, d, _m in rows})
    zone = tenant.zone
    now = dt.datetime(2026, 4, 1, tzinfo=dt.UTC)
    Punch.objects.bulk_create(
        [
            Punch(
                tenant=tenant,
                employee_id=employee_id,
                punched_at=dt.datetime.combine(day, dt.time(minute // 60, minute % 60, i % 60), tzinfo=zone),
                local_date=day,
                local_minute=minute,
                source="device",
                natural_key=f"t|{employee_id}|{day}|{minute}|{i}",
                received_at=now,
            )
            for i, (employee_id, day, minute) in enumerate(rows)
        ]
    )


def _t(minutes: int | None) -> dt.time | None:
    return None if minutes is None else dt.time(minutes // 60, minutes % 60)


def random_window(rng: random.Random) -> tuple[int | None, int | None, int | None, int | None, str]:
    roll = rng.random()
    if roll < 0.12:
        return None, None, None, None, rng.choice(["", "Hari Raya", "Libur daerah"])
    start = rng.randrange(360, 600)
    end = start + rng.randrange(240, 600)
    holiday = "Cuti bersama (masuk)" if roll < 0.15 else ""
    if rng.random() < 0.6:
        length = rng.choice([30, 60, 90])
        b_start = rng.randrange(start + 30, end - length - 30)
        return start, end, b_start, b_start + length, holiday
    return start, end, None, None, holiday


def minute(moment: dt.datetime | None) -> int | None:
    return None if moment is None else moment.hour * 60 + moment.minute


def expected_of(window, punches, excuses, settings):
    hours = None if window[0] is None else DayHours(*(_t(m) for m in window[:4]))
    return day_status(
        dt.date(2026, 3, 2),
        hours,
        [dt.datetime(2026, 3, 2, m // 60, m % 60) for m in punches],
        excuses=excuses,
        late_grace_minutes=settings["late_grace_minutes"],
        early_grace_minutes=settings["early_grace_minutes"],
        min_gap_minutes=settings["min_gap_minutes"],
    )


@pytest.mark.parametrize(
    ("seed", "settings"),
    [
        (1, {"late_grace_minutes": 0, "early_grace_minutes": 0, "min_gap_minutes": 60}),
        (2, {"late_grace_minutes": 5, "early_grace_minutes": 10, "min_gap_minutes": 30}),
        (3, {"late_grace_minutes": 15, "early_grace_minutes": 0, "min_gap_minutes": 1}),
    ],
)
def test_sql_days_equal_the_pure_rule(cast, seed, settings):
    rng = random.Random(seed)
    tenant = cast.tenant
    tenant.settings = {"attendance": settings}
    tenant.save(update_fields=["settings"])
    employees = list(Employee.objects.filter(tenant=tenant)) + make_employees(cast, 10, rng)

    schedules = [
        WorkSchedule.objects.create(tenant=tenant, code=f"S{i}", name=f"S{i}", week=[None] * 7, is_default=(i == 0))
        for i in range(3)
    ]
    UnitSchedule.objects.create(
        tenant=tenant, org_unit=cast.units["disdik"], schedule=schedules[1], valid_from=MONTH[0]
    )
    UnitSchedule.objects.create(
        tenant=tenant, org_unit=cast.units["dinkes"], schedule=schedules[2], valid_from=MONTH[10], valid_to=MONTH[20]
    )
    windows: dict[tuple[int, dt.date], tuple] = {}
    schedule_rows = []
    for schedule in schedules:
        for day in MONTH[:-3]:  # the last three days have no ScheduleDay: no rows
            window = random_window(rng)
            windows[(schedule.pk, day)] = window
            schedule_rows.append(
                ScheduleDay(
                    tenant=tenant,
                    schedule=schedule,
                    date=day,
                    start_min=window[0],
                    end_min=window[1],
                    break_start_min=window[2],
                    break_end_min=window[3],
                    holiday=window[4],
                )
            )
    ScheduleDay.objects.bulk_create(schedule_rows)

    def schedule_of(employee: Employee, day: dt.date) -> int:
        path = employee.org_unit.path
        if path.startswith(cast.units["dinkes"].path) and MONTH[10] <= day <= MONTH[20]:
            return schedules[2].pk
        if path.startswith(cast.units["disdik"].path):
            return schedules[1].pk
        return schedules[0].pk

    punch_rows: list[tuple[int | None, dt.date, int]] = []
    punches: dict[tuple[int, dt.date], list[int]] = {}
    whole: dict[tuple[int, dt.date], list[tuple[int, RuleExcuse]]] = {}
    windowed: dict[tuple[int, dt.date], list[RuleExcuse]] = {}
    kinds = list(ExcuseKind.values)
    for employee in employees:
        for day in MONTH:
            count = rng.choice([0, 0, 1, 2, 2, 2, 3, 5])
            minutes = [rng.randrange(300, 1260) for _ in range(count)]
            if count and rng.random() < 0.2:
                minutes.append(minutes[0])  # a duplicate minute
            punches[(employee.pk, day)] = minutes
            punch_rows += [(employee.pk, day, m) for m in minutes]
            roll = rng.random()
            if roll < 0.08:
                kind = rng.choice(kinds)
                leave = rng.choice(list(LeaveKind)).value if kind == "leave" else ""
                length = rng.choice([1, 1, 3])
                first = Excuse.objects.create(
                    tenant=tenant,
                    employee=employee,
                    kind=kind,
                    leave_kind=leave,
                    starts_on=day,
                    ends_on=min(day + dt.timedelta(days=length - 1), MONTH[-1]),
                    reason="uji",
                    status=ExcuseStatus.APPROVED,
                )
                for n in range(length):
                    covered = day + dt.timedelta(days=n)
                    whole.setdefault((employee.pk, covered), []).append(
                        (first.pk, RuleExcuse(RuleKind(kind), LeaveKind(leave) if leave else None))
                    )
            elif roll < 0.10:  # a rejected or requested excuse counts for nothing
                Excuse.objects.create(
                    tenant=tenant,
                    employee=employee,
                    kind="sick",
                    starts_on=day,
                    ends_on=day,
                    reason="uji",
                    status=rng.choice([ExcuseStatus.REJECTED, ExcuseStatus.REQUESTED]),
                )
            elif roll < 0.13:  # a part-day permit: the exact path
                lo = rng.randrange(400, 900)
                hi = lo + rng.randrange(30, 300)
                Excuse.objects.create(
                    tenant=tenant,
                    employee=employee,
                    kind="permit",
                    starts_on=day,
                    ends_on=day,
                    start_time=_t(lo),
                    end_time=_t(hi),
                    reason="uji",
                    status=ExcuseStatus.APPROVED,
                )
                windowed.setdefault((employee.pk, day), []).append(RuleExcuse(RuleKind.PERMIT, None, _t(lo), _t(hi)))
    punch_rows.append((None, MONTH[3], 450))  # an unmatched punch belongs to nobody
    add_punches(tenant, punch_rows)
    Outage.objects.create(
        tenant=tenant, date=MONTH[4], start_time=dt.time(7, 0), end_time=dt.time(8, 30), reason="server mati"
    )
    Outage.objects.create(
        tenant=tenant,
        date=MONTH[5],
        start_time=dt.time(6, 0),
        end_time=dt.time(9, 0),
        reason="dicabut",
        is_active=False,
    )

    written = derive_days(tenant_id=tenant.pk, start=MONTH[0], end=MONTH[-1])

    days = {(d.employee_id, d.date): d for d in AttendanceDay.objects.filter(tenant=tenant)}
    assert written >= len(days)
    assert len(days) == len(employees) * (len(MONTH) - 3)
    checked = 0
    for employee in employees:
        for day in MONTH[:-3]:
            window = windows[(schedule_of(employee, day), day)]
            excuses = [e for _pk, e in sorted(whole.get((employee.pk, day), []), key=lambda pair: pair[0])]
            excuses += windowed.get((employee.pk, day), [])
            if day == MONTH[4]:
                excuses.append(RuleExcuse(RuleKind.SYSTEM_OUTAGE, None, dt.time(7, 0), dt.time(8, 30)))
            expected = expected_of(window, punches[(employee.pk, day)], excuses, settings)
            got = days[(employee.pk, day)]
            want = {
                "status": expected.status.value,
                "late": expected.late_minutes,
                "early": expected.early_leave_minutes,
                "in": minute(expected.check_in),
                "out": minute(expected.check_out),
                "excuse": expected.excuse.kind.value if expected.excuse else "",
                "leave": expected.excuse.leave_kind.value if expected.excuse and expected.excuse.leave_kind else "",
                "window": (window[0], window[1]),
                "holiday": window[4],
                "count": len(punches[(employee.pk, day)]),
                "unit": employee.org_unit_id,
            }
            have = {
                "status": got.status,
                "late": got.late_minutes,
                "early": got.early_minutes,
                "in": got.check_in_min,
                "out": got.check_out_min,
                "excuse": got.excuse_kind,
                "leave": got.leave_kind,
                "window": (got.expected_start_min, got.expected_end_min),
                "holiday": got.holiday,
                "count": got.punch_count,
                "unit": got.org_unit_id,
            }
            assert have == want, (employee.pk, day, window, sorted(punches[(employee.pk, day)]), excuses)
            checked += 1
    assert checked >= 400
    statuses = {d.status for d in days.values()}
    assert statuses >= {"off", "excused", "absent", "present", "late", "missing_check_out", "early_leave"}
