"""The planning tree: vision → missions → goals → regional targets → indicators; programs; orphans."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponseBase
from django.views.generic import TemplateView

from .. import selectors
from ..authz import can_manage_tenant_wide, can_manage_unit
from .base import manageable_units, require_view


class TreeView(TemplateView):
    """Vision → missions → goals → regional targets → indicators; priority programs; orphans as a warning."""

    template_name = "planning/tree.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        require_view(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        raw = self.request.GET.get("periode", "")
        period = selectors.current_period(actor=user, period_id=int(raw) if raw.isdigit() else None)
        tree = selectors.plan_tree(actor=user, period=period) if period else None
        context.update(
            period=period,
            periods=list(selectors.periods(actor=user)),
            tree=tree,
            can_manage_rpjmd=can_manage_tenant_wide(user),
            can_manage_units=manageable_units(user).exists(),
            # Decided from the user's grants and each target's (loaded) unit: no query per row.
            editable_strategic={
                node.target.pk
                for node in (tree.strategic if tree else [])
                if can_manage_unit(user, node.target.org_unit)
            },
        )
        return context
