"""The today board page: counts per status, groups to drill into, and the employees; the live part is polled.

The page and its HTMX fragment (``#board-live``) are the same view; the fragment is fetched every
``PAMONG_ATTENDANCE_BOARD_POLL_SECONDS`` seconds (60 by default) without reloading the page.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.utils import timezone
from django.views.generic import TemplateView

from pamong.core.errors import DomainError
from pamong.core.views import HtmxTemplateMixin, raise_for_domain_error

from ..selectors.board import STATUSES, today_board

POLL_SECONDS_DEFAULT = 60

#: Employee rows shown at most; a larger unit shows its sub-units' counts and the first rows, filter by status.
ROWS_SHOWN = 200


def poll_seconds() -> int:
    return int(getattr(settings, "PAMONG_ATTENDANCE_BOARD_POLL_SECONDS", POLL_SECONDS_DEFAULT))


def board_for(request: Any) -> Any:
    raw = request.GET.get("unit", "")
    if raw and not raw.isdigit():
        raise Http404
    try:
        return today_board(
            actor=request.user, tenant=request.user.tenant, now=timezone.now(), unit_id=int(raw) if raw else None
        )
    except DomainError as exc:
        raise_for_domain_error(exc)
        raise


class BoardView(HtmxTemplateMixin, TemplateView):
    """``/presensi/hari-ini/`` (``?unit=`` drills into a unit)."""

    template_name = "attendance/board/board.html"
    partial_template_name = "attendance/board/partials/live.html"
    partial_target = "board-live"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        board = board_for(self.request)
        codes = {code for code, _label, _colour in STATUSES}
        status = self.request.GET.get("status", "")
        status = status if status in codes else ""
        rows = board.rows
        if rows is not None and status:
            rows = [r for r in rows if r.status == status]
        query = {k: v for k, v in (("unit", self.request.GET.get("unit", "")), ("status", status)) if v}
        context.update(
            {
                "board": board,
                "statuses": STATUSES,
                "poll_seconds": poll_seconds(),
                "unit_param": self.request.GET.get("unit", ""),
                "status_param": status,
                "board_query": urlencode(query),
                "rows": None if rows is None else rows[:ROWS_SHOWN],
                "rows_total": None if rows is None else len(rows),
            }
        )
        return context
