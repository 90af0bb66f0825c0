"""The demo regency's attendance: a closed month and the current one, up to this morning.

What a BKPSDM officer, an OPD head and an ASN see on first login (``make demo``):

- the calendar: the national holidays and cuti bersama of the year (``rules.holidays_id``), the default
  5-day schedule, a roster schedule with three shifts (morning, afternoon, night across midnight) for the
  RSUD and the puskesmas, whose staff rotate through them;
- a fingerprint device per OPD (ADMS serial numbers, one of them drifting), every employee's device PIN, and a
  geofence per OPD for the mobile check-in;
- punches from the first of last month to this morning, through ``punches_ingest`` as the devices would
  have pushed them (about 10 % of arrivals late, some early leaves and forgotten check-outs, about 1 %
  absent days), check-ins from phones at the kecamatan offices (three staff sharing one spot to the metre,
  one phone reporting a mock location), and punches for a PIN nobody has mapped yet;
- approved leave, sick days and duty travel, requests still waiting for their superior, and one morning of
  server outage that excuses everyone 07:00–08:30;
- the days derived and the months recapped; last month closed by BKPSDM; the anomaly flags raised.

Bulk rows (punches through the ingest service, excuses and rosters in bulk, consistent by construction)
are the demo's own business; derivation, recaps, the month close and anomaly detection are the real
services and jobs. Everything from one ``random.Random(seed)`` and the tenant's ``today``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import replace
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from pamong.attendance.choices import ExcuseKind, ExcuseStatus, PunchSource, ScheduleKind
from pamong.attendance.derive.calendar import schedule_days_rebuild, unit_schedule_spans, week_json
from pamong.attendance.models import (
    Device,
    DevicePin,
    Excuse,
    Geofence,
    Holiday,
    Outage,
    RosterEntry,
    ScheduleDay,
    Shift,
    UnitSchedule,
    WorkSchedule,
)
from pamong.attendance.rules.holidays_id import COVERED_YEARS, national_holidays
from pamong.attendance.rules.hours import FIVE_DAY_HOURS
from pamong.attendance.rules.workdays import dates_between
from pamong.attendance.services.punches import PunchIn, punches_ingest
from pamong.core.models import Tenant
from pamong.core.scope import SystemActor
from pamong.org.choices import OrgUnitKind
from pamong.org.models import OrgUnit
from pamong.people.models import Employee

#: The office square of the demo regency (a made-up point on Sulawesi, WITA).
CENTRE = (Decimal("-5.135000"), Decimal("119.420000"))
SHIFTS = (("P", "Pagi", (7, 0), (14, 0)), ("S", "Siang", (14, 0), (21, 0)), ("M", "Malam", (21, 0), (7, 0)))
UNMAPPED_PIN = "99001"
OUTAGE_NOTE = "Server presensi padam karena gangguan listrik di ruang server Diskominfo."


def _month_start(day: dt.date, back: int = 0) -> dt.date:
    year, month = day.year, day.month - back
    while month < 1:
        year, month = year - 1, month + 12
    return dt.date(year, month, 1)


def _opds(tenant: Tenant) -> list[OrgUnit]:
    root = OrgUnit.objects.get(tenant=tenant, parent__isnull=True)
    return list(OrgUnit.objects.filter(tenant=tenant, parent=root, closed_on__isnull=True).order_by("sort_order", "pk"))


def _calendar(tenant: Tenant, start: dt.date, end: dt.date) -> tuple[WorkSchedule, list[OrgUnit]]:
    holidays = [h for year in sorted(COVERED_YEARS) for h in national_holidays(year)]
    Holiday.objects.bulk_create(
        [Holiday(tenant=tenant, date=h.day, name=h.name, kind=str(h.kind), source=h.source) for h in holidays],
        ignore_conflicts=True,
    )
    WorkSchedule.objects.create(
        tenant=tenant, code="5HK", name="5 hari kerja", week=week_json(FIVE_DAY_HOURS), is_default=True
    )
    roster = WorkSchedule.objects.create(
        tenant=tenant, code="SHIFT", name="Dinas shift 24 jam", kind=ScheduleKind.ROSTER
    )
    for code, name, (h1, m1), (h2, m2) in SHIFTS:
        Shift.objects.create(tenant=tenant, code=code, name=name, start=dt.time(h1, m1), end=dt.time(h2, m2))
    shift_units = list(
        OrgUnit.objects.filter(tenant=tenant, closed_on__isnull=True).filter(
            kind__in=[OrgUnitKind.HOSPITAL, OrgUnitKind.UPT], name__iregex=r"(rumah sakit|rsud|puskesmas)"
        )
    )
    UnitSchedule.objects.bulk_create(
        [
            UnitSchedule(tenant=tenant, org_unit=unit, schedule=roster, valid_from=dt.date(start.year, 1, 1))
            for unit in shift_units
        ]
    )
    schedule_days_rebuild(tenant_id=tenant.pk, start=start, end=end + dt.timedelta(days=45))
    return roster, shift_units


def _devices(tenant: Tenant, opds: list[OrgUnit], rng: random.Random, now: dt.datetime) -> dict[int, Device]:
    rows = [
        Device(
            tenant=tenant,
            org_unit=unit,
            serial_number=f"TB{tenant.pk:02d}{i:04d}",
            name=f"Mesin sidik jari {unit.short_name or unit.name}"[:120],
            location="Lobi kantor",
            last_seen_at=now - dt.timedelta(minutes=rng.randrange(1, 20)),
            firmware="ZKTeco ADMS Ver 2.4.1",
            clock_drift_seconds=rng.randrange(-20, 20),
        )
        for i, unit in enumerate(opds, start=1)
    ]
    rows[min(3, len(rows) - 1)].clock_drift_seconds = 412  # a device whose clock runs 7 minutes fast
    rows[min(3, len(rows) - 1)].drift_flagged = True
    Device.objects.bulk_create(rows)
    return {d.org_unit_id: d for d in Device.objects.filter(tenant=tenant)}


def _opd_of(path: str, opd_paths: dict[str, int]) -> int | None:
    for opd_path, unit_id in opd_paths.items():
        if path.startswith(opd_path):
            return unit_id
    return None


def attendance_story(tenant: Tenant, *, today: dt.date, seed: int) -> dict[str, int]:
    """Write the attendance story of ``tenant`` as on ``today``; return the counts the seed command prints."""
    rng = random.Random(seed * 7 + 4)
    zone = tenant.zone
    now = timezone.now()
    local_now = timezone.localtime(now, zone).replace(tzinfo=None)
    start = _month_start(today, back=1)
    closed_month = (start.year, start.month)
    yesterday = today - dt.timedelta(days=1)
    system = SystemActor(tenant_id=tenant.pk, label="demo_seed")

    with transaction.atomic():
        roster, shift_units = _calendar(tenant, start, today)
        opds = _opds(tenant)
        devices = _devices(tenant, opds, rng, now)
        opd_paths = {u.path: u.pk for u in opds}
        staff = list(
            Employee.objects.filter(tenant=tenant, is_active=True)
            .order_by("pk")
            .values_list("pk", "nip", "org_unit_id", "org_unit__path")
        )
        DevicePin.objects.bulk_create(
            [DevicePin(tenant=tenant, employee_id=pk, pin=f"{10000 + i}") for i, (pk, *_r) in enumerate(staff)]
        )
        pins = {pk: f"{10000 + i}" for i, (pk, *_r) in enumerate(staff)}
        Geofence.objects.bulk_create(
            [
                Geofence(
                    tenant=tenant,
                    org_unit=unit,
                    name=f"Kantor {unit.short_name or unit.name}"[:120],
                    latitude=CENTRE[0] + Decimal(i % 9) / Decimal(1000),
                    longitude=CENTRE[1] + Decimal(i // 9) / Decimal(1000),
                    radius_m=150,
                )
                for i, unit in enumerate(opds)
            ]
        )

    spans = unit_schedule_spans(tenant_id=tenant.pk, start=start, end=today)
    schedule_of = {s.unit_id: s.schedule_id for s in spans}
    windows: dict[tuple[int, dt.date], tuple[int | None, int | None]] = {
        (sid, day): (a, b)
        for sid, day, a, b in ScheduleDay.objects.filter(tenant=tenant, date__gte=start, date__lte=today)
        .exclude(start_min__isnull=True)
        .values_list("schedule_id", "date", "start_min", "end_min")
    }
    shift_unit_ids = {u.pk for u in shift_units}
    days = list(dates_between(start, today))

    # Excuses first (their days get no punches): ~2 % on leave, ~1 % sick, ~1 % on duty travel.
    excused: set[tuple[int, dt.date]] = set()
    excuses: list[Excuse] = []
    for pk, _nip, unit_id, _path in rng.sample(staff, k=max(1, len(staff) * 4 // 100)):
        schedule = schedule_of.get(unit_id)
        work = [d for d in days if d < today and (schedule, d) in windows]
        if len(work) < 4:
            continue
        first = rng.randrange(len(work) - 3)
        kind = rng.choices([ExcuseKind.LEAVE, ExcuseKind.SICK, ExcuseKind.DUTY_TRAVEL], weights=[2, 1, 1])[0]
        span = work[first : first + rng.choice((1, 2, 3))]
        excuses.append(
            Excuse(
                tenant=tenant,
                employee_id=pk,
                kind=kind,
                leave_kind="tahunan" if kind == ExcuseKind.LEAVE else "",
                starts_on=span[0],
                ends_on=span[-1],
                working_days=len(span),
                reason={
                    ExcuseKind.LEAVE: "Cuti tahunan: keperluan keluarga.",
                    ExcuseKind.SICK: "Sakit, surat keterangan dokter terlampir.",
                    ExcuseKind.DUTY_TRAVEL: "Dinas luar: rapat koordinasi di ibu kota provinsi (SPT terlampir).",
                }[kind],
                status=ExcuseStatus.APPROVED,
                decided_at=now,
            )
        )
        excused.update((pk, d) for d in span)
    pending = rng.sample(staff, k=min(12, len(staff)))
    for pk, _nip, _unit, _path in pending:
        day = today + dt.timedelta(days=rng.randrange(2, 10))
        excuses.append(
            Excuse(
                tenant=tenant,
                employee_id=pk,
                kind=ExcuseKind.LEAVE,
                leave_kind="tahunan",
                starts_on=day,
                ends_on=day,
                working_days=1,
                reason="Cuti tahunan: menghadiri wisuda anak.",
                status=ExcuseStatus.REQUESTED,
            )
        )
    Excuse.objects.bulk_create(excuses)

    # One morning of server outage this month (the second working Monday): everyone excused 07:00–08:30.
    mondays = [d for d in days if d.weekday() == 0 and d.month == today.month and d < today]
    outage_day = mondays[1] if len(mondays) > 1 else (mondays[0] if mondays else None)
    if outage_day is not None:
        Outage.objects.create(
            tenant=tenant, date=outage_day, start_time=dt.time(7, 0), end_time=dt.time(8, 30), reason=OUTAGE_NOTE
        )

    # Roster: staff of shift units rotate P, S, M, off, off.
    cycle = ["P", "S", "M", None, None]
    shift_ids = dict(Shift.objects.filter(tenant=tenant).values_list("code", "pk"))
    shift_times = {code: (h1 * 60 + m1, h2 * 60 + m2) for code, _n, (h1, m1), (h2, m2) in SHIFTS}
    rostered: dict[tuple[int, dt.date], str | None] = {}
    roster_rows = []
    for i, (pk, _nip, unit_id, _path) in enumerate(staff):
        if unit_id not in shift_unit_ids:
            continue
        for j, day in enumerate(dates_between(start, today + dt.timedelta(days=14))):
            code = cycle[(i + j) % len(cycle)]
            rostered[(pk, day)] = code
            roster_rows.append(
                RosterEntry(tenant=tenant, employee_id=pk, date=day, shift_id=shift_ids[code] if code else None)
            )
    RosterEntry.objects.bulk_create(roster_rows, batch_size=2000)

    # Punches per device (the OPD's machine), as pushed; phones at the kecamatan offices.
    by_device: dict[int, list[PunchIn]] = {}
    mobile: list[tuple[int, PunchIn]] = []
    counts: Counter[str] = Counter()
    for pk, _nip, unit_id, path in staff:
        opd_id = _opd_of(path, opd_paths)
        device = devices.get(opd_id) if opd_id else None
        if device is None:
            continue
        on_phone = device.org_unit.kind == OrgUnitKind.KECAMATAN and rng.random() < 0.15
        for day in days:
            if (pk, day) in excused:
                continue
            if unit_id in shift_unit_ids:
                code = rostered.get((pk, day))
                if not code:
                    continue
                begin, end = shift_times[code]
                if end <= begin:
                    end += 24 * 60
            else:
                schedule_id = schedule_of.get(unit_id)
                window = windows.get((schedule_id, day)) if schedule_id is not None else None
                if window is None or window[0] is None or window[1] is None:
                    continue
                begin, end = window[0], window[1]
            if rng.random() < 0.01:  # rare enough that a few staff, not hundreds, reach the discipline ladder
                counts["absent_days"] += 1
                continue
            late = rng.random() < 0.10
            minute_in = begin + 1 + rng.randrange(75) if late else begin - 40 + rng.randrange(40)
            forgot_out = rng.random() < 0.02
            minute_out = end - 5 - rng.randrange(90) if rng.random() < 0.05 else end + rng.randrange(80)
            marks = [(minute_in, 0)] if forgot_out else [(minute_in, 0), (minute_out, 1)]
            for minute, status in marks:
                at = dt.datetime(day.year, day.month, day.day) + dt.timedelta(minutes=minute, seconds=rng.randrange(60))
                if at > local_now:
                    continue
                if on_phone:
                    # GPS readings scatter over the office grounds (±1,300 µ° ≈ ±145 m).
                    lat = CENTRE[0] + Decimal(rng.randrange(-1300, 1300)) / Decimal(1_000_000)
                    lon = CENTRE[1] + Decimal(rng.randrange(-1300, 1300)) / Decimal(1_000_000)
                    mobile.append(
                        (
                            pk,
                            PunchIn(
                                punched_at=at,
                                natural_key=f"web|{pk}|demo-{day:%Y%m%d}-{status}",
                                employee_id=pk,
                                latitude=lat,
                                longitude=lon,
                                accuracy_m=rng.randrange(5, 40),
                                client_device=f"demo-phone-{pk}",
                            ),
                        )
                    )
                    continue
                key = f"{device.serial_number}|{pins[pk]}|{at:%Y-%m-%d %H:%M:%S}|{status}"
                line = f"{pins[pk]}\t{at:%Y-%m-%d %H:%M:%S}\t{status}\t1\t0\t0"
                by_device.setdefault(device.pk, []).append(
                    PunchIn(punched_at=at, natural_key=key, pin=pins[pk], status=status, verify=1, raw=line)
                )
    # Three kecamatan staff check in from one spot, to the metre, and one phone reports a mock location.
    if mobile:
        shared = sorted({pk for pk, _p in mobile})[:3]
        rebuilt: list[tuple[int, PunchIn]] = []
        for pk, p in mobile:
            if pk in shared:
                p = replace(p, latitude=Decimal("-5.135555"), longitude=Decimal("119.421111"))
            elif pk == max(pk2 for pk2, _x in mobile):
                p = replace(p, is_mock=True)
            rebuilt.append((pk, p))
        mobile = rebuilt

    device_rows = {d.pk: d for d in devices.values()}
    for device_id, punches in by_device.items():
        if device_id == next(iter(by_device)):
            at = dt.datetime.combine(yesterday, dt.time(7, 12))
            punches.append(
                PunchIn(
                    punched_at=at,
                    natural_key=f"{device_rows[device_id].serial_number}|{UNMAPPED_PIN}|{at:%Y-%m-%d %H:%M:%S}|0",
                    pin=UNMAPPED_PIN,
                    raw=f"{UNMAPPED_PIN}\t{at:%Y-%m-%d %H:%M:%S}\t0\t1\t0\t0",
                )
            )
        device = device_rows[device_id]
        result = punches_ingest(
            actor=SystemActor(tenant_id=tenant.pk, label=f"device:{device.serial_number}"),
            tenant_id=tenant.pk,
            source=PunchSource.DEVICE,
            punches=punches,
            device=device,
            now=now,
        )
        counts["punches"] += result.accepted
        counts["unmatched"] += result.unmatched
    by_employee: dict[int, list[PunchIn]] = {}
    for pk, p in mobile:
        by_employee.setdefault(pk, []).append(p)
    for punches in by_employee.values():
        # The check-in page's path writes through the same ingest, as the employee; here as the system.
        result = punches_ingest(
            actor=system, tenant_id=tenant.pk, source=PunchSource.MOBILE, punches=punches, now=now, record_batch=False
        )
        counts["punches"] += result.accepted
        counts["mobile_punches"] += result.accepted

    counts.update(_derive_and_close(tenant, system, start=start, yesterday=yesterday, closed=closed_month))
    counts["excuses"] = len(excuses)
    counts["excuses_waiting"] = len(pending)
    counts["devices"] = len(devices)
    return dict(counts)


def _derive_and_close(
    tenant: Tenant, system: SystemActor, *, start: dt.date, yesterday: dt.date, closed: tuple[int, int]
) -> dict[str, int]:
    """The nightly jobs as they would have run: days, recaps, last month closed by BKPSDM, anomalies."""
    from pamong.attendance.derive.days import derive_days
    from pamong.attendance.derive.recap import recap_month
    from pamong.attendance.models import Anomaly, AttendanceDay, DirtyDay
    from pamong.attendance.services.months import month_close

    out: dict[str, int] = {}
    this_month = _month_start(yesterday)
    with transaction.atomic():
        # Closing last month derives and recaps it first; then this month up to yesterday, as the nightly job.
        month_close(actor=system, tenant_id=tenant.pk, year=closed[0], month=closed[1], note="Rekap final untuk TPP.")
        out["days"] = derive_days(tenant_id=tenant.pk, start=this_month, end=yesterday)
        recap_month(tenant_id=tenant.pk, year=this_month.year, month=this_month.month)
        DirtyDay.objects.filter(tenant_id=tenant.pk).delete()
        out["days"] = AttendanceDay.objects.filter(tenant_id=tenant.pk).count()
    try:
        from pamong.attendance.services.anomalies import anomalies_detect
    except ImportError:  # pragma: no cover - the anomaly service ships with the check-in work
        return out
    for day in dates_between(yesterday - dt.timedelta(days=6), yesterday):
        anomalies_detect(actor=system, tenant_id=tenant.pk, day=day)
    out["anomalies"] = Anomaly.objects.filter(tenant_id=tenant.pk).count()
    return out
