"""The tenant loop shared by the reports' commands: each active tenant (or one), on its own date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pamong.core.errors import DomainError
from pamong.core.models import Tenant
from pamong.core.scope import SystemActor


def add_tenant_arguments(parser: CommandParser) -> None:
    parser.add_argument("--date", type=dt.date.fromisoformat, help="YYYY-MM-DD (default: each tenant's today)")
    parser.add_argument("--tenant", help="region code of one tenant (default: every active tenant)")


def for_each_tenant(
    command: BaseCommand, options: dict[str, Any], label: str, run: Callable[[SystemActor, dt.date], str]
) -> None:
    """Call ``run(system actor, tenant-local date)`` per tenant and print its line; a refusal is printed, not fatal."""
    tenants = Tenant.objects.filter(is_active=True)
    if options["tenant"]:
        tenants = tenants.filter(region_code=options["tenant"])
        if not tenants.exists():
            raise CommandError(f"no active tenant with region code {options['tenant']}")
    for tenant in tenants:
        today = options["date"] or tenant.today()
        try:
            line = run(SystemActor(tenant_id=tenant.pk, label=label), today)
        except DomainError as exc:
            command.stderr.write(f"{tenant.region_code} {tenant.name}: {exc.message}")
            continue
        command.stdout.write(f"{tenant.region_code} {tenant.name}: {line}")
