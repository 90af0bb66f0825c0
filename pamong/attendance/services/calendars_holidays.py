"""Holidays of a tenant: the national list and cuti bersama seeded per year, local holidays, deactivation.

The national tables (``rules.holidays_id``) are only the seed: a tenant's ``Holiday`` rows are what the
derivation reads, and BKPSDM (``attendance.manage``) adds local holidays or a cuti bersama announced
mid-year, and deactivates a day the government moved (never deletes it: the history stays, with the
reason in the audit trail). Every change rebuilds that date's ``ScheduleDay`` rows and queues its past
employee-days of open months for derivation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from pamong.core import audit
from pamong.core.errors import Conflict, NotFoundError, ValidationFailed

from ..choices import HolidayKind
from ..models import Holiday
from ..rules.errors import AttendanceRuleError
from ..rules.holidays import Holiday as RuleHoliday
from ..rules.holidays import HolidayKind as RuleKind
from ..rules.holidays_id import COVERED_YEARS, national_holidays
from .calendars import calendar_changed, manage_tenant, rule_failed

HOLIDAY_FIELDS = ("date", "name", "kind", "source", "is_active")


@dataclass(frozen=True, slots=True)
class SeedResult:
    """What seeding one year did: rows added, rows already there (kept as they are, even if deactivated)."""

    year: int
    created: int
    existing: int


def seedable_years() -> list[int]:
    """The years whose national list ``rules.holidays_id`` holds."""
    return sorted(COVERED_YEARS)


@transaction.atomic
def holidays_seed(*, actor: Any, year: int) -> SeedResult:
    """Copy ``year``'s national holidays and cuti bersama into the tenant's table; idempotent.

    A row already there for the same date and kind is left alone (a name BKPSDM edited, a day it
    deactivated), so seeding twice adds nothing and records nothing.
    """
    tenant = manage_tenant(actor)
    try:
        seed = national_holidays(year)
    except AttendanceRuleError as exc:
        raise rule_failed(exc, "year") from exc
    present = set(
        Holiday.objects.select_for_update().filter(tenant_id=tenant.pk, date__year=year).values_list("date", "kind")
    )
    missing = [h for h in seed if (h.day, str(h.kind)) not in present]
    if missing:
        Holiday.objects.bulk_create(
            [Holiday(tenant=tenant, date=h.day, name=h.name, kind=str(h.kind), source=h.source) for h in missing],
            ignore_conflicts=True,
        )
        audit.record(
            actor=actor,
            tenant_id=tenant.pk,
            action="attendance.holidays.seed",
            after={"year": year, "created": len(missing), "dates": [h.day.isoformat() for h in missing]},
        )
        calendar_changed(tenant, start=min(h.day for h in missing), end=max(h.day for h in missing))
    return SeedResult(year=year, created=len(missing), existing=len(seed) - len(missing))


@transaction.atomic
def holiday_create(*, actor: Any, date: dt.date, name: str, kind: str = HolidayKind.LOCAL, source: str = "") -> Holiday:
    """A holiday the seed lacks: a local holiday (hari jadi), or a cuti bersama added mid-year."""
    tenant = manage_tenant(actor)
    if kind not in HolidayKind.values:
        message = _("Jenis hari libur tidak dikenal.")
        raise ValidationFailed(message, field_errors={"kind": [message]})
    try:
        RuleHoliday(date, name, RuleKind(kind), source)
    except AttendanceRuleError as exc:
        raise rule_failed(exc, "name") from exc
    existing = Holiday.objects.select_for_update().filter(tenant_id=tenant.pk, date=date, kind=kind).first()
    if existing is not None:
        hint = _("aktifkan kembali yang lama") if not existing.is_active else _("ubah jenisnya atau pilih tanggal lain")
        raise Conflict(
            _("Sudah ada %(kind)s pada tanggal itu (%(name)s); %(hint)s.")
            % {"kind": existing.get_kind_display().lower(), "name": existing.name, "hint": hint}
        )
    holiday = Holiday.objects.create(
        tenant=tenant, date=date, name=name.strip()[:200], kind=kind, source=source.strip()[:200]
    )
    audit.record(
        actor=actor,
        tenant_id=tenant.pk,
        action="attendance.holiday.create",
        target=holiday,
        after=audit.model_snapshot(holiday, HOLIDAY_FIELDS),
    )
    calendar_changed(tenant, start=date, end=date)
    return holiday


def _set_active(*, actor: Any, holiday: Holiday, active: bool, reason: str, action: str) -> Holiday:
    tenant = manage_tenant(actor)
    if holiday.tenant_id != tenant.pk:
        raise NotFoundError(_("Data tidak ditemukan."))
    reason = reason.strip()
    if not reason:
        message = _("Tuliskan alasannya, mis. nomor SKB perubahan atau keputusan Bupati.")
        raise ValidationFailed(message, field_errors={"reason": [message]})
    holiday = Holiday.objects.select_for_update().get(pk=holiday.pk)
    if holiday.is_active == active:
        raise Conflict(_("Hari libur ini sudah aktif.") if active else _("Hari libur ini sudah tidak berlaku."))
    before = audit.model_snapshot(holiday, HOLIDAY_FIELDS)
    holiday.is_active = active
    holiday.save(update_fields=["is_active", "updated_at"])
    audit.record(
        actor=actor,
        tenant_id=tenant.pk,
        action=action,
        target=holiday,
        before=before,
        after=audit.model_snapshot(holiday, HOLIDAY_FIELDS),
        reason=reason,
    )
    calendar_changed(tenant, start=holiday.date, end=holiday.date)
    return holiday


@transaction.atomic
def holiday_deactivate(*, actor: Any, holiday: Holiday, reason: str) -> Holiday:
    """The day is no longer a holiday (moved by an amending SKB); the row stays, the reason is audited."""
    return _set_active(
        actor=actor, holiday=holiday, active=False, reason=reason, action="attendance.holiday.deactivate"
    )


@transaction.atomic
def holiday_reactivate(*, actor: Any, holiday: Holiday, reason: str) -> Holiday:
    """Undo a deactivation, with a reason."""
    return _set_active(actor=actor, holiday=holiday, active=True, reason=reason, action="attendance.holiday.reactivate")
