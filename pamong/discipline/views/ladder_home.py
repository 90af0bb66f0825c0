"""The home page's discipline panel (registered in ``settings.PAMONG_HOME_PANELS``).

An employee sees his own counter ("5 dari ambang 7 hari"); whoever must answer warnings (the superior they are
addressed to, a unit head with ``discipline.act``, BKPSDM) sees how many are open and the nearest due date.
Nothing to show (no employee record, no warnings to answer): no panel.
"""

from __future__ import annotations

from django.http import HttpRequest

from pamong.access.roles import DISCIPLINE_ACT
from pamong.core.scope import scope_of
from pamong.core.views import HomePanel, tenant_today

from ..selectors.ladder_pages import awaiting, own_counter


def home_panels(request: HttpRequest) -> list[HomePanel]:
    user = request.user
    scope = scope_of(user)
    if scope.tenant_id is None:
        return []
    context: dict[str, object] = {}
    if scope.employee_id is not None:
        context["counter"] = own_counter(actor=user, year=tenant_today(user).year)
    if scope.employee_id is not None or scope.can(DISCIPLINE_ACT):
        waiting = list(awaiting(actor=user)[:5])
        if waiting:
            context["awaiting"] = waiting
    if not context:
        return []
    return [HomePanel(template_name="discipline/ladder/partials/home.html", context=context, order=4)]
