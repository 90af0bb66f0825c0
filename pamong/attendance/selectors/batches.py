"""Reads of the batch history: every arrival of punches (device pushes, files, manual entries) in scope.

Mobile check-ins record no batch (one punch per request), so they are not listed here. Who may read:
holders of ``attendance.view`` through a role (BKPSDM tenant-wide, heads and operators over their unit);
the self-view every employee has does not reach batches, which belong to units, not to a person.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet, Subquery

from pamong.access.roles import ATTENDANCE_VIEW
from pamong.core.models import Tenant
from pamong.core.scope import scope_of
from pamong.org.models import OrgUnit

from ..models import IngestBatch


def can_see_batches(actor: Any) -> bool:
    """Whether ``actor`` holds ``attendance.view`` through a role anywhere (not only over their own days)."""
    return bool(scope_of(actor).grants_for(ATTENDANCE_VIEW))


def batch_list(
    *,
    actor: Any,
    source: str = "",
    org_unit_id: int | None = None,
    device_id: int | None = None,
    day_from: dt.date | None = None,
    day_to: dt.date | None = None,
) -> QuerySet[IngestBatch]:
    """The batches ``actor`` may see, newest first, filtered; one query per page whatever the row count.

    ``org_unit_id`` includes the unit's subtree; the dates are days of arrival in the tenant's zone.
    """
    tenant_id = scope_of(actor).tenant_id
    if tenant_id is None:
        return IngestBatch.objects.none()
    batches = (
        IngestBatch.objects.visible_to(actor, ATTENDANCE_VIEW)
        .select_related("org_unit", "device", "created_by")
        .defer("errors")  # a batch's line report can be long; the list shows counts only
    )
    if source:
        batches = batches.filter(source=source)
    if org_unit_id is not None:
        batches = batches.filter(org_unit__path__startswith=Subquery(_path_of(tenant_id, org_unit_id)))
    if device_id is not None:
        batches = batches.filter(device_id=device_id)
    if day_from is not None or day_to is not None:
        zone = _zone(actor, tenant_id)
        if day_from is not None:
            batches = batches.filter(created_at__gte=dt.datetime.combine(day_from, dt.time(0), tzinfo=zone))
        if day_to is not None:
            end = dt.datetime.combine(day_to + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
            batches = batches.filter(created_at__lt=end)
    return batches.order_by("-created_at", "-pk")


def _path_of(tenant_id: int, org_unit_id: int) -> Any:
    return OrgUnit.objects.filter(tenant_id=tenant_id, pk=org_unit_id).values("path")[:1]


def _zone(actor: Any, tenant_id: int) -> Any:
    tenant = getattr(actor, "tenant", None)
    if not isinstance(tenant, Tenant):
        tenant = Tenant.objects.get(pk=tenant_id)
    return tenant.zone
