"""Changing a tenant's performance rules (``Tenant.settings["performance"]``) as a whole, validated by the rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from pamong.access.roles import PERFORMANCE_VIEW, PLANNING_MANAGE
from pamong.core import audit
from pamong.core.authz import authorize_at, require_tenant
from pamong.core.errors import ValidationFailed
from pamong.core.i18n import localized
from pamong.core.models import Tenant
from pamong.performance.rules.config import ConfigError, PerformanceRules
from pamong.performance.tenant_rules import SETTINGS_KEY

#: The job that rebuilds a tenant-year of scores (named, not imported: tasks sit above services).
REFRESH_TASK = "pamong.performance.tasks.refresh_scores"


@transaction.atomic
def performance_settings_update(
    *, actor: Any, values: Mapping[str, Any], reason: str = "", today: dt.date | None = None
) -> PerformanceRules:
    """Replace the tenant's performance settings with ``values`` (the JSON form ``PerformanceRules`` reads).

    Needs ``planning.manage`` over the whole tenant (Bappeda's planner). Every problem is named at once
    (``ConfigError``), nothing is half-applied; settings equal to the current ones change nothing. After a
    change this year's scores are rebuilt (the job is enqueued on commit).
    """
    tenant_id = require_tenant(actor)
    authorize_at(
        actor,
        PLANNING_MANAGE,
        tenant_id=tenant_id,
        path=None,
        visible_action=PERFORMANCE_VIEW,
        denied=_("Hanya perencana Bappeda yang dapat mengubah aturan kinerja."),
    )
    try:
        rules = PerformanceRules.from_mapping(values)
    except ConfigError as error:
        fields: dict[str, list[str]] = {}
        for issue in error.issues:
            fields.setdefault(issue.key or "__all__", []).append(localized(issue))
        raise ValidationFailed(
            _("Aturan kinerja tidak sah; periksa isian yang ditandai."), field_errors=fields
        ) from error
    tenant = Tenant.objects.select_for_update().get(pk=tenant_id)
    settings: dict[str, Any] = dict(tenant.settings or {})
    before = settings.get(SETTINGS_KEY)
    after = rules.to_mapping()
    if before == after:
        return rules
    settings[SETTINGS_KEY] = after
    tenant.settings = settings
    tenant.save(update_fields=["settings", "updated_at"])
    audit.record(
        actor=actor,
        tenant_id=tenant_id,
        action="performance.settings.updated",
        target=tenant,
        before=before,
        after=after,
        reason=reason,
    )
    year = (today or tenant.today()).year
    transaction.on_commit(lambda: import_string(REFRESH_TASK).enqueue(tenant_id, year))
    return rules
