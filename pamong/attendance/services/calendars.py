"""Calendars: work schedules, the schedule each unit works, and dated overrides (Ramadan).

Every write here is BKPSDM's (``attendance.manage`` over the whole tenant, or over the unit for a unit
schedule). Each one validates through the pure rules (``rules.hours``: the week, the Perpres 21/2023 weekly
minimum, overlapping overrides), writes, records one audit event, then re-materialises the affected
``ScheduleDay`` rows (``derive.calendar.schedule_days_rebuild``) and queues the past employee-days of open
months for derivation (``derive.dirty.mark_units_dirty``). Closed months are never touched: their recaps
are final (ADR 0029).

Dates are the tenant's own (``Tenant.today()``: WIB, WITA or WIT).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from pamong.access.roles import ATTENDANCE_MANAGE, ATTENDANCE_VIEW
from pamong.core import audit
from pamong.core.authz import authorize_at, require_tenant
from pamong.core.errors import Conflict, NotFoundError, ValidationFailed
from pamong.core.i18n import localized
from pamong.core.models import Tenant
from pamong.org.models import OrgUnit

from ..choices import ScheduleKind
from ..models import MonthClose, ScheduleOverride, UnitSchedule, WorkSchedule
from ..rules.errors import AttendanceRuleError
from ..rules.hours import (
    RAMADAN_WEEKLY_MINUTES,
    DayHours,
    WeekSchedule,
    check_overrides,
    check_weekly_minimum,
)
from ..rules.hours import ScheduleOverride as RuleOverride
from ..rules.workdays import WEEKDAYS_ID

SCHEDULE_FIELDS = ("code", "name", "kind", "week", "checks", "is_default", "is_active")
OVERRIDE_FIELDS = ("name", "schedule", "starts_on", "ends_on", "week")
UNIT_SCHEDULE_FIELDS = ("org_unit", "schedule", "valid_from", "valid_to")

#: How far ahead ScheduleDay is kept materialised: to the end of the year after today's.
_AHEAD_YEARS = 1
#: How far back a calendar change reaches (a USB file of last month): the first day of the month this many days ago.
_BACK_DAYS = 62

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


# -- shared helpers (also used by the holiday and roster services) ----------------------------------------


def manage_tenant(actor: Any, *, denied: str = "") -> Tenant:
    """The actor's tenant, once ``attendance.manage`` over the whole tenant is checked (404 / 403 split)."""
    tenant_id = require_tenant(actor)
    authorize_at(
        actor,
        ATTENDANCE_MANAGE,
        tenant_id=tenant_id,
        path=None,
        visible_action=ATTENDANCE_VIEW,
        denied=denied or _("Hanya admin presensi BKPSDM yang dapat mengubah kalender kerja."),
    )
    return Tenant.objects.get(pk=tenant_id)


def rule_failed(exc: AttendanceRuleError, field: str, prefix: str = "") -> ValidationFailed:
    """A rules error as ``ValidationFailed`` on ``field`` (the message in the active language)."""
    message = f"{prefix}{localized(exc)}"
    return ValidationFailed(message, field_errors={field: [message]})


def rebuild_window(tenant: Tenant) -> tuple[dt.date, dt.date]:
    """The dates whose ``ScheduleDay`` rows a calendar change rebuilds: recent open months to next year's end.

    It starts at the first day of the month ``_BACK_DAYS`` ago, or after the latest closed month if that is
    later, so a closed month keeps the expectations its final recaps were derived from.
    """
    today = tenant.today()
    back = today - dt.timedelta(days=_BACK_DAYS)
    start = back.replace(day=1)
    last = MonthClose.objects.filter(tenant_id=tenant.pk).order_by("-year", "-month").values_list("year", "month")
    closed = last.first()
    if closed is not None:
        year, month = closed
        after = dt.date(year + (month == 12), month % 12 + 1, 1)
        start = max(start, after)
    return start, dt.date(today.year + _AHEAD_YEARS, 12, 31)


def closed_months(tenant_id: int, days: Iterable[dt.date]) -> list[tuple[int, int]]:
    """The (year, month) of ``days`` that are closed, sorted."""
    months = {(d.year, d.month) for d in days}
    if not months:
        return []
    rows = MonthClose.objects.filter(tenant_id=tenant_id, year__in={y for y, _m in months}).values_list("year", "month")
    return sorted(m for m in rows if m in months)


def enqueue_recompute(tenant_id: int) -> None:
    """Derive the queued days after the commit (the task empties the queue; running it twice is harmless)."""
    from ..tasks import days_recompute_dirty

    transaction.on_commit(lambda: days_recompute_dirty.enqueue(tenant_id))


def calendar_changed(
    tenant: Tenant, *, start: dt.date, end: dt.date, unit_paths: Sequence[str | None] = (None,)
) -> None:
    """Rebuild ScheduleDay over ``start``–``end`` (within the window) and queue the past days of ``unit_paths``.

    ``None`` in ``unit_paths`` means every unit of the tenant.
    """
    from ..derive.calendar import schedule_days_rebuild
    from ..derive.dirty import mark_units_dirty

    low, high = rebuild_window(tenant)
    first, last = max(start, low), min(end, high)
    if first <= last:
        schedule_days_rebuild(tenant_id=tenant.pk, start=first, end=last)
    today = tenant.today()
    queued = 0
    past_end = min(end, today - dt.timedelta(days=1))
    if start <= past_end:
        paths: list[str | None] = [None] if None in unit_paths else [*sorted({p for p in unit_paths if p})]
        for path in paths:
            queued += mark_units_dirty(tenant_id=tenant.pk, unit_path=path, start=start, end=past_end)
    if queued:
        enqueue_recompute(tenant.pk)


# -- weeks and check windows -------------------------------------------------------------------------------


def _time(text: Any, field: str, label: str) -> dt.time | None:
    if text in (None, ""):
        return None
    if isinstance(text, dt.time):
        return text.replace(second=0, microsecond=0)
    value = str(text).strip()
    if not _HHMM.match(value):
        message = _("%(label)s: jam %(value)s tidak dikenal; tulis JJ:MM, mis. 07:30.") % {
            "label": label,
            "value": value,
        }
        raise ValidationFailed(message, field_errors={field: [message]})
    hours, minutes = value.split(":")
    return dt.time(int(hours), int(minutes))


def parse_week(week: Any, *, field: str = "week") -> WeekSchedule:
    """A stored or submitted week (seven entries, Monday first, ``None`` = day off) as the rules' WeekSchedule.

    Each day is checked on its own, so the message names the day (``Senin: Jam pulang ... harus setelah ...``).
    """
    if not isinstance(week, Sequence) or isinstance(week, str) or len(week) != 7:
        message = _("Jam kerja harus memuat tujuh hari, Senin sampai Minggu.")
        raise ValidationFailed(message, field_errors={field: [message]})
    days: list[DayHours | None] = []
    for index, entry in enumerate(week):
        label = WEEKDAYS_ID[index]
        if not entry:
            days.append(None)
            continue
        if not isinstance(entry, Mapping):
            message = _("%(day)s: isi jam kerja tidak dikenal.") % {"day": label}
            raise ValidationFailed(message, field_errors={field: [message]})
        start = _time(entry.get("start"), field, label)
        end = _time(entry.get("end"), field, label)
        if start is None or end is None:
            message = _("%(day)s: isi jam masuk dan jam pulang, atau tandai sebagai hari libur.") % {"day": label}
            raise ValidationFailed(message, field_errors={field: [message]})
        try:
            days.append(
                DayHours(
                    start,
                    end,
                    _time(entry.get("break_start"), field, label),
                    _time(entry.get("break_end"), field, label),
                )
            )
        except AttendanceRuleError as exc:
            raise rule_failed(exc, field, prefix=f"{label}: ") from exc
    try:
        return WeekSchedule(tuple(days))
    except AttendanceRuleError as exc:
        raise rule_failed(exc, field) from exc


def week_for_storage(schedule: WeekSchedule) -> list[dict[str, str | None] | None]:
    from ..derive.calendar import week_json

    return week_json(schedule)


def clean_checks(checks: Any) -> list[dict[str, Any]]:
    """Validate the extra check windows (apel): name, weekdays 0–6 (Monday 0), start before end."""
    if checks in (None, ""):
        return []
    if not isinstance(checks, Sequence) or isinstance(checks, str):
        message = _("Presensi tambahan harus berupa daftar.")
        raise ValidationFailed(message, field_errors={"checks": [message]})
    cleaned: list[dict[str, Any]] = []
    for number, item in enumerate(checks, start=1):
        label = _("Presensi tambahan %(n)d") % {"n": number}
        if not isinstance(item, Mapping):
            message = _("%(label)s: isi tidak dikenal.") % {"label": label}
            raise ValidationFailed(message, field_errors={"checks": [message]})
        name = str(item.get("name") or "").strip()
        weekdays = item.get("weekdays") or []
        if not name or len(name) > 80:
            message = _("%(label)s: nama wajib diisi (paling banyak 80 huruf).") % {"label": label}
            raise ValidationFailed(message, field_errors={"checks": [message]})
        if (
            not isinstance(weekdays, Sequence)
            or isinstance(weekdays, str)
            or not weekdays
            or any(isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= 6 for d in weekdays)
        ):
            message = _("%(label)s: hari ditulis 0 (Senin) sampai 6 (Minggu), setidaknya satu.") % {"label": name}
            raise ValidationFailed(message, field_errors={"checks": [message]})
        start = _time(item.get("start"), "checks", name)
        end = _time(item.get("end"), "checks", name)
        if start is None or end is None or end <= start:
            message = _("%(label)s: jam selesai harus setelah jam mulai.") % {"label": name}
            raise ValidationFailed(message, field_errors={"checks": [message]})
        cleaned.append(
            {"name": name, "weekdays": sorted(set(weekdays)), "start": f"{start:%H:%M}", "end": f"{end:%H:%M}"}
        )
    return cleaned


# -- work schedules ----------------------------------------------------------------------------------------


def _checked_week(kind: str, week: Any) -> list[dict[str, str | None] | None]:
    if kind == ScheduleKind.ROSTER:
        return []  # each day's shift comes from the roster
    schedule = parse_week(week)
    try:
        check_weekly_minimum(schedule)
    except AttendanceRuleError as exc:
        raise rule_failed(exc, "week") from exc
    return week_for_storage(schedule)


def _in_use_paths(schedule: WorkSchedule) -> list[str | None]:
    if schedule.is_default:
        return [None]
    return list(UnitSchedule.objects.filter(schedule=schedule).values_list("org_unit__path", flat=True).distinct())


@transaction.atomic
def schedule_create(
    *,
    actor: Any,
    code: str,
    name: str,
    kind: str = ScheduleKind.FIXED_WEEK,
    week: Any = None,
    checks: Any = (),
    is_default: bool = False,
) -> WorkSchedule:
    """A new work schedule; a fixed week must meet 37.5 hours (Perpres 21/2023), a roster has no week."""
    tenant = manage_tenant(actor)
    code, name = code.strip(), name.strip()
    errors: dict[str, list[str]] = {}
    if not _CODE.match(code):
        errors["code"] = [_("Kode 1–32 huruf, angka, titik, garis bawah atau tanda hubung, mis. 5HK.")]
    if not name:
        errors["name"] = [_("Nama jadwal wajib diisi.")]
    if kind not in ScheduleKind.values:
        errors["kind"] = [_("Jenis jadwal tidak dikenal.")]
    if errors:
        raise ValidationFailed(_("Periksa isian jadwal kerja."), field_errors=errors)
    if is_default and kind != ScheduleKind.FIXED_WEEK:
        message = _("Jadwal bawaan harus berpola pekan tetap, bukan jadwal dinas (shift).")
        raise ValidationFailed(message, field_errors={"is_default": [message]})
    stored_week = _checked_week(kind, week)
    stored_checks = clean_checks(checks)
    if WorkSchedule.objects.filter(tenant_id=tenant.pk, code__iexact=code).exists():
        message = _("Kode jadwal %(code)s sudah dipakai; pilih kode lain.") % {"code": code}
        raise ValidationFailed(message, field_errors={"code": [message]})
    if is_default:
        WorkSchedule.objects.select_for_update().filter(tenant_id=tenant.pk, is_default=True).update(is_default=False)
    schedule = WorkSchedule.objects.create(
        tenant=tenant,
        code=code,
        name=name,
        kind=kind,
        week=stored_week,
        checks=stored_checks,
        is_default=is_default,
    )
    audit.record(
        actor=actor,
        tenant_id=tenant.pk,
        action="attendance.schedule.create",
        target=schedule,
        after=audit.model_snapshot(schedule, SCHEDULE_FIELDS),
    )
    if kind == ScheduleKind.FIXED_WEEK:
        low, high = rebuild_window(tenant)
        calendar_changed(tenant, start=low, end=high, unit_paths=[None] if is_default else [])
    return schedule


@transaction.atomic
def schedule_update(
    *,
    actor: Any,
    schedule: WorkSchedule,
    name: str,
    week: Any = None,
    checks: Any = (),
    is_active: bool = True,
) -> WorkSchedule:
    """Change a schedule's name, week, check windows or activity (its code and kind stay: make a new one)."""
    tenant = manage_tenant(actor)
    if schedule.tenant_id != tenant.pk:
        raise NotFoundError(_("Data tidak ditemukan."))
    schedule = WorkSchedule.objects.select_for_update().get(pk=schedule.pk)
    name = name.strip()
    if not name:
        raise ValidationFailed(_("Nama jadwal wajib diisi."), field_errors={"name": [_("Nama jadwal wajib diisi.")]})
    stored_week = _checked_week(schedule.kind, week)
    stored_checks = clean_checks(checks)
    if not is_active and schedule.is_active:
        if schedule.is_default:
            raise Conflict(_("Jadwal bawaan tidak dapat dinonaktifkan; jadikan jadwal lain bawaan lebih dulu."))
        today = tenant.today()
        in_use = UnitSchedule.objects.filter(schedule=schedule).exclude(valid_to__lt=today).select_related("org_unit")
        first = in_use.first()
        if first is not None:
            raise Conflict(
                _("Jadwal ini masih dipakai %(unit)s; atur jadwal lain untuk unit itu lebih dulu.")
                % {"unit": first.org_unit.name}
            )
    before = audit.model_snapshot(schedule, SCHEDULE_FIELDS)
    schedule.name, schedule.week, schedule.checks, schedule.is_active = name, stored_week, stored_checks, is_active
    after = audit.model_snapshot(schedule, SCHEDULE_FIELDS)
    if after == before:
        return schedule
    schedule.save(update_fields=["name", "week", "checks", "is_active", "updated_at"])
    audit.record(
        actor=actor,
        tenant_id=tenant.pk,
        action="attendance.schedule.update",
        target=schedule,
        before=before,
        after=after,
    )
    if schedule.kind == ScheduleKind.FIXED_WEEK and (before["week"], before["is_active"]) != (
        after["week"],
        after["is_active"],
    ):
        low, high = rebuild_window(tenant)
        calendar_changed(tenant, start=low, end=high, unit_paths=_in_use_paths(schedule))
    return schedule


@transaction.atomic
def schedule_set_default(*, actor: Any, schedule: WorkSchedule) -> WorkSchedule:
    """Make ``schedule`` the tenant's default (units without a schedule of their own, or an ancestor's, work it)."""
    tenant = manage_tenant(actor)
    if schedule.tenant_id != tenant.pk:
        raise NotFoundError(_("Data tidak ditemukan."))
    locked = list(
        WorkSchedule.objects.select_for_update().filter(Q(pk=schedule.pk) | Q(is_default=True), tenant_id=tenant.pk)
    )
    schedule = next(s for s in locked if s.pk == schedule.pk)
    if schedule.is_default:
        return schedule
    if not schedule.is_active or schedule.kind != ScheduleKind.FIXED_WEEK:
        raise Conflict(_("Jadwal bawaan harus aktif dan berpola pekan tetap, bukan jadwal dinas (shift)."))
    previous = next((s for s in locked if s.is_default), None)
    if previous is not None:
        WorkSchedule.objects.filter(pk=previous.pk).update(is_default=False)
    WorkSchedule.objects.filter(pk=schedule.pk).update(is_default=True)
    schedule.is_default = True
    audit.record(
        actor=actor,
        tenant_id=tenant.pk,
        action="attendance.schedule.set_default",
        target=schedule,
        before={"default": previous.code if previous else None},
        after={"default": schedule.code},
    )
    low, high = rebuild_window(tenant)
    calendar_changed(tenant, start=low, end=high, unit_paths=[None])
    return schedule


# -- unit schedules ----------------------------------------------------------------------------------------


@transaction.atomic
def unit_schedule_assign(*, actor: Any, org_unit: OrgUnit, schedule: WorkSchedule, valid_from: dt.date) -> UnitSchedule:
    """``org_unit`` (and its sub-units without a schedule of their own) works ``schedule`` from ``valid_from``.

    The unit's link in force on that date ends the day before; a later link stays and bounds the new one.
    The same date again replaces that link's schedule.
    """
    tenant_id = require_tenant(actor)
    authorize_at(
        actor,
        ATTENDANCE_MANAGE,
        tenant_id=org_unit.tenant_id,
        path=org_unit.path,
        visible_action=ATTENDANCE_VIEW,
        denied=_("Hanya admin presensi BKPSDM yang dapat mengatur jadwal kerja unit."),
    )
    if schedule.tenant_id != tenant_id:
        raise NotFoundError(_("Data tidak ditemukan."))
    if not schedule.is_active:
        message = _("Jadwal %(name)s tidak aktif; pilih jadwal yang aktif.") % {"name": schedule.name}
        raise ValidationFailed(message, field_errors={"schedule": [message]})
    tenant = Tenant.objects.get(pk=tenant_id)
    links: list[UnitSchedule] = list(
        UnitSchedule.objects.select_for_update().filter(org_unit=org_unit).order_by("valid_from")
    )
    same = next((link for link in links if link.valid_from == valid_from), None)
    if same is not None:
        if same.schedule_id == schedule.pk:
            return same
        before = audit.model_snapshot(same, UNIT_SCHEDULE_FIELDS)
        same.schedule = schedule
        same.save(update_fields=["schedule", "updated_at"])
        link = same
    else:
        before = None
        earlier = [x for x in links if x.valid_from < valid_from]
        later = [x for x in links if x.valid_from > valid_from]
        previous = earlier[-1] if earlier else None
        if previous is not None and (previous.valid_to is None or previous.valid_to >= valid_from):
            previous.valid_to = valid_from - dt.timedelta(days=1)
            previous.save(update_fields=["valid_to", "updated_at"])
        valid_to = later[0].valid_from - dt.timedelta(days=1) if later else None
        link = UnitSchedule.objects.create(
            tenant_id=tenant_id, org_unit=org_unit, schedule=schedule, valid_from=valid_from, valid_to=valid_to
        )
    audit.record(
        actor=actor,
        tenant_id=tenant_id,
        action="attendance.unit_schedule.assign",
        target=link,
        org_unit_path=org_unit.path,
        before=before,
        after=audit.model_snapshot(link, UNIT_SCHEDULE_FIELDS),
    )
    _low, high = rebuild_window(tenant)
    calendar_changed(tenant, start=valid_from, end=link.valid_to or high, unit_paths=[org_unit.path])
    return link


# -- overrides (Ramadan and other special hours) -----------------------------------------------------------


def _check_override(
    tenant_id: int,
    *,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date,
    week: Any,
    schedule: WorkSchedule | None,
    exclude_pk: int | None = None,
) -> list[dict[str, str | None] | None]:
    if not name.strip():
        raise ValidationFailed(_("Nama jam kerja khusus wajib diisi."), field_errors={"name": [_("Wajib diisi.")]})
    if schedule is not None:
        if schedule.tenant_id != tenant_id:
            raise NotFoundError(_("Data tidak ditemukan."))
        if schedule.kind != ScheduleKind.FIXED_WEEK:
            message = _("Jam kerja khusus hanya untuk jadwal berpola pekan tetap; jadwal dinas diatur per shift.")
            raise ValidationFailed(message, field_errors={"schedule": [message]})
    rule_week = parse_week(week)
    try:
        check_weekly_minimum(rule_week, minimum_minutes=RAMADAN_WEEKLY_MINUTES)
        mine = RuleOverride(starts_on, ends_on, rule_week, name.strip())
    except AttendanceRuleError as exc:
        raise rule_failed(exc, "week" if exc.code == "below_weekly_minimum" else "ends_on") from exc
    # Two overrides that can apply to the same schedule may not share a day (the derivation could not choose).
    others = ScheduleOverride.objects.select_for_update().filter(
        tenant_id=tenant_id, starts_on__lte=ends_on, ends_on__gte=starts_on
    )
    if schedule is not None:
        others = others.filter(Q(schedule__isnull=True) | Q(schedule=schedule))
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    try:
        check_overrides(
            [mine, *(RuleOverride(o.starts_on, o.ends_on, rule_week, o.name) for o in others.order_by("starts_on"))]
        )
    except AttendanceRuleError as exc:
        raise rule_failed(exc, "starts_on") from exc
    return week_for_storage(rule_week)


@transaction.atomic
def override_create(
    *,
    actor: Any,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date,
    week: Any,
    schedule: WorkSchedule | None = None,
) -> ScheduleOverride:
    """Other hours from ``starts_on`` to ``ends_on`` (e.g. Ramadan 1447 H) for one schedule or (None) every one."""
    tenant = manage_tenant(actor)
    stored = _check_override(tenant.pk, name=name, starts_on=starts_on, ends_on=ends_on, week=week, schedule=schedule)
    override = ScheduleOverride.objects.create(
        tenant=tenant, name=name.strip(), starts_on=starts_on, ends_on=ends_on, week=stored, schedule=schedule
    )
    audit.record(
        actor=actor,
        tenant_id=tenant.pk,
        action="attendance.override.create",
        target=override,
        after=audit.model_snapshot(override, OVERRIDE_FIELDS),
    )
    calendar_changed(tenant, start=starts_on, end=ends_on, unit_paths=_in_use_paths(schedule) if schedule else [None])
    return override


@transaction.atomic
def override_update(
    *,
    actor: Any,
    override: ScheduleOverride,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date,
    week: Any,
    schedule: WorkSchedule | None = None,
) -> ScheduleOverride:
    """Change an override's name, dates, hours or schedule; both the old and the new days are recomputed."""
    tenant = manage_tenant(actor)
    if override.tenant_id != tenant.pk:
        raise NotFoundError(_("Data tidak ditemukan."))
    override = ScheduleOverride.objects.select_for_update(of=("self",)).select_related("schedule").get(pk=override.pk)
    stored = _check_override(
        tenant.pk,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        week=week,
        schedule=schedule,
        exclude_pk=override.pk,
    )
    before = audit.model_snapshot(override, OVERRIDE_FIELDS)
    old_start, old_end, old_schedule = override.starts_on, override.ends_on, override.schedule
    override.name, override.starts_on, override.ends_on = name.strip(), starts_on, ends_on
    override.week, override.schedule = stored, schedule
    after = audit.model_snapshot(override, OVERRIDE_FIELDS)
    if after == before:
        return override
    override.save()
    audit.record(
        actor=actor,
        tenant_id=tenant.pk,
        action="attendance.override.update",
        target=override,
        before=before,
        after=after,
    )
    paths: list[str | None] = []
    for owner in (old_schedule, schedule):
        paths.extend(_in_use_paths(owner) if owner is not None else [None])
    calendar_changed(tenant, start=min(old_start, starts_on), end=max(old_end, ends_on), unit_paths=paths)
    return override
