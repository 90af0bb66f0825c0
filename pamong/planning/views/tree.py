"""The planning tree: vision → missions → goals → regional targets → indicators; programs; orphans."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponseBase
from django.views.generic import TemplateView

from .. import selectors
from ..authz import can_manage_tenant_wide
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
        context.update(
            period=period,
            periods=list(selectors.periods(actor=user)),
            tree=selectors.plan_tree(actor=user, period=period) if period else None,
            can_manage_rpjmd=can_manage_tenant_wide(user),
            can_manage_units=manageable_units(user).exists(),
        )
        return context
