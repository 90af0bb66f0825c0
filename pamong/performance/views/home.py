"""The home page's performance panel (registered in ``settings.PAMONG_HOME_PANELS``)."""

from __future__ import annotations

from django.http import HttpRequest

from pamong.core.scope import scope_of
from pamong.core.views import HomePanel, tenant_today

from ..selectors.home import home_todo


def home_panels(request: HttpRequest) -> list[HomePanel]:
    user = request.user
    tenant = getattr(user, "tenant", None)
    if tenant is None or scope_of(user).tenant_id is None:
        return []
    todo = home_todo(actor=user, tenant=tenant, today=tenant_today(user))
    if todo.empty:
        return []
    return [HomePanel(template_name="performance/partials/home_todo.html", context={"todo": todo}, order=5)]
