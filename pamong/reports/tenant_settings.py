"""A tenant's settings for periodic reports: the performance rules' deadlines and reminders, plus the reports' own.

``Tenant.settings["performance"]`` is parsed by ``pamong.performance.rules.config.PerformanceRules``
(``report_due_days``, ``reminder_days_before``); ``Tenant.settings["reports"]`` holds what only this app
reads (ADR 0017, 0018):

- ``evidence_max_mb``: the largest evidence file, in MB (default 10, 1 to 50);
- ``governance_period_kind``: ``"quarterly"`` (default) or ``"monthly"``, how often a Camat reports on
  governance.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from pamong.core.errors import ValidationFailed
from pamong.performance.rules.config import ConfigError, PerformanceRules
from pamong.planning.choices import PeriodKind

DEFAULT_EVIDENCE_MAX_MB = 10
MAX_EVIDENCE_MAX_MB = 50


@dataclass(frozen=True)
class ReportSettings:
    rules: PerformanceRules
    evidence_max_bytes: int
    governance_period_kind: str

    @property
    def evidence_max_mb(self) -> int:
        return self.evidence_max_bytes // (1024 * 1024)


def report_settings(tenant: Any) -> ReportSettings:
    """The tenant's settings; a broken configuration is refused with every problem named."""
    raw = tenant.settings if isinstance(tenant.settings, dict) else {}
    try:
        rules = PerformanceRules.from_mapping(raw.get("performance") or {})
    except ConfigError as exc:
        messages = [issue.message_id for issue in exc.issues]
        raise ValidationFailed(
            _("Pengaturan kinerja pemerintah daerah tidak sah: %(problems)s") % {"problems": " ".join(messages)}
        ) from exc
    own = raw.get("reports") or {}
    size = own.get("evidence_max_mb", DEFAULT_EVIDENCE_MAX_MB)
    kind = own.get("governance_period_kind", PeriodKind.QUARTERLY)
    if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= MAX_EVIDENCE_MAX_MB:
        raise ValidationFailed(
            _("Pengaturan laporan evidence_max_mb harus bilangan bulat 1 sampai %(max)d.")
            % {"max": MAX_EVIDENCE_MAX_MB}
        )
    if kind not in PeriodKind.values:
        raise ValidationFailed(_("Pengaturan laporan governance_period_kind harus quarterly atau monthly."))
    return ReportSettings(rules=rules, evidence_max_bytes=size * 1024 * 1024, governance_period_kind=kind)
