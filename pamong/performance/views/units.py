"""The list of units, the OPD page (one unit, for its head too) and the indicator page (drill-down)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.views.generic import DetailView

from pamong.access.roles import PERFORMANCE_VIEW
from pamong.core.views import ScopedListView
from pamong.org.models import OrgUnit
from pamong.performance.authz import can_rate_at
from pamong.performance.models import UnitScore
from pamong.performance.selectors import units
from pamong.performance.tenant_rules import rules_for_display
from pamong.planning.models import Indicator

from .common import base_context, tenant_of


class UnitListView(ScopedListView):
    """Every unit in the user's sight with its index as of the month shown."""

    model = UnitScore
    action = PERFORMANCE_VIEW
    template_name = "performance/unit_list.html"
    paginate_by = 100

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.base = base_context(request) if request.user.is_authenticated else {}
        return super().dispatch(request, *args, **kwargs)

    def base_queryset(self) -> QuerySet[UnitScore]:
        period = self.base["period"]
        if period.month is None:
            return UnitScore.objects.none()
        return (
            UnitScore.objects.filter(year=period.year, month=period.month)
            .select_related("org_unit")
            .order_by("group", "rank", "org_unit__sort_order", "org_unit__name")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(self.base)
        context["query_string"] = self.base["period_query"].lstrip("?")
        return context


class UnitDetailView(DetailView):  # type: ignore[type-arg]
    """The OPD page: the same view as the cockpit, of one unit (404 outside the user's sight)."""

    template_name = "performance/unit_detail.html"
    context_object_name = "unit"

    def get_queryset(self) -> QuerySet[OrgUnit]:
        return units.visible_units(actor=self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(base_context(self.request))
        period = context["period"]
        context["overview"] = units.unit_overview(
            actor=self.request.user, unit=self.object, year=period.year, month=period.month
        )
        context["can_rate"] = can_rate_at(self.request.user, self.object)
        context["rules"] = rules_for_display(tenant_of(self.request))
        return context


class IndicatorPageView(DetailView):  # type: ignore[type-arg]
    """One indicator's periods: target, reported value and its report (→ evidence), capaian, ratings."""

    template_name = "performance/indicator_detail.html"
    context_object_name = "indicator"

    def get_queryset(self) -> QuerySet[Indicator]:
        return Indicator.objects.visible_to(self.request.user, PERFORMANCE_VIEW).select_related("org_unit")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(base_context(self.request))
        period = context["period"]
        context["overview"] = units.indicator_overview(actor=self.request.user, indicator=self.object, year=period.year)
        context["can_rate"] = can_rate_at(self.request.user, self.object.org_unit) and period.months > 0
        return context
