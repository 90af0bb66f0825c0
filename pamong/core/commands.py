"""What the nightly management commands share: which tenants to run for, and a ``--date`` option."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import CommandError
from django.db.models import QuerySet

from .models import Tenant


def active_tenants(region_code: str | None) -> QuerySet[Tenant]:
    """Every active tenant by region code, or the one given (``--tenant 73.10``); an unknown code is an error."""
    tenants = Tenant.objects.filter(is_active=True).order_by("region_code")
    if region_code:
        tenants = tenants.filter(region_code=region_code)
        if not tenants.exists():
            raise CommandError(f"no active tenant with region code {region_code}")
    return tenants


def date_option(value: str | None) -> dt.date | None:
    """A ``--date YYYY-MM-DD`` option, None when not given."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError as exc:
        raise CommandError(f"--date must be YYYY-MM-DD: {exc}") from exc
