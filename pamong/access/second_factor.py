"""Who must pass a TOTP second factor, and the device helpers for it."""

from __future__ import annotations

from typing import Any

from django_otp.plugins.otp_totp.models import TOTPDevice

from pamong.core.scope import scope_of

from .roles import SECOND_FACTOR_ROLES


def requires_second_factor(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.is_staff:
        return True
    return bool(scope_of(user).roles & SECOND_FACTOR_ROLES)


def confirmed_device(user: Any) -> TOTPDevice | None:
    device: TOTPDevice | None = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device
