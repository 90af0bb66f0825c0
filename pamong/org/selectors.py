"""Reads of the organisation tree for pages: one level at a time, counts annotated in the same query.

The tree is browsed lazily (a regency has hundreds of units), so every function
here returns one level or one search page in a single query, each unit carrying
``employee_count`` (active employees in its whole subtree) and ``has_children``
(whether the actor may see at least one child). Both are correlated subqueries,
never a query per unit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from pamong.core.scope import scope_of

from .models import Cluster, OrgUnit

VIEW = "org.view"
SEARCH_LIMIT = 50


def _annotated(qs: Any, *, actor: Any, show_closed: bool, today: dt.date) -> QuerySet[OrgUnit]:
    # ``employees`` is the reverse name of people.Employee.org_unit: counting through it keeps
    # org free of an import of the people app. The count is of the unit's whole subtree, like the
    # employee list filtered by that unit.
    subtree_staff = (
        OrgUnit.objects.filter(
            tenant_id=OuterRef("tenant_id"), path__startswith=OuterRef("path"), employees__is_active=True
        )
        .order_by()
        .values("tenant_id")
        .annotate(n=Count("employees"))
        .values("n")
    )
    children: Any = OrgUnit.objects.visible_to(actor, VIEW).filter(parent_id=OuterRef("pk"))
    if not show_closed:
        children = children.open_on(today)
        qs = qs.open_on(today)
    return qs.select_related("cluster").annotate(
        employee_count=Coalesce(Subquery(subtree_staff), 0),
        has_children=Exists(children),
    )


def tree_roots(*, actor: Any, show_closed: bool, today: dt.date) -> QuerySet[OrgUnit]:
    """The highest units the actor may see: the tenant root, or the top of each granted subtree."""
    grants = scope_of(actor).grants_for(VIEW)
    visible: Any = OrgUnit.objects.visible_to(actor, VIEW)
    if any(grant.path is None for grant in grants):
        roots = visible.filter(parent__isnull=True)
    else:
        # A granted path below another granted subtree is not a root of its own.
        covering = [g.path for g in grants if g.descendants and g.path]
        paths = {
            g.path
            for g in grants
            if g.path and not any(g.path != other and g.path.startswith(other) for other in covering)
        }
        roots = visible.filter(path__in=paths)
    return _annotated(roots, actor=actor, show_closed=show_closed, today=today).order_by("sort_order", "name")


def unit_children(*, actor: Any, unit: OrgUnit, show_closed: bool, today: dt.date) -> QuerySet[OrgUnit]:
    """The children of ``unit`` the actor may see, in the unit's own order."""
    qs = OrgUnit.objects.visible_to(actor, VIEW).filter(parent=unit)
    return _annotated(qs, actor=actor, show_closed=show_closed, today=today).order_by("sort_order", "name")


def unit_search(*, actor: Any, text: str, show_closed: bool, today: dt.date) -> QuerySet[OrgUnit]:
    """Visible units whose name, short name or code contains ``text`` (first ``SEARCH_LIMIT``)."""
    text = text.strip()
    matching = OrgUnit.objects.visible_to(actor, VIEW).filter(
        Q(name__icontains=text) | Q(short_name__icontains=text) | Q(code__icontains=text)
    )
    qs = _annotated(matching, actor=actor, show_closed=show_closed, today=today).select_related("parent")
    return qs.order_by("path")[:SEARCH_LIMIT]


def unit_with_counts(*, actor: Any, today: dt.date) -> QuerySet[OrgUnit]:
    """All visible units (closed ones too) with their counts, for a detail page's ``get``."""
    return _annotated(OrgUnit.objects.visible_to(actor, VIEW), actor=actor, show_closed=True, today=today)


def unit_ancestors(*, actor: Any, unit: OrgUnit) -> list[OrgUnit]:
    """The visible ancestors of ``unit``, root first, in one query over the path's ids."""
    ids = unit.ancestor_ids()
    if not ids:
        return []
    by_id = {
        u.pk: u for u in OrgUnit.objects.visible_to(actor, VIEW).filter(pk__in=ids).only("pk", "name", "tenant_id")
    }
    return [by_id[pk] for pk in ids if pk in by_id]


def clusters_with_units(*, actor: Any) -> list[tuple[Cluster, list[OrgUnit]]]:
    """The tenant's Asisten clusters, each with the OPDs it coordinates that the actor may see (two queries)."""
    tenant_id = scope_of(actor).tenant_id
    if tenant_id is None or not scope_of(actor).can("org.view"):
        return []
    clusters = list(Cluster.objects.filter(tenant_id=tenant_id).order_by("sort_order", "name"))
    units = (
        OrgUnit.objects.visible_to(actor, "org.view")
        .filter(cluster__in=clusters, closed_on__isnull=True)
        .order_by("sort_order", "name")
    )
    by_cluster: dict[int, list[OrgUnit]] = {c.pk: [] for c in clusters}
    for unit in units.only("pk", "name", "kind", "cluster_id"):
        by_cluster[unit.cluster_id].append(unit)
    return [(cluster, by_cluster[cluster.pk]) for cluster in clusters]
