"""Turns a user's role assignments into the ``Scope`` core filters with.

Two queries at most: the valid assignments with their units, and (only when an
Asisten cluster is involved) the paths of the OPDs in those clusters.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from pamong.core.scope import EMPTY_SCOPE, Grant, Scope
from pamong.org.models import OrgUnit

from .models import RoleAssignment
from .roles import ROLE_ACTIONS, SELF_ACTIONS


def scope_for(user: Any) -> Scope:
    tenant_id = getattr(user, "tenant_id", None)
    if tenant_id is None or not user.is_active:
        return EMPTY_SCOPE
    tenant = user.tenant
    today = timezone.localtime(timezone.now(), tenant.zone).date()
    assignments = list(
        RoleAssignment.objects.filter(tenant_id=tenant_id, user_id=user.pk)
        .valid_on(today)
        .select_related("org_unit")
        .only("role", "include_descendants", "cluster_id", "org_unit__path", "org_unit__depth")
    )
    cluster_ids = {a.cluster_id for a in assignments if a.cluster_id}
    cluster_paths: dict[int, list[str]] = {}
    if cluster_ids:
        for cluster_id, path in OrgUnit.objects.filter(tenant_id=tenant_id, cluster_id__in=cluster_ids).values_list(
            "cluster_id", "path"
        ):
            cluster_paths.setdefault(cluster_id, []).append(path)
    grants: list[Grant] = []
    for assignment in assignments:
        actions = ROLE_ACTIONS.get(assignment.role, frozenset())
        if not actions:
            continue
        if assignment.org_unit_id:
            unit = assignment.org_unit
            # The root with its subtree is the whole tenant, including rows placed
            # nowhere in the tree (users without an employee record, tenant-level events).
            whole_tenant = unit.depth == 0 and assignment.include_descendants
            grants.append(Grant(actions, None if whole_tenant else unit.path, assignment.include_descendants))
        if assignment.cluster_id:
            grants.extend(Grant(actions, path, True) for path in cluster_paths.get(assignment.cluster_id, []))
    return Scope(
        tenant_id=tenant_id,
        grants=tuple(grants),
        employee_id=user.employee_id,
        self_actions=SELF_ACTIONS if user.employee_id else frozenset(),
        roles=frozenset(a.role for a in assignments),
    )
