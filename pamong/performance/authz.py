"""Who may open the cockpit, rate a target, or work on a register entry (for pages and buttons).

Services check again with ``pamong.core.authz`` (``authorize`` / ``authorize_at``); these helpers only
decide what a page shows.
"""

from __future__ import annotations

from typing import Any

from pamong.access.roles import COCKPIT_VIEW, CONSEQUENCES_MANAGE, PERFORMANCE_RATE, PERFORMANCE_VIEW
from pamong.core.scope import scope_of
from pamong.org.models import OrgUnit


def can_open_cockpit(actor: Any) -> bool:
    return scope_of(actor).can(COCKPIT_VIEW)


def can_view_performance(actor: Any) -> bool:
    return scope_of(actor).can(PERFORMANCE_VIEW)


def can_rate_at(actor: Any, unit: OrgUnit) -> bool:
    return scope_of(actor).allows(PERFORMANCE_RATE, tenant_id=unit.tenant_id, path=unit.path)


def can_manage_at(actor: Any, unit: OrgUnit) -> bool:
    return scope_of(actor).allows(CONSEQUENCES_MANAGE, tenant_id=unit.tenant_id, path=unit.path)
