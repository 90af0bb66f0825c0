"""What a user may do where: the value object behind every scoping decision.

A ``Scope`` is computed once per request by the resolver named in
``settings.PAMONG_SCOPE_RESOLVER`` (the access app), so core never imports a
domain app. Both the queryset filter (``visible_to``) and the service check
(``authorize``) read the same grants, so a list and a write can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Grant:
    """Permission to perform ``actions`` on objects under ``path``.

    ``path`` None means the whole tenant. ``descendants`` False limits the grant
    to objects attached to exactly that unit.
    """

    actions: frozenset[str]
    path: str | None
    descendants: bool = True

    def covers(self, path: str) -> bool:
        if self.path is None:
            return True
        if self.descendants:
            return path.startswith(self.path)
        return path == self.path


@dataclass(frozen=True)
class Scope:
    """All grants of one user at one moment, inside one tenant."""

    tenant_id: int | None
    grants: tuple[Grant, ...] = ()
    employee_id: int | None = None
    self_actions: frozenset[str] = field(default_factory=frozenset)
    roles: frozenset[str] = field(default_factory=frozenset)

    def grants_for(self, action: str) -> tuple[Grant, ...]:
        return tuple(g for g in self.grants if action in g.actions or ALL_ACTIONS in g.actions)

    def allows(self, action: str, *, tenant_id: int, path: str | None, employee_id: int | None = None) -> bool:
        """Whether ``action`` is allowed on an object of ``tenant_id`` placed at ``path``."""
        if self.tenant_id is None or tenant_id != self.tenant_id:
            return False
        if employee_id is not None and employee_id == self.employee_id and action in self.self_actions:
            return True
        return any(grant.path is None or (path is not None and grant.covers(path)) for grant in self.grants_for(action))

    def can(self, action: str) -> bool:
        """Whether the user holds ``action`` anywhere (for menus, never for data)."""
        return bool(self.grants_for(action)) or action in self.self_actions


EMPTY_SCOPE = Scope(tenant_id=None)

#: Wildcard action, held only by the system actor.
ALL_ACTIONS = "*"


@dataclass
class SystemActor:
    """The actor of demo seeding, command-line imports and background jobs.

    It may do everything inside one tenant and nothing outside it; its events are
    recorded with ``actor_label`` ``system:<label>``.
    """

    tenant_id: int
    label: str = "system"
    pk: None = None
    is_authenticated: bool = True

    @property
    def username(self) -> str:
        return f"system:{self.label}"

    @property
    def _pamong_scope(self) -> Scope:
        return Scope(tenant_id=self.tenant_id, grants=(Grant(frozenset({ALL_ACTIONS}), None),))


class ScopeResolver(Protocol):
    def __call__(self, user: Any) -> Scope: ...


def scope_of(user: Any) -> Scope:
    """The user's scope, computed once and cached on the user object."""
    if user is None or not getattr(user, "is_authenticated", False):
        return EMPTY_SCOPE
    cached = getattr(user, "_pamong_scope", None)
    if isinstance(cached, Scope):
        return cached
    resolver: ScopeResolver = import_string(settings.PAMONG_SCOPE_RESOLVER)
    scope = resolver(user)
    user._pamong_scope = scope
    return scope


def forget_scope(user: Any) -> None:
    """Drop the cached scope, e.g. after a role change in the same request."""
    if hasattr(user, "_pamong_scope"):
        del user._pamong_scope
