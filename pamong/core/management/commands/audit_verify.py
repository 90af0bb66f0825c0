"""Verify every tenant's audit hash chain; exit 1 and name the first broken link."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pamong.core.audit import chain_head, verify_chain
from pamong.core.models import Tenant


class Command(BaseCommand):
    help = "Verify the hash-chained audit trail; reports the first altered or missing event per tenant."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tenant", help="region code of one tenant (default: all tenants)")

    def handle(self, *args: Any, **options: Any) -> None:
        tenants = Tenant.objects.order_by("pk")
        if options["tenant"]:
            tenants = tenants.filter(region_code=options["tenant"])
            if not tenants.exists():
                raise CommandError(f"no tenant with region code {options['tenant']}")
        broken = 0
        for tenant in tenants:
            checked, problem = verify_chain(tenant.pk)
            if problem is None:
                seq, digest = chain_head(tenant.pk)
                self.stdout.write(
                    f"OK    {tenant.region_code} {tenant.name}: {checked} events, chain intact; "
                    f"head #{seq} {digest} (note it down: a later head must extend it)"
                )
            else:
                broken += 1
                self.stdout.write(f"BROKEN {tenant.region_code} {tenant.name}: {problem}")
        if broken:
            raise CommandError(f"audit chain broken for {broken} tenant(s)")
