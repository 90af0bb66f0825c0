"""What an excuse request is checked against: the employee's working days, the leave quota, overlaps,
closed months and the supporting document. Loaded in a fixed number of queries, decided by the pure rules
(``rules.workdays``, ``rules.leave``); each refusal is a ``ValidationFailed`` naming the field to fix.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.utils.translation import gettext as _

from pamong.core.errors import ValidationFailed
from pamong.core.i18n import localized
from pamong.core.models import Tenant
from pamong.people.choices import GenderChoice
from pamong.people.models import Employee
from pamong.reports.choices import EvidenceContentType
from pamong.reports.evidence_files import check_evidence, check_name, check_size

from ..choices import ExcuseKind, ExcuseStatus, ScheduleKind
from ..models import Excuse, MonthClose, RosterEntry, WorkSchedule
from ..rules.errors import CalendarError, LeaveRuleError
from ..rules.leave import LEAVE_RULES, DayUnit, LeaveKind, check_leave_request
from ..rules.workdays import FIVE_DAY_WEEK, WorkWeek, dates_between, is_working_day
from ..selectors.leave_balance import HOLDING, carried_days, leave_rows
from ..tenant_settings import attendance_settings

#: Largest supporting document accepted (a scanned letter or a photo of it).
DOCUMENT_MAX_BYTES = 5 * 1024 * 1024
#: A supporting document is a PDF or a picture; office files are not accepted here.
DOCUMENT_TYPES = frozenset({EvidenceContentType.PDF, EvidenceContentType.JPEG, EvidenceContentType.PNG})
#: Kinds that may cover part of one day (a window start–end on a single date).
PART_DAY_KINDS = frozenset({ExcuseKind.PERMIT, ExcuseKind.DUTY_TRAVEL, ExcuseKind.DISPENSATION})


def invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, field_errors={field: [message]})


def _week_of(stored: Any) -> WorkWeek | None:
    """The weekdays a stored ``WorkSchedule.week`` works (None: it works no day)."""
    days = [i for i, entry in enumerate(stored or ()) if isinstance(entry, dict) and entry.get("start")]
    return WorkWeek.of(*days) if days else None


def working_dates(*, tenant: Tenant, employee: Employee, start: dt.date, end: dt.date) -> list[dt.date]:
    """The employee's working days from ``start`` to ``end``: the unit's schedule (or roster), less holidays.

    A unit without any schedule (none of its own, no ancestor's, no default) works the Perpres 21/2023
    five-day week.
    """
    from ..derive.calendar import holiday_calendar, unit_schedule_spans

    settings = attendance_settings(tenant)
    calendar = holiday_calendar(tenant_id=tenant.pk, years=range(start.year, end.year + 1))
    spans = [
        s for s in unit_schedule_spans(tenant_id=tenant.pk, start=start, end=end) if s.unit_id == employee.org_unit_id
    ]
    weeks = {
        pk: _week_of(week)
        for pk, week in WorkSchedule.objects.filter(pk__in={s.schedule_id for s in spans}).values_list("pk", "week")
    }
    rostered: set[dt.date] = set()
    if any(s.kind == ScheduleKind.ROSTER for s in spans):
        rostered = set(
            RosterEntry.objects.filter(
                tenant_id=tenant.pk, employee=employee, date__gte=start, date__lte=end, shift__isnull=False
            ).values_list("date", flat=True)
        )
    result = []
    for day in dates_between(start, end):
        span = next((s for s in spans if s.starts_on <= day <= s.ends_on), None)
        if span is not None and span.kind == ScheduleKind.ROSTER:
            if day in rostered:  # a rostered shift is worked even on a public holiday
                result.append(day)
            continue
        week = weeks.get(span.schedule_id) if span is not None else FIVE_DAY_WEEK
        if week is None:
            continue
        try:
            works = is_working_day(
                day, week, calendar, cuti_bersama_counts_as_holiday=settings.cuti_bersama_counts_as_holiday
            )
        except CalendarError as exc:
            raise invalid("starts_on", localized(exc)) from exc
        if works:
            result.append(day)
    return result


def check_not_closed(*, tenant_id: int, start: dt.date, end: dt.date, field: str = "starts_on") -> None:
    """Refuse dates in a closed month (the recap is final; a correction goes through BKPSDM)."""
    months = {(d.year, d.month) for d in (start, end)}
    months |= {(d.year, d.month) for d in dates_between(start, end) if d.day == 1}
    closed = sorted(
        (y, m)
        for y, m in MonthClose.objects.filter(tenant_id=tenant_id, year__in={y for y, _m in months}).values_list(
            "year", "month"
        )
        if (y, m) in months
    )
    if closed:
        year, month = closed[0]
        raise invalid(
            field,
            _("Bulan %(month)s sudah ditutup; keterangan untuk bulan itu diajukan sebagai koreksi rekap ke BKPSDM.")
            % {"month": f"{month:02d}/{year}"},
        )


def check_no_overlap(
    *,
    employee: Employee,
    start: dt.date,
    end: dt.date,
    start_time: dt.time | None,
    end_time: dt.time | None,
    exclude_pk: int | None = None,
) -> None:
    """Refuse a range that overlaps a requested or approved excuse of the same employee.

    Two part-day windows on the same date overlap only if their hours do.
    """
    rows = Excuse.objects.filter(
        tenant_id=employee.tenant_id, employee=employee, status__in=HOLDING, starts_on__lte=end, ends_on__gte=start
    )
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    for other in rows.only("pk", "kind", "starts_on", "ends_on", "start_time", "end_time", "status"):
        both_windows = None not in (start_time, end_time, other.start_time, other.end_time)
        if both_windows and not (start_time < other.end_time and other.start_time < end_time):
            continue
        raise invalid(
            "starts_on",
            _(
                "Tanggal ini bertumpang tindih dengan keterangan %(kind)s %(start)s–%(end)s yang %(status)s; "
                "batalkan yang itu dulu atau pilih tanggal lain."
            )
            % {
                "kind": ExcuseKind(other.kind).label,
                "start": other.starts_on.strftime("%d/%m/%Y"),
                "end": other.ends_on.strftime("%d/%m/%Y"),
                "status": ExcuseStatus(other.status).label.lower(),
            },
        )


def service_years(employee: Employee, on: dt.date) -> int:
    """Whole years of service from the appointment (TMT CPNS; month 1 if unknown) to ``on``."""
    month = employee.appointment_month or 1
    years = on.year - employee.appointment_year
    if (on.month, on.day) < (month, 1):
        years -= 1
    return max(years, 0)


@dataclass(frozen=True, slots=True)
class LeaveFlags:
    """Facts a leave kind needs besides the dates (given by the requester)."""

    child_number: int | None = None
    religious_duty: bool = False
    miscarriage: bool = False
    work_accident: bool = False


def check_leave(
    *,
    employee: Employee,
    leave_kind: str,
    start: dt.date,
    end: dt.date,
    working_days: int,
    flags: LeaveFlags,
    exclude_pk: int | None = None,
) -> None:
    """Refuse a leave request the PP 11/2017 quota does not allow (``rules.leave.check_leave_request``).

    What the year already holds counts approved **and** pending requests of the same kind (a pending request
    reserves its days, so two requests cannot together pass the quota). Cuti tahunan is counted in working
    days and is requested within one calendar year; the other kinds in calendar days.
    """
    try:
        kind = LeaveKind(leave_kind)
    except ValueError:
        raise invalid("leave_kind", _("Pilih jenis cuti.")) from None
    if kind is LeaveKind.MELAHIRKAN and employee.gender == GenderChoice.MALE:
        raise invalid("leave_kind", _("Cuti melahirkan hanya untuk pegawai perempuan."))
    rule = LEAVE_RULES[kind]
    if rule.unit is DayUnit.WORKING and start.year != end.year:
        raise invalid("ends_on", _("Cuti tahunan diajukan per tahun: pisahkan permintaan di pergantian tahun."))
    rows = leave_rows(employee, start.year, exclude_pk)
    same = [r for r in rows if r[0] == kind]
    if rule.unit is DayUnit.WORKING:
        requested, taken = working_days, sum(r[4] for r in same)
    else:
        requested = (end - start).days + 1
        taken = sum((r[3] - r[2]).days + 1 for r in same)
    try:
        decision = check_leave_request(
            kind,
            requested,
            taken_this_year=taken,
            carried_over=carried_days(employee, start.year) if kind is LeaveKind.TAHUNAN else 0,
            service_years=service_years(employee, start),
            cuti_besar_taken_this_year=any(r[0] == LeaveKind.BESAR for r in rows),
            religious_duty=flags.religious_duty,
            child_number=flags.child_number,
            miscarriage=flags.miscarriage,
            work_accident=flags.work_accident,
        )
    except LeaveRuleError as exc:
        field = "child_number" if exc.field == "child_number" else "leave_kind"
        raise invalid(field, localized(exc)) from exc
    if not decision.allowed:
        raise invalid("leave_kind", localized(decision))


def check_document(document: Any) -> tuple[str, bytes]:
    """The clean name and bytes of a supporting document: PDF, JPEG or PNG by content, at most 5 MB."""
    name = PurePath(str(getattr(document, "name", "") or "")).name
    try:
        promised = check_name(name)
        if promised not in DOCUMENT_TYPES:
            raise invalid("document", _("Dokumen pendukung harus berkas PDF, JPG atau PNG."))
        check_size(getattr(document, "size", 0) or 0, DOCUMENT_MAX_BYTES)
        document.seek(0)
        content = document.read()
        check_evidence(name, content, DOCUMENT_MAX_BYTES)
    except ValidationFailed as exc:
        messages = [m for ms in exc.field_errors.values() for m in ms] or [exc.message]
        raise ValidationFailed(messages[0], field_errors={"document": messages}) from exc
    return name, content
