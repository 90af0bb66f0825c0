"""Shifts and shift rosters of 24-hour units (RSUD, puskesmas, Satpol PP, BPBD, Damkar).

A unit whose schedule is a roster (``ScheduleKind.ROSTER``) has no fixed week: each employee's day comes
from ``RosterEntry`` (a shift, or ``None`` for off duty). ``roster_save`` stores a month grid in one call,
set-based: it compares the cells with the stored entries, upserts what changed in one statement and
deletes what was cleared in another, writes one audit event for the whole save, and queues the changed
past days for derivation. Shifts themselves are tenant rows that BKPSDM keeps (``attendance.manage``);
rosters are kept by whoever holds ``attendance.roster`` over the unit (its head, its attendance operator,
BKPSDM).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from pamong.access.roles import ATTENDANCE_ROSTER, ATTENDANCE_VIEW
from pamong.core import audit
from pamong.core.authz import authorize_at, require_tenant
from pamong.core.errors import Conflict, NotFoundError, ValidationFailed
from pamong.core.models import Tenant
from pamong.org.models import OrgUnit
from pamong.people.models import Employee
from pamong.people.rules.dates import date_id

from ..choices import ScheduleKind
from ..models import RosterEntry, Shift
from ..rules.hours import minute_of_day
from ..rules.workdays import month_bounds
from .calendars import _CODE, closed_months, enqueue_recompute, manage_tenant

SHIFT_FIELDS = ("code", "name", "start", "end", "break_start", "break_end", "is_active")


def _check_shift(
    start: dt.time, end: dt.time, break_start: dt.time | None, break_end: dt.time | None
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if start == end:
        errors["end"] = [_("Jam selesai shift tidak boleh sama dengan jam mulainya.")]
        return errors
    if (break_start is None) != (break_end is None):
        errors["break_end"] = [_("Isi awal dan akhir istirahat, atau kosongkan keduanya.")]
        return errors
    if break_start is not None and break_end is not None:
        # Minutes from the shift's start, so a night shift (21.00–07.00) and its break are compared in order.
        def offset(value: dt.time) -> int:
            return (minute_of_day(value) - minute_of_day(start)) % 1440

        length = offset(end) or 1440
        if not 0 < offset(break_start) < offset(break_end) < length:
            errors["break_start"] = [_("Istirahat harus di dalam jam shift, dan akhirnya setelah awalnya.")]
    return errors


@transaction.atomic
def shift_create(
    *,
    actor: Any,
    code: str,
    name: str,
    start: dt.time,
    end: dt.time,
    break_start: dt.time | None = None,
    break_end: dt.time | None = None,
) -> Shift:
    """A shift, e.g. P 07.00–14.00, S 14.00–21.00, M 21.00–07.00 (an end before the start is the next day)."""
    tenant = manage_tenant(actor)
    code, name = code.strip().upper(), name.strip()
    errors = _check_shift(start, end, break_start, break_end)
    if not _CODE.match(code) or len(code) > 16 or code == "-":
        errors["code"] = [_("Kode shift 1–16 huruf atau angka, mis. P, S, M.")]
    if not name:
        errors["name"] = [_("Nama shift wajib diisi.")]
    if not errors and Shift.objects.filter(tenant_id=tenant.pk, code__iexact=code).exists():
        errors["code"] = [_("Kode shift %(code)s sudah dipakai.") % {"code": code}]
    if errors:
        raise ValidationFailed(_("Periksa isian shift."), field_errors=errors)
    shift = Shift.objects.create(
        tenant=tenant, code=code, name=name, start=start, end=end, break_start=break_start, break_end=break_end
    )
    audit.record(
        actor=actor,
        tenant_id=tenant.pk,
        action="attendance.shift.create",
        target=shift,
        after=audit.model_snapshot(shift, SHIFT_FIELDS),
    )
    return shift


@transaction.atomic
def shift_update(
    *,
    actor: Any,
    shift: Shift,
    name: str,
    start: dt.time,
    end: dt.time,
    break_start: dt.time | None = None,
    break_end: dt.time | None = None,
    is_active: bool = True,
) -> Shift:
    """Change a shift's name, hours or activity; rostered past days of open months are derived again."""
    tenant = manage_tenant(actor)
    if shift.tenant_id != tenant.pk:
        raise NotFoundError(_("Data tidak ditemukan."))
    errors = _check_shift(start, end, break_start, break_end)
    if not name.strip():
        errors["name"] = [_("Nama shift wajib diisi.")]
    if errors:
        raise ValidationFailed(_("Periksa isian shift."), field_errors=errors)
    shift = Shift.objects.select_for_update().get(pk=shift.pk)
    before = audit.model_snapshot(shift, SHIFT_FIELDS)
    shift.name, shift.start, shift.end = name.strip(), start, end
    shift.break_start, shift.break_end, shift.is_active = break_start, break_end, is_active
    after = audit.model_snapshot(shift, SHIFT_FIELDS)
    if after == before:
        return shift
    shift.save()
    audit.record(
        actor=actor, tenant_id=tenant.pk, action="attendance.shift.update", target=shift, before=before, after=after
    )
    today = tenant.today()
    pairs = RosterEntry.objects.filter(tenant_id=tenant.pk, shift=shift, date__lt=today).values_list(
        "employee_id", "date"
    )
    _queue_past(tenant.pk, list(pairs))
    return shift


def _queue_past(tenant_id: int, pairs: list[tuple[int, dt.date]]) -> None:
    from .punches import mark_dirty

    if not pairs:
        return
    closed = set(closed_months(tenant_id, (d for _e, d in pairs)))
    open_pairs = [(e, d) for e, d in pairs if (d.year, d.month) not in closed]
    if open_pairs:
        mark_dirty(tenant_id, open_pairs)
        enqueue_recompute(tenant_id)


# -- rosters ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RosterCell:
    """One grid cell: ``shift`` a shift code, ``None`` off duty; ``clear`` removes the entry altogether."""

    employee_id: int
    date: dt.date
    shift: str | None = None
    clear: bool = False


@dataclass(frozen=True, slots=True)
class RosterSaveResult:
    created: int
    updated: int
    removed: int

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.removed


def roster_units(tenant_id: int, start: dt.date, end: dt.date) -> dict[int, set[dt.date]]:
    """Unit id → the dates from ``start`` to ``end`` on which that unit works a roster schedule."""
    from ..derive.calendar import unit_schedule_spans

    days: dict[int, set[dt.date]] = {}
    for span in unit_schedule_spans(tenant_id=tenant_id, start=start, end=end):
        if span.kind != ScheduleKind.ROSTER:
            continue
        day = span.starts_on
        while day <= span.ends_on:
            days.setdefault(span.unit_id, set()).add(day)
            day += dt.timedelta(days=1)
    return days


def _refuse(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, field_errors={field: [message]})


@transaction.atomic
def roster_save(
    *, actor: Any, org_unit: OrgUnit, year: int, month: int, cells: Sequence[RosterCell]
) -> RosterSaveResult:
    """Save a month of ``org_unit``'s roster in one go; cells equal to what is stored change nothing.

    Refused as a whole: a unit that does not work a roster that month, an employee outside the unit, a date
    outside the month or in a closed month, an unknown shift code, a day on which the employee's own unit
    does not work a roster.
    """
    tenant_id = require_tenant(actor)
    authorize_at(
        actor,
        ATTENDANCE_ROSTER,
        tenant_id=org_unit.tenant_id,
        path=org_unit.path,
        visible_action=ATTENDANCE_VIEW,
        denied=_("Jadwal dinas unit ini diatur oleh kepala unit, operator presensi unit, atau BKPSDM."),
    )
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise _refuse("month", _("Bulan tidak dikenal."))
    first, last = month_bounds(year, month)
    if closed_months(tenant_id, [first]):
        raise Conflict(
            _("Bulan %(month)02d/%(year)d sudah ditutup; jadwal dinasnya tidak dapat diubah lagi.")
            % {"month": month, "year": year}
        )
    roster_days = roster_units(tenant_id, first, last)
    if not roster_days.get(org_unit.pk):
        raise Conflict(
            _(
                "%(unit)s tidak memakai jadwal dinas (shift) pada bulan ini; minta BKPSDM mengatur jadwal "
                "unit ini ke jadwal berjenis jadwal dinas lebih dulu."
            )
            % {"unit": org_unit.name}
        )
    for cell in cells:
        if not first <= cell.date <= last:
            raise _refuse("cells", _("Tanggal %(day)s di luar bulan ini.") % {"day": date_id(cell.date)})
    employee_ids = {c.employee_id for c in cells}
    staff = dict(
        Employee.objects.filter(
            tenant_id=tenant_id, pk__in=employee_ids, org_unit__path__startswith=org_unit.path
        ).values_list("pk", "org_unit_id")
    )
    outside = employee_ids - staff.keys()
    if outside:
        raise _refuse(
            "cells",
            _("Pegawai %(ids)s bukan pegawai %(unit)s.")
            % {"ids": ", ".join(str(i) for i in sorted(outside)), "unit": org_unit.name},
        )
    shifts = {
        s.code.upper(): s.pk for s in Shift.objects.filter(tenant_id=tenant_id, is_active=True).only("pk", "code")
    }
    wanted: dict[tuple[int, dt.date], int | None | bool] = {}  # False: clear
    for cell in cells:
        key = (cell.employee_id, cell.date)
        if cell.clear:
            wanted[key] = False
            continue
        if cell.shift is None:
            wanted[key] = None
            continue
        shift_id = shifts.get(cell.shift.strip().upper())
        if shift_id is None:
            raise _refuse("cells", _("Kode shift %(code)s tidak dikenal atau tidak aktif.") % {"code": cell.shift})
        wanted[key] = shift_id
    stored = {
        (e, d): (pk, s)
        for pk, e, d, s in RosterEntry.objects.select_for_update()
        .filter(tenant_id=tenant_id, employee_id__in=employee_ids, date__gte=first, date__lte=last)
        .values_list("pk", "employee_id", "date", "shift_id")
    }
    upserts: list[RosterEntry] = []
    removed: list[int] = []
    created = updated = 0
    changed: list[tuple[int, dt.date]] = []
    for (employee_id, day), value in wanted.items():
        current = stored.get((employee_id, day))
        if value is False:
            if current is not None:
                removed.append(current[0])
                changed.append((employee_id, day))
            continue
        if current is not None and current[1] == value:
            continue
        if day not in roster_days.get(staff[employee_id], set()):
            raise _refuse(
                "cells",
                _("Unit pegawai %(id)s tidak memakai jadwal dinas pada %(day)s.")
                % {"id": employee_id, "day": date_id(day)},
            )
        upserts.append(RosterEntry(tenant_id=tenant_id, employee_id=employee_id, date=day, shift_id=value))
        changed.append((employee_id, day))
        if current is None:
            created += 1
        else:
            updated += 1
    result = RosterSaveResult(created=created, updated=updated, removed=len(removed))
    if not result.changed:
        return result
    if upserts:
        RosterEntry.objects.bulk_create(
            upserts,
            update_conflicts=True,
            unique_fields=["employee", "date"],
            update_fields=["shift", "updated_at"],
            batch_size=1000,
        )
    if removed:
        RosterEntry.objects.filter(pk__in=removed).delete()
    audit.record(
        actor=actor,
        tenant_id=tenant_id,
        action="attendance.roster.save",
        target=org_unit,
        org_unit_path=org_unit.path,
        after={"year": year, "month": month, "created": created, "updated": updated, "removed": len(removed)},
    )
    today = Tenant.objects.get(pk=tenant_id).today()
    _queue_past(tenant_id, [(e, d) for e, d in changed if d < today])
    return result
