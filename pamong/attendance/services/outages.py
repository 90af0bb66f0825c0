"""System outages: BKPSDM declares that the attendance system was down in a window of one date.

Everyone in scope (the whole tenant, or one unit's subtree) is excused in that window: the day derivation
reads the active ``Outage`` rows, so punches that could not arrive cost nobody minutes. Declaring or revoking
one queues every affected employee-day before today for derivation. Revoked with a reason, never deleted.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from pamong.access.roles import ATTENDANCE_MANAGE, ATTENDANCE_VIEW
from pamong.core import audit
from pamong.core.authz import authorize_at, require_tenant
from pamong.core.errors import Conflict, NotFoundError
from pamong.core.models import Tenant
from pamong.org.models import OrgUnit
from pamong.people.models import Employee

from ..models import Outage
from .excuse_checks import check_not_closed, invalid
from .punches import mark_dirty

SNAPSHOT = ("date", "start_time", "end_time", "org_unit", "reason", "is_active", "revoked_reason")


def _enqueue_recompute(tenant_id: int) -> None:
    from ..tasks import days_recompute_dirty

    days_recompute_dirty.enqueue(tenant_id)


def _queue_days(outage: Outage, path: str, today: dt.date) -> int:
    """Queue the outage date of every employee in scope, if the date is over (set-based)."""
    if outage.date >= today:
        return 0
    try:
        from ..derive.dirty import mark_units_dirty
    except ImportError:  # the derivation's queue helper not there yet: queue the pairs ourselves
        employees = Employee.objects.filter(tenant_id=outage.tenant_id, org_unit__path__startswith=path)
        count = mark_dirty(outage.tenant_id, ((pk, outage.date) for pk in employees.values_list("pk", flat=True)))
    else:
        count = int(
            mark_units_dirty(tenant_id=outage.tenant_id, unit_path=path, start=outage.date, end=outage.date) or 0
        )
    tenant_id = outage.tenant_id
    transaction.on_commit(lambda: _enqueue_recompute(tenant_id))
    return count


def _authorize(actor: Any, tenant_id: int, org_unit: OrgUnit | None) -> None:
    """``attendance.manage`` over the outage's unit (the whole tenant when none); viewers get 403, others 404."""
    authorize_at(
        actor,
        ATTENDANCE_MANAGE,
        tenant_id=tenant_id,
        path=org_unit.path if org_unit is not None else None,
        visible_action=ATTENDANCE_VIEW,
        denied=_("Hanya BKPSDM yang dapat menyatakan atau membatalkan gangguan sistem presensi."),
    )


def _path(org_unit: OrgUnit | None) -> str:
    return org_unit.path if org_unit is not None else ""


@transaction.atomic
def outage_declare(
    *,
    actor: Any,
    date: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    reason: str,
    org_unit: OrgUnit | None = None,
    today: dt.date | None = None,
) -> Outage:
    """Declare an outage of ``date`` ``start_time``–``end_time`` for the tenant or ``org_unit``'s subtree."""
    tenant_id = require_tenant(actor)
    if org_unit is not None and org_unit.tenant_id != tenant_id:
        raise invalid("org_unit", _("Unit tidak ditemukan."))
    _authorize(actor, tenant_id, org_unit)
    reason = (reason or "").strip()
    if not reason:
        raise invalid("reason", _("Tuliskan gangguan yang terjadi (misalnya server mati, jaringan putus)."))
    if end_time <= start_time:
        raise invalid("end_time", _("Jam selesai harus sesudah jam mulai."))
    tenant = Tenant.objects.get(pk=tenant_id)
    today = today or tenant.today()
    if date > today + dt.timedelta(days=31):
        raise invalid("date", _("Gangguan dinyatakan untuk hari yang sudah atau segera terjadi (paling lama 31 hari)."))
    check_not_closed(tenant_id=tenant_id, start=date, end=date, field="date")
    outage = Outage.objects.create(
        tenant_id=tenant_id,
        date=date,
        start_time=start_time,
        end_time=end_time,
        org_unit=org_unit,
        reason=reason,
        declared_by=actor if isinstance(actor, get_user_model()) else None,
    )
    queued = _queue_days(outage, _path(org_unit), today)
    audit.record(
        actor=actor,
        tenant_id=tenant_id,
        action="attendance.outage.declare",
        target=outage,
        org_unit_path=_path(org_unit),
        after={**audit.model_snapshot(outage, SNAPSHOT), "queued_days": queued},
        reason=reason,
    )
    return outage


@transaction.atomic
def outage_revoke(*, actor: Any, outage: Outage, reason: str, today: dt.date | None = None) -> Outage:
    """Withdraw a declared outage with a reason; the days it covered are derived again."""
    tenant_id = require_tenant(actor)
    if outage.tenant_id != tenant_id:
        raise NotFoundError(_("Data tidak ditemukan."))
    org_unit = OrgUnit.objects.filter(pk=outage.org_unit_id).first() if outage.org_unit_id else None
    _authorize(actor, tenant_id, org_unit)
    reason = (reason or "").strip()
    if not reason:
        raise invalid("reason", _("Tuliskan alasan pembatalan."))
    check_not_closed(tenant_id=tenant_id, start=outage.date, end=outage.date, field="reason")
    before = audit.model_snapshot(outage, SNAPSHOT)
    updated = Outage.objects.filter(pk=outage.pk, is_active=True).update(is_active=False, revoked_reason=reason)
    if not updated:
        raise Conflict(_("Pernyataan gangguan ini sudah dibatalkan."))
    outage.refresh_from_db()
    tenant = Tenant.objects.get(pk=tenant_id)
    queued = _queue_days(outage, _path(org_unit), today or tenant.today())
    audit.record(
        actor=actor,
        tenant_id=tenant_id,
        action="attendance.outage.revoke",
        target=outage,
        org_unit_path=_path(org_unit),
        before=before,
        after={**audit.model_snapshot(outage, SNAPSHOT), "queued_days": queued},
        reason=reason,
    )
    return outage
