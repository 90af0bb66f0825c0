"""The home page's attendance panel (registered in ``settings.PAMONG_HOME_PANELS``).

An employee sees today's check-in ("Hari ini: masuk 07.24" or "belum presensi"); whoever holds
``attendance.view`` over units sees the today board's counts of his reach with a link to the board.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from pamong.access.roles import ATTENDANCE_VIEW
from pamong.core.scope import scope_of
from pamong.core.views import HomePanel

from ..selectors.board import STATUSES, own_today, today_board


def home_panels(request: HttpRequest) -> list[HomePanel]:
    user = request.user
    tenant = getattr(user, "tenant", None)
    scope = scope_of(user)
    if tenant is None or scope.tenant_id is None:
        return []
    now = timezone.now()
    context: dict[str, object] = {}
    if scope.employee_id is not None:
        context["own"] = own_today(tenant=tenant, employee_id=scope.employee_id, now=now)
    if scope.grants_for(ATTENDANCE_VIEW):
        context["board"] = today_board(actor=user, tenant=tenant, now=now)
        context["statuses"] = STATUSES
    if not context:
        return []
    return [HomePanel(template_name="attendance/board/partials/home.html", context=context, order=3)]
