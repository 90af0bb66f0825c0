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


def authorize(actor: Any, action: str, target: ScopedModel, *, visible_action: str = "", denied: str = "") -> None:
    """Raise unless ``actor`` may perform ``action`` on ``target``.

    Whoever may see the target (``visible_action``, by default the model's ``view_action``)
    is told "forbidden" (``denied`` overrides the message); anyone else "not found".
    """
    scope = scope_of(actor)
    tenant_id, path, employee_id = target.tenant_id, target.scope_path(), target.scope_employee_id()
    if scope.allows(action, tenant_id=tenant_id, path=path, employee_id=employee_id):
        return
    visible_action = visible_action or target.view_action
    if visible_action and scope.allows(visible_action, tenant_id=tenant_id, path=path, employee_id=employee_id):
        raise Forbidden(denied or _("Anda tidak berwenang melakukan tindakan ini."))
    raise NotFoundError(_("Data tidak ditemukan."))


def authorize_at(
    actor: Any, action: str, *, tenant_id: int, path: str | None, visible_action: str = "", denied: str = ""
) -> None:
    """Raise unless ``actor`` may perform ``action`` at a place in the tree (``path`` None: the whole tenant).

    With ``visible_action``, someone who may see that place is told "forbidden" instead of
    "not found"; tenant-wide rows (``path`` None) are seen by whoever holds it anywhere in the tenant.
    """
    scope = scope_of(actor)
    if scope.allows(action, tenant_id=tenant_id, path=path):
        return
    if visible_action and scope.tenant_id == tenant_id:
        visible = (
            scope.can(visible_action) if path is None else scope.allows(visible_action, tenant_id=tenant_id, path=path)
        )
        if visible:
            raise Forbidden(denied or _("Anda tidak berwenang melakukan tindakan ini."))
    raise NotFoundError(_("Data tidak ditemukan."))


def require_tenant(actor: Any) -> int:
    """The actor's tenant id; users without a tenant may not use tenant services."""
    tenant_id = scope_of(actor).tenant_id
    if tenant_id is None:
        raise NotFoundError(_("Data tidak ditemukan."))
    return tenant_id
