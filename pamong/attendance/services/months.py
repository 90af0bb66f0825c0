"""Closing a month of attendance and correcting a closed month's recap (audited, never a silent edit).

``month_close`` (BKPSDM, ``attendance.manage``, tenant-wide) derives the month's days and rebuilds its
recaps one last time, then records the ``MonthClose``: from then on the derivation and the recaps skip
that month, the recompute queue refuses it, and ingest refuses its punches. A correction afterwards is
``recap_adjust``: one ``RecapAdjustment`` row (figure, from, to, reason, who), the recap's figure changed
and flagged ``is_adjusted``, and an audit event with before and after.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from pamong.access.roles import ATTENDANCE_MANAGE, ATTENDANCE_VIEW
from pamong.core import audit
from pamong.core.authz import authorize, authorize_at
from pamong.core.errors import Conflict, ValidationFailed
from pamong.core.models import Tenant

from ..derive.days import derive_days
from ..derive.recap import RECAP_FIGURES, recap_month
from ..models import DirtyDay, MonthClose, MonthRecap, RecapAdjustment
from ..partitions import next_month

_SMALL_FIGURES = {f for f in RECAP_FIGURES if not f.endswith("_minutes")}


@transaction.atomic
def month_close(*, actor: Any, tenant_id: int, year: int, month: int, note: str = "") -> MonthClose:
    """Derive, recap and close ``year``-``month`` of ``tenant_id``; refuse the current or a future month and a
    month already closed."""
    authorize_at(actor, ATTENDANCE_MANAGE, tenant_id=tenant_id, path=None, visible_action=ATTENDANCE_VIEW)
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise ValidationFailed(_("Bulan atau tahun tidak valid."), field_errors={"month": [_("Pilih bulan 1–12.")]})
    tenant = Tenant.objects.get(pk=tenant_id)
    today = tenant.today()
    if (year, month) >= (today.year, today.month):
        raise ValidationFailed(
            _("Bulan %(month)02d/%(year)d belum berakhir; bulan hanya dapat ditutup setelah lewat.")
            % {"month": month, "year": year},
            field_errors={"month": [_("Pilih bulan yang sudah lewat.")]},
        )
    if MonthClose.objects.filter(tenant_id=tenant_id, year=year, month=month).exists():
        raise Conflict(_("Bulan %(month)02d/%(year)d sudah ditutup.") % {"month": month, "year": year})
    first = dt.date(year, month, 1)
    last = next_month(first) - dt.timedelta(days=1)
    days = derive_days(tenant_id=tenant_id, start=first, end=last)
    DirtyDay.objects.filter(tenant_id=tenant_id, date__gte=first, date__lte=last).delete()  # derived just now
    recaps = recap_month(tenant_id=tenant_id, year=year, month=month)
    try:
        with transaction.atomic():
            closed = MonthClose.objects.create(
                tenant_id=tenant_id,
                year=year,
                month=month,
                closed_by=actor if getattr(actor, "pk", None) is not None else None,
                note=note.strip(),
            )
    except IntegrityError as exc:  # closed by someone else a moment ago
        raise Conflict(_("Bulan %(month)02d/%(year)d sudah ditutup.") % {"month": month, "year": year}) from exc
    audit.record(
        actor=actor,
        tenant_id=tenant_id,
        action="attendance.month.close",
        target=closed,
        after={"year": year, "month": month, "days": days, "recaps": recaps, "note": closed.note},
    )
    return closed


@transaction.atomic
def recap_adjust(*, actor: Any, recap: MonthRecap, field: str, new_value: int, reason: str) -> RecapAdjustment:
    """Correct one figure of a closed month's recap, with a reason; audited with before and after."""
    authorize(actor, ATTENDANCE_MANAGE, recap)
    errors: dict[str, list[str]] = {}
    if field not in RECAP_FIGURES:
        errors["field"] = [_("Pilih salah satu angka rekap: %(names)s.") % {"names": ", ".join(RECAP_FIGURES)}]
    limit = 32767 if field in _SMALL_FIGURES else 2147483647
    if isinstance(new_value, bool) or not isinstance(new_value, int) or not 0 <= new_value <= limit:
        errors["new_value"] = [_("Nilai baru harus bilangan bulat 0 sampai %(limit)d.") % {"limit": limit}]
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = [_("Tuliskan alasan koreksi (misalnya nomor surat atau putusan keberatan).")]
    if errors:
        raise ValidationFailed(_("Koreksi rekap belum lengkap."), field_errors=errors)
    locked = MonthRecap.objects.select_for_update().select_related("org_unit").get(pk=recap.pk)
    if not MonthClose.objects.filter(tenant_id=locked.tenant_id, year=locked.year, month=locked.month).exists():
        raise ValidationFailed(
            _("Rekap bulan yang belum ditutup dihitung ulang otomatis; tutup bulannya dulu, lalu koreksi."),
            code="month_open",
        )
    old_value = int(getattr(locked, field))
    if old_value == new_value:
        raise ValidationFailed(
            _("Nilai baru sama dengan nilai sekarang (%(value)d); tidak ada yang dikoreksi.") % {"value": old_value},
            field_errors={"new_value": [_("Isi nilai yang berbeda.")]},
        )
    adjustment = RecapAdjustment.objects.create(
        tenant_id=locked.tenant_id,
        recap=locked,
        field=field,
        old_value=old_value,
        new_value=new_value,
        reason=reason,
        actor=actor if getattr(actor, "pk", None) is not None else None,
    )
    setattr(locked, field, new_value)
    locked.is_adjusted = True
    locked.save(update_fields=[field, "is_adjusted", "updated_at"])
    audit.record(
        actor=actor,
        tenant_id=locked.tenant_id,
        action="attendance.recap.adjust",
        target=locked,
        org_unit_path=locked.org_unit.path,
        before={field: old_value},
        after={field: new_value, "adjustment": adjustment.pk},
        reason=reason,
    )
    recap.refresh_from_db()
    return adjustment
