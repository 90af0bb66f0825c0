"""The one scoping mechanism: ``visible_to(actor, action)`` on every scoped queryset.

A scoped model declares where its org-unit path lives (``scope_path_field``)
and, optionally, which field points at the employee it belongs to
(``scope_self_field``) so people can always see their own records, and, optionally,
whom else a row names (``scope_named_q(scope, action)``: an examination team's
members, the superior a warning is addressed to, the Asisten of a cluster). Base views, API viewsets and form
fields call ``visible_to``; nothing filters by hand.
"""

from __future__ import annotations

from typing import Any, Self

from django.db import models
from django.db.models import Q

from .scope import scope_of


class TenantQuerySet(models.QuerySet[Any]):
    """Queryset for rows that belong to one tenant."""

    def for_tenant(self, tenant_id: int) -> Self:
        return self.filter(tenant_id=tenant_id)


class ScopedQuerySet(TenantQuerySet):
    """Queryset for rows placed somewhere in a tenant's org-unit tree."""

    def visible_to(self, actor: Any, action: str) -> Self:
        scope = scope_of(actor)
        if scope.tenant_id is None:
            return self.none()
        qs = self.filter(tenant_id=scope.tenant_id)
        path_field: str | None = getattr(self.model, "scope_path_field", None)
        condition = Q()
        matched = False
        for grant in scope.grants_for(action):
            if grant.path is None:
                return qs
            if path_field is None:
                continue
            lookup = f"{path_field}__startswith" if grant.descendants else path_field
            condition |= Q(**{lookup: grant.path})
            matched = True
        self_field: str | None = getattr(self.model, "scope_self_field", None)
        if self_field and scope.employee_id is not None and action in scope.self_actions:
            condition |= Q(**{self_field: scope.employee_id})
            matched = True
        # A row may also be shown to people it names outside the tree (the members of a case's examination
        # team, the superior a warning is addressed to, the Asisten of a cluster): the model says who.
        named = getattr(self.model, "scope_named_q", None)
        if named is not None:
            extra = named(scope, action)
            if extra is not None:
                condition |= extra
                matched = True
        if not matched:
            return qs.none()
        return qs.filter(condition)
