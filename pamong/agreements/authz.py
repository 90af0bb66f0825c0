"""Who may draft and who may sign an agreement, with the 404/403 split of ``pamong.core.authz``.

Seeing agreements is ``performance.view``; drafting, changing, submitting, returning and cancelling a
unit's versions is ``agreements.manage`` over that unit (its head, its performance operator, or a Bappeda
planner over the whole tenant); signing is ``agreements.sign`` plus being the party: the unit's head on the
signing day, or the head of region (``agreements.sign`` over the whole tenant).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from pamong.access.roles import AGREEMENTS_MANAGE, AGREEMENTS_SIGN, PERFORMANCE_VIEW
from pamong.core.authz import authorize
from pamong.core.models import ScopedModel
from pamong.core.scope import scope_of


def authorize_manage(actor: Any, target: ScopedModel) -> None:
    """Raise unless the actor may draft or change the agreement of ``target`` (a unit or a version)."""
    authorize(
        actor,
        AGREEMENTS_MANAGE,
        target,
        visible_action=PERFORMANCE_VIEW,
        denied=_("Anda tidak berwenang menyusun perjanjian kinerja unit ini."),
    )


def authorize_sign(actor: Any, target: ScopedModel) -> None:
    """Raise unless the actor may sign agreements of ``target``'s unit at all (the party is checked apart)."""
    authorize(
        actor,
        AGREEMENTS_SIGN,
        target,
        visible_action=PERFORMANCE_VIEW,
        denied=_("Anda tidak berwenang menandatangani perjanjian kinerja unit ini."),
    )


def signs_for_region(actor: Any, tenant_id: int) -> bool:
    """Whether the actor signs as the head of region (``agreements.sign`` over the whole tenant)."""
    return scope_of(actor).allows(AGREEMENTS_SIGN, tenant_id=tenant_id, path=None)
