"""Roles and what each may do. A role says *what*; its assignment's unit says *where*.

Actions are dotted strings checked by ``visible_to`` and ``authorize``. Later
apps add their actions to ``ROLE_ACTIONS``; the permission matrix documents it
(docs/permissions.md).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    HEAD_OF_REGION = "head_of_region", _("Bupati / Wali Kota")
    DEPUTY_HEAD = "deputy_head", _("Wakil Bupati / Wakil Wali Kota")
    REGIONAL_SECRETARY = "regional_secretary", _("Sekretaris Daerah")
    ASSISTANT = "assistant", _("Asisten Sekda")
    OPD_HEAD = "opd_head", _("Kepala OPD")
    CAMAT = "camat", _("Camat")
    VERIFIER = "verifier", _("Verifikator (Bappeda/Inspektorat)")
    HR_ADMIN = "hr_admin", _("Admin BKPSDM")
    ASN = "asn", _("ASN")
    PLANNER = "planner", _("Perencana Bappeda")
    PLATFORM_ADMIN = "platform_admin", _("Admin platform")


ORG_VIEW = "org.view"
ORG_MANAGE = "org.manage"
PEOPLE_VIEW = "people.view"
PEOPLE_MANAGE = "people.manage"
IMPORTS_RUN = "imports.run"
ACCESS_MANAGE = "access.manage"
AUDIT_VIEW = "audit.view"
PLANNING_VIEW = "planning.view"
PLANNING_MANAGE = "planning.manage"

_LEADERSHIP = frozenset({ORG_VIEW, PEOPLE_VIEW, PLANNING_VIEW})

ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.HEAD_OF_REGION: _LEADERSHIP,
    Role.DEPUTY_HEAD: _LEADERSHIP,
    Role.REGIONAL_SECRETARY: _LEADERSHIP | {AUDIT_VIEW},
    Role.ASSISTANT: _LEADERSHIP,
    # Heads maintain their own unit's Renstra (strategic targets, indicators, trajectories).
    Role.OPD_HEAD: _LEADERSHIP | {PLANNING_MANAGE},
    Role.CAMAT: _LEADERSHIP | {PLANNING_MANAGE},
    Role.VERIFIER: frozenset({ORG_VIEW, AUDIT_VIEW, PLANNING_VIEW}),
    Role.HR_ADMIN: frozenset(
        {ORG_VIEW, ORG_MANAGE, PEOPLE_VIEW, PEOPLE_MANAGE, IMPORTS_RUN, ACCESS_MANAGE, AUDIT_VIEW, PLANNING_VIEW}
    ),
    Role.ASN: frozenset({ORG_VIEW, PLANNING_VIEW}),
    # Assigned over the root, so tenant-wide: the RPJMD (period, missions, goals, targets, programs) is theirs;
    # org.view to pick the OPD that owns a priority program.
    Role.PLANNER: frozenset({ORG_VIEW, PLANNING_VIEW, PLANNING_MANAGE}),
    Role.PLATFORM_ADMIN: frozenset(),
}

#: What every user with an employee record may do on their own records.
SELF_ACTIONS = frozenset({PEOPLE_VIEW})

#: Roles whose holders must pass a TOTP second factor at login.
SECOND_FACTOR_ROLES = frozenset({Role.HR_ADMIN, Role.PLATFORM_ADMIN})
