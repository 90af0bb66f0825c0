"""The tenant's performance settings (``Tenant.settings["performance"]``) as ``PerformanceRules``.

Read by services, selectors and views alike (outside the service/selector layers so both may use it).
"""

from __future__ import annotations

import logging
from typing import Any

from pamong.core.models import Tenant
from pamong.performance.rules.config import ConfigError, PerformanceRules

logger = logging.getLogger(__name__)

SETTINGS_KEY = "performance"


def rules_of(tenant: Tenant) -> PerformanceRules:
    """The tenant's rules; raises ``ConfigError`` listing every problem if its settings are invalid."""
    settings: dict[str, Any] = tenant.settings or {}
    return PerformanceRules.from_mapping(settings.get(SETTINGS_KEY))


def rules_for_display(tenant: Tenant) -> PerformanceRules:
    """The tenant's rules for showing pages: invalid settings are logged and the defaults shown instead.

    The settings page validates before saving, so this only happens after a hand edit in the Django
    admin; the score refresh (``rules_of``) then fails loudly and names the problems.
    """
    try:
        return rules_of(tenant)
    except ConfigError as error:
        logger.error("invalid performance settings of tenant %s: %s", tenant.pk, error)
        return PerformanceRules()
