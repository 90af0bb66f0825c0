"""Helpers of the supervision tests (no tests here): an October of attendance recapped for real, a case and a
warning in it, and the dates around the report's due day.

October 2026 in the cast: Citra (ASN, Bidang Pembinaan SD under Dinas Pendidikan) is absent on 8 and 9 October,
late 40 minutes on the 5th and 25 minutes on the 6th, sick on the 7th (excused); Budi (Kepala Dinas
Pendidikan) is late 30 minutes on the 12th and on duty travel on the 13th; Dewi (Dinas Kesehatan) is absent on
the 14th. The recap is built by ``recap_month`` from those day rows, as the nightly job would.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from pamong.attendance.choices import DayStatusChoice
from pamong.attendance.derive.recap import recap_month
from pamong.attendance.models import AttendanceDay
from pamong.attendance.partitions import ensure_month_partitions
from pamong.discipline.models import Case, Warning

YEAR, MONTH = 2026, 10
DUE = dt.date(2026, 11, 10)  # report_due_day 10 of the following month
PREPARED = dt.date(2026, 11, 2)
ON_TIME = dt.date(2026, 11, 5)
LATE = dt.date(2026, 11, 12)
SUMMARY_DAY = dt.date(2026, 11, 14)
WITA = ZoneInfo("Asia/Makassar")


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    """A moment of ``day`` in the cast's zone (Kabupaten Uji is WITA)."""
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=WITA)


def _days(employee, **special):
    rows, now = [], timezone.now()
    for day in range(1, 32):
        date = dt.date(YEAR, MONTH, day)
        kw: dict[str, object] = {}
        if date.weekday() >= 5:
            status = DayStatusChoice.OFF
        elif day in special.get("absent", ()):
            status = DayStatusChoice.ABSENT
        elif day in special.get("late", {}):
            status = DayStatusChoice.LATE
            kw["late_minutes"] = special["late"][day]
        elif day in special.get("excused", {}):
            status = DayStatusChoice.EXCUSED
            kw["excuse_kind"] = special["excused"][day]
        else:
            status = DayStatusChoice.PRESENT
        rows.append(
            AttendanceDay(
                tenant_id=employee.tenant_id,
                employee_id=employee.pk,
                org_unit_id=employee.org_unit_id,
                date=date,
                status=status,
                computed_at=now,
                **kw,
            )
        )
    return rows


def build_october(cast):
    ensure_month_partitions("attendance_attendanceday", [dt.date(YEAR, MONTH, 1)])
    e = cast.employees
    AttendanceDay.objects.bulk_create(
        _days(e["asn"], absent=(8, 9), late={5: 40, 6: 25}, excused={7: "sick"})
        + _days(e["kepala_opd"], late={12: 30}, excused={13: "duty_travel"})
        + _days(e["asn_other_opd"], absent=(14,))
    )
    recap_month(tenant_id=cast.tenant.pk, year=YEAR, month=MONTH)
    case = Case.objects.create(
        tenant=cast.tenant,
        number="KD/2026/0001",
        employee=e["asn"],
        org_unit=e["asn"].org_unit,
        origin="manual",
        level="ringan",
        summary="Tidak masuk kerja dua hari tanpa keterangan.",
        opened_on=dt.date(YEAR, MONTH, 20),
        opened_by=cast.users["kepala_opd"],
    )
    warning = Warning.objects.create(
        tenant=cast.tenant,
        employee=e["asn"],
        org_unit=e["asn"].org_unit,
        year=YEAR,
        kind="band",
        sanction="R1",
        total_days=3,
        raised_on=dt.date(YEAR, MONTH, 10),
        due_on=dt.date(YEAR, MONTH, 17),
    )
    cast.october_case, cast.october_warning = case, warning
    return cast
