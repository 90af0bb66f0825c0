"""``attendance_holidays_seed --tenant <region_code|all> --year 2026``: copy a year's national holidays and cuti
bersama into a tenant's holiday table. Idempotent: rows already there are left as they are."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pamong.core.errors import DomainError
from pamong.core.models import Tenant
from pamong.core.scope import SystemActor

from ...services.calendars_holidays import holidays_seed, seedable_years


class Command(BaseCommand):
    help = "Seed national holidays and cuti bersama of a year into one tenant (region code) or all tenants."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tenant", required=True, help="Region code (e.g. 73.10), or 'all'.")
        parser.add_argument("--year", type=int, required=True, help=f"One of {seedable_years()}.")

    def handle(self, *args: Any, **options: Any) -> None:
        code, year = options["tenant"], options["year"]
        tenants = Tenant.objects.filter(is_active=True).order_by("region_code")
        if code != "all":
            tenants = tenants.filter(region_code=code)
            if not tenants.exists():
                raise CommandError(f"No active tenant with region code {code}.")
        for tenant in tenants:
            try:
                result = holidays_seed(actor=SystemActor(tenant_id=tenant.pk, label="holidays_seed"), year=year)
            except DomainError as exc:
                raise CommandError(f"{tenant.region_code}: {exc.message}") from exc
            self.stdout.write(
                f"{tenant.region_code} {tenant.name}: {year} created {result.created}, already there {result.existing}"
            )
