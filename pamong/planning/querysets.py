"""Querysets of the planning cascade.

The RPJMD rows (period, missions, goals, regional targets, priority programs)
belong to the whole tenant: every holder of ``planning.view`` anywhere in the
tenant reads them, since every OPD aligns its Renstra with them. OPD strategic
targets and indicators are placed in the unit tree and scoped like any other row,
except that regional indicators (IKU daerah) are readable tenant-wide too.
"""

from __future__ import annotations

from typing import Any, Self

from django.db.models import Q

from pamong.core.querysets import ScopedQuerySet, TenantQuerySet
from pamong.core.scope import scope_of


class TenantWideQuerySet(TenantQuerySet):
    """Rows of the whole tenant, visible to whoever holds the action anywhere in it."""

    def visible_to(self, actor: Any, action: str) -> Self:
        scope = scope_of(actor)
        if scope.tenant_id is None or not scope.can(action):
            return self.none()
        return self.filter(tenant_id=scope.tenant_id)


class IndicatorQuerySet(ScopedQuerySet):
    def visible_to(self, actor: Any, action: str) -> Self:
        """OPD indicators by scope; regional indicators (IKU daerah) to every holder of the action."""
        scope = scope_of(actor)
        if scope.tenant_id is None or not scope.can(action):
            return self.none()
        scoped = super().visible_to(actor, action)
        return self.filter(tenant_id=scope.tenant_id).filter(Q(level="regional") | Q(pk__in=scoped.values("pk")))
