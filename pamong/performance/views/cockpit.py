"""The Bupati's cockpit: priority programs, league tables, red indicators, overdue reports, open follow-ups."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.views.generic import TemplateView

from pamong.access.roles import COCKPIT_VIEW, PERFORMANCE_RATE
from pamong.core.scope import scope_of
from pamong.discipline.selectors.supervision import cockpit_panel
from pamong.meetings.selectors.actions_cockpit import cockpit_panel as meetings_cockpit_panel
from pamong.performance.authz import can_open_cockpit
from pamong.performance.choices import UnitGroup
from pamong.performance.selectors import cockpit
from pamong.performance.tenant_rules import rules_for_display

from .common import base_context, tenant_of

ACTION = COCKPIT_VIEW


def require_cockpit(request: HttpRequest) -> None:
    if not can_open_cockpit(request.user):
        raise PermissionDenied


def cockpit_data(request: HttpRequest) -> dict[str, Any]:
    """Every panel of the cockpit for the month asked (the page and its exports read the same)."""
    context = base_context(request)
    period, today, user = context["period"], context["today"], request.user
    data: dict[str, Any] = {**context, "has_scores": period.month is not None, "red_limit": cockpit.RED_LIMIT}
    if period.month is not None:
        data.update(
            programs=cockpit.programs(actor=user, action=ACTION, year=period.year, month=period.month),
            league_opd=cockpit.league(
                actor=user, action=ACTION, year=period.year, month=period.month, group=UnitGroup.OPD
            ),
            league_kecamatan=cockpit.league(
                actor=user, action=ACTION, year=period.year, month=period.month, group=UnitGroup.KECAMATAN
            ),
            red=cockpit.red_indicators(actor=user, action=ACTION, year=period.year, month=period.month),
        )
    data.update(
        overdue=cockpit.overdue_reports(actor=user, action=ACTION, today=today),
        consequences=cockpit.active_consequences(actor=user, action=ACTION),
    )
    return data


class CockpitView(TemplateView):
    template_name = "performance/cockpit.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        require_cockpit(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        data = cockpit_data(self.request)
        period = data["period"]
        if period.month is not None:
            data["charts"] = cockpit.charts(
                actor=self.request.user, action=ACTION, year=period.year, month=period.month, months=period.months
            )
            data["units_scored"] = len(data["league_opd"]) + len(data["league_kecamatan"])
        data["rules"] = rules_for_display(tenant_of(self.request))
        data["can_rate"] = scope_of(self.request.user).can(PERFORMANCE_RATE)
        # Discipline per OPD (issue 5): five queries, none for a user without a discipline role.
        data.update(cockpit_panel(actor=self.request.user, year=period.year, month=period.month, today=data["today"]))
        # Meeting follow-through per OPD (issue 6): two queries, none for a user without meetings.view.
        data.update(meetings_cockpit_panel(actor=self.request.user, today=data["today"]))
        context.update(data)
        return context
