"""Who may change which part of the plan: tenant-wide RPJMD rows versus an OPD's own Renstra.

The split between "not found" and "forbidden" is the one ``pamong.core.authz`` makes:
someone who may read the plan but not change it gets "forbidden", anyone else "not found".
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from pamong.access.roles import PLANNING_MANAGE, PLANNING_VIEW
from pamong.core.authz import allows, authorize, authorize_at, require_tenant
from pamong.core.errors import NotFoundError
from pamong.core.scope import scope_of
from pamong.org.models import OrgUnit


def authorize_tenant_wide(actor: Any, *targets: Any) -> int:
    """The actor's tenant id, if they may change the tenant-wide RPJMD (planning.manage over the whole tenant).

    ``targets`` of another tenant are "not found" before anything else is said about them.
    """
    tenant_id = require_tenant(actor)
    if any(target is not None and target.tenant_id != tenant_id for target in targets):
        raise NotFoundError(_("Data tidak ditemukan."))
    authorize_at(
        actor,
        PLANNING_MANAGE,
        tenant_id=tenant_id,
        path=None,
        visible_action=PLANNING_VIEW,
        denied=_("Hanya perencana Bappeda yang dapat mengubah RPJMD."),
    )
    return tenant_id


def authorize_unit(actor: Any, unit: OrgUnit) -> None:
    """Raise unless the actor may maintain the Renstra of ``unit``."""
    authorize(
        actor,
        PLANNING_MANAGE,
        unit,
        visible_action=PLANNING_VIEW,
        denied=_("Anda tidak berwenang mengubah rencana unit ini."),
    )


def can_manage_tenant_wide(actor: Any) -> bool:
    scope = scope_of(actor)
    return scope.tenant_id is not None and scope.allows(PLANNING_MANAGE, tenant_id=scope.tenant_id, path=None)


def can_manage_unit(actor: Any, unit: OrgUnit) -> bool:
    return allows(actor, PLANNING_MANAGE, unit)
