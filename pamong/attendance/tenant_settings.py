"""A tenant's attendance settings: ``Tenant.settings["attendance"]``, every key optional, defaults documented.

Values the domain marks [M], [L] or [UNCONFIRMED] (docs/rules/attendance.md) are configuration here with
their documented default, never constants in code:

- ``late_grace_minutes`` / ``early_grace_minutes`` (0): forgiven TL/PSW minutes per day [M];
- ``min_gap_minutes`` (60): least minutes between check-in and a punch that counts as check-out [UNCONFIRMED];
- ``cuti_bersama_counts_as_holiday`` (true): cuti bersama days are days off in the day statuses [M];
- ``max_punch_age_days`` (62): how old a punch may be when it arrives (a USB file from last month) [L];
- ``future_tolerance_seconds`` (300): how far a punch may lie in the server's future (clock skew) [L];
- ``device_drift_seconds`` (120): device clock drift beyond which a device is flagged (devices.md) [M];
- ``checkin_clock_tolerance_seconds`` (300): how far a phone's clock may differ from the server's when it
  sends a check-in; within it the phone's punch time is recorded as is [L];
- ``offline_max_hours`` (72): how long a check-in may wait in the phone's offline queue [L];
- ``impossible_speed_kmh`` (120): faster travel between two punches is flagged [L];
- ``shared_device_accounts`` (3): a phone used by this many accounts in a day is flagged [L];
- ``repeated_coordinate_days`` (5): identical coordinates on this many days are flagged [L].
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from django.utils.translation import gettext as _

from pamong.core.errors import ValidationFailed


@dataclass(frozen=True)
class AttendanceSettings:
    late_grace_minutes: int = 0
    early_grace_minutes: int = 0
    min_gap_minutes: int = 60
    cuti_bersama_counts_as_holiday: bool = True
    max_punch_age_days: int = 62
    future_tolerance_seconds: int = 300
    device_drift_seconds: int = 120
    checkin_clock_tolerance_seconds: int = 300
    offline_max_hours: int = 72
    impossible_speed_kmh: int = 120
    shared_device_accounts: int = 3
    repeated_coordinate_days: int = 5


_BOUNDS: dict[str, tuple[int, int]] = {
    "late_grace_minutes": (0, 120),
    "early_grace_minutes": (0, 120),
    "min_gap_minutes": (1, 720),
    "max_punch_age_days": (1, 400),
    "future_tolerance_seconds": (0, 3600),
    "device_drift_seconds": (10, 86400),
    "checkin_clock_tolerance_seconds": (10, 3600),
    "offline_max_hours": (1, 720),
    "impossible_speed_kmh": (10, 2000),
    "shared_device_accounts": (2, 100),
    "repeated_coordinate_days": (2, 60),
}


def attendance_settings(tenant: Any) -> AttendanceSettings:
    """The tenant's attendance settings; a broken value is refused naming the key and its range."""
    raw = tenant.settings if isinstance(getattr(tenant, "settings", None), dict) else {}
    own = raw.get("attendance") or {}
    if not isinstance(own, dict):
        raise ValidationFailed(_("Pengaturan presensi harus berupa objek JSON."))
    values: dict[str, Any] = {}
    known = {f.name for f in fields(AttendanceSettings)}
    for key, value in own.items():
        if key not in known:
            raise ValidationFailed(_("Pengaturan presensi tidak dikenal: %(key)s.") % {"key": key})
        if key == "cuti_bersama_counts_as_holiday":
            if not isinstance(value, bool):
                raise ValidationFailed(_("Pengaturan presensi %(key)s harus true atau false.") % {"key": key})
        else:
            low, high = _BOUNDS[key]
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise ValidationFailed(
                    _("Pengaturan presensi %(key)s harus bilangan bulat %(low)d sampai %(high)d.")
                    % {"key": key, "low": low, "high": high}
                )
        values[key] = value
    return AttendanceSettings(**values)
