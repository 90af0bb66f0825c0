"""A tenant's discipline settings: ``Tenant.settings["discipline"]``, every key optional, defaults documented.

Values the domain marks [M], [L] or [UNCONFIRMED] (``docs/rules/discipline.md``) are configuration here with
their documented default, never constants in code:

- ``transitional_substitute`` (true): sedang sanctions are executed as their PP 94 transitional substitutes
  (KGB / KP deferred, pangkat lowered) until the PP on pay and allowances is in force [M-H];
- ``holiday_breaks_streak`` (false): whether a holiday breaks a run of unexcused working days [M];
- ``streak_days`` (10): the run that leads to PDH TAPS (PP 94 Pasal 11(2) d 4) [H];
- ``summons_lead_working_days`` (7), ``second_summons_within_working_days`` (7) [M-H];
- ``delivery_within_days`` (14) and ``delivery_in_working_days`` (true) [M];
- ``send_within_working_days`` (3) [M];
- ``effective_after_days`` (15) and ``effective_in_working_days`` (true) [M];
- ``appeal_within_working_days`` (14) [M-H];
- ``warning_response_working_days`` (5): the superior's time to act on a warning before it escalates
  [UNCONFIRMED];
- ``report_due_day`` (10) and ``summary_due_day`` (15): days of the following month on which an OPD's
  supervision report and an Asisten's cluster summary are due [UNCONFIRMED].
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from django.utils.translation import gettext as _

from pamong.core.errors import ValidationFailed

from .rules.procedure import ProcedureSettings
from .rules.supervision import SupervisionSettings


@dataclass(frozen=True)
class DisciplineSettings:
    transitional_substitute: bool = True
    holiday_breaks_streak: bool = False
    streak_days: int = 10
    summons_lead_working_days: int = 7
    second_summons_within_working_days: int = 7
    delivery_within_days: int = 14
    delivery_in_working_days: bool = True
    send_within_working_days: int = 3
    effective_after_days: int = 15
    effective_in_working_days: bool = True
    appeal_within_working_days: int = 14
    warning_response_working_days: int = 5
    report_due_day: int = 10
    summary_due_day: int = 15

    @property
    def procedure(self) -> ProcedureSettings:
        """The procedural counts as the pure rules take them."""
        names = {f.name for f in fields(ProcedureSettings)}
        return ProcedureSettings(**{name: getattr(self, name) for name in names})

    @property
    def supervision(self) -> SupervisionSettings:
        names = {f.name for f in fields(SupervisionSettings)}
        return SupervisionSettings(**{name: getattr(self, name) for name in names})


_BOUNDS: dict[str, tuple[int, int]] = {
    "streak_days": (2, 60),
    "summons_lead_working_days": (1, 60),
    "second_summons_within_working_days": (1, 60),
    "delivery_within_days": (1, 90),
    "send_within_working_days": (1, 30),
    "effective_after_days": (1, 90),
    "appeal_within_working_days": (1, 90),
    "warning_response_working_days": (1, 60),
    "report_due_day": (1, 28),
    "summary_due_day": (1, 28),
}


def discipline_settings(tenant: Any) -> DisciplineSettings:
    """The tenant's discipline settings; a broken value is refused naming the key and its range."""
    raw = tenant.settings if isinstance(getattr(tenant, "settings", None), dict) else {}
    own = raw.get("discipline") or {}
    if not isinstance(own, dict):
        raise ValidationFailed(_("Pengaturan disiplin harus berupa objek JSON."))
    known = {f.name: f for f in fields(DisciplineSettings)}
    values: dict[str, Any] = {}
    for key, value in own.items():
        if key not in known:
            raise ValidationFailed(_("Pengaturan disiplin tidak dikenal: %(key)s.") % {"key": key})
        if key in _BOUNDS:
            low, high = _BOUNDS[key]
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise ValidationFailed(
                    _("Pengaturan disiplin %(key)s harus bilangan bulat %(low)d sampai %(high)d.")
                    % {"key": key, "low": low, "high": high}
                )
        elif not isinstance(value, bool):
            raise ValidationFailed(_("Pengaturan disiplin %(key)s harus true atau false.") % {"key": key})
        values[key] = value
    return DisciplineSettings(**values)
