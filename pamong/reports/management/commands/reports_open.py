"""Open the periodic reports that are due (run nightly from cron or a systemd timer)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pamong.core.errors import DomainError
from pamong.core.models import Tenant
from pamong.core.scope import SystemActor
from pamong.reports.services import reports_open_due


class Command(BaseCommand):
    help = "Open every periodic report due by today (or --date) in each active tenant; safe to run twice."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=dt.date.fromisoformat, help="YYYY-MM-DD (default: each tenant's today)")
        parser.add_argument("--tenant", help="region code of one tenant (default: every active tenant)")

    def handle(self, *args: Any, **options: Any) -> None:
        tenants = Tenant.objects.filter(is_active=True)
        if options["tenant"]:
            tenants = tenants.filter(region_code=options["tenant"])
            if not tenants.exists():
                raise CommandError(f"no active tenant with region code {options['tenant']}")
        for tenant in tenants:
            today = options["date"] or tenant.today()
            try:
                result = reports_open_due(actor=SystemActor(tenant_id=tenant.pk, label="reports_open"), today=today)
            except DomainError as exc:
                self.stderr.write(f"{tenant.region_code} {tenant.name}: {exc.message}")
                continue
            self.stdout.write(
                f"{tenant.region_code} {tenant.name}: "
                f"{result.reports} laporan dibuka, {result.values} nilai ditambahkan"
            )
