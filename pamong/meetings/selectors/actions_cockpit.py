"""The cockpit's "Tindak lanjut rapat" table: the follow-through rate per OPD beside the performance scores.

Two queries (``selectors.actions.follow_through_by_opd``), none for a user without ``meetings.view`` (the planner
opens the cockpit but sees no meetings).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pamong.access.roles import MEETINGS_VIEW
from pamong.core.scope import scope_of

from .actions import follow_through_by_opd


def cockpit_panel(*, actor: Any, today: dt.date) -> dict[str, Any]:
    if not scope_of(actor).can(MEETINGS_VIEW):
        return {"follow_through": None}
    return {"follow_through": follow_through_by_opd(actor=actor, today=today)}
