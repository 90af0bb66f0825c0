"""Service-side permission checks, from the same grants as ``visible_to``.

``authorize`` answers "not found" when the actor may not even see the target
(out of scope looks exactly like absent) and "forbidden" when the actor can see
it but may not perform the action.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from .errors import Forbidden, NotFoundError
from .models import ScopedModel
from .scope import scope_of


def allows(actor: Any, action: str, target: ScopedModel) -> bool:
    """Whether ``actor`` may perform ``action`` on ``target`` (for showing buttons; services still authorize)."""
    return scope_of(actor).allows(
        action, tenant_id=target.tenant_id, path=target.scope_path(), employee_id=target.scope_employee_id()
    )


def authorize(actor: Any, action: str, target: ScopedModel) -> None:
    """Raise unless ``actor`` may perform ``action`` on ``target``."""
    scope = scope_of(actor)
    tenant_id, path, employee_id = target.tenant_id, target.scope_path(), target.scope_employee_id()
    if scope.allows(action, tenant_id=tenant_id, path=path, employee_id=employee_id):
        return
    if target.view_action and scope.allows(target.view_action, tenant_id=tenant_id, path=path, employee_id=employee_id):
        raise Forbidden(_("Anda tidak berwenang melakukan tindakan ini."))
    raise NotFoundError(_("Data tidak ditemukan."))


def authorize_at(actor: Any, action: str, *, tenant_id: int, path: str | None) -> None:
    """Raise unless ``actor`` may perform ``action`` at a place in the tree (for creation)."""
    if not scope_of(actor).allows(action, tenant_id=tenant_id, path=path):
        raise NotFoundError(_("Data tidak ditemukan."))


def require_tenant(actor: Any) -> int:
    """The actor's tenant id; users without a tenant may not use tenant services."""
    tenant_id = scope_of(actor).tenant_id
    if tenant_id is None:
        raise NotFoundError(_("Data tidak ditemukan."))
    return tenant_id
