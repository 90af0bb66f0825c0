"""Who receives a report's notices: the holders of an action over the report's unit on a day.

Two queries at most: the valid role assignments of the roles that hold the action (with their
users and units), and, only when an Asisten cluster assignment is among them, the units of those
clusters. The placement test is the one ``Grant.covers`` makes for scopes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from pamong.access.models import RoleAssignment
from pamong.access.roles import ROLE_ACTIONS
from pamong.org.models import OrgUnit


def _covers(unit_path: str, descendants: bool, path: str) -> bool:
    return path.startswith(unit_path) if descendants else path == unit_path


def holders(*, tenant_id: int, path: str, actions: Iterable[str], day: dt.date) -> list[Any]:
    """Active users of ``tenant_id`` holding any of ``actions`` over the unit at ``path`` on ``day``."""
    wanted = set(actions)
    roles = [role for role, granted in ROLE_ACTIONS.items() if granted & wanted]
    if not roles:
        return []
    rows = list(
        RoleAssignment.objects.filter(tenant_id=tenant_id, role__in=roles, user__is_active=True)
        .valid_on(day)
        .select_related("user", "org_unit")
        .order_by("user_id")
    )
    cluster_paths: dict[int, list[str]] = {}
    cluster_ids = {row.cluster_id for row in rows if row.cluster_id}
    if cluster_ids:
        for cluster_id, unit_path in OrgUnit.objects.filter(
            tenant_id=tenant_id, cluster_id__in=cluster_ids
        ).values_list("cluster_id", "path"):
            cluster_paths.setdefault(cluster_id, []).append(unit_path)
    users: dict[int, Any] = {}
    for row in rows:
        placed = row.org_unit_id is not None and _covers(row.org_unit.path, row.include_descendants, path)
        clustered = row.cluster_id is not None and any(
            path.startswith(p) for p in cluster_paths.get(row.cluster_id, [])
        )
        if placed or clustered:
            users[row.user_id] = row.user
    return list(users.values())
