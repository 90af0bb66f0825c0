"""Flag the check-in anomalies of a day for every active tenant (or one), from cron (nightly).

    python manage.py attendance_anomalies                        # yesterday, every active tenant
    python manage.py attendance_anomalies --tenant 73.10 --date 2026-11-19

Runs ``anomalies_detect`` synchronously as the system actor; safe to run twice (existing flags are kept).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pamong.attendance.services.anomalies import anomalies_detect
from pamong.core.commands import active_tenants, date_option
from pamong.core.errors import DomainError
from pamong.core.scope import SystemActor


class Command(BaseCommand):
    help = "Flag check-in anomalies (shared/repeated coordinates, impossible travel, shared phones, mock locations)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tenant", help="Kemendagri region code of one tenant, e.g. 73.10 (default: all)")
        parser.add_argument("--date", help="the day, YYYY-MM-DD (default: yesterday in each tenant's zone)")

    def handle(self, *args: Any, **options: Any) -> None:
        tenants = active_tenants(options["tenant"])
        fixed = date_option(options["date"])
        failed = False
        for tenant in tenants:
            day = fixed or tenant.today() - dt.timedelta(days=1)
            actor = SystemActor(tenant_id=tenant.pk, label="attendance_anomalies")
            try:
                counts = anomalies_detect(actor=actor, tenant_id=tenant.pk, day=day)
            except DomainError as exc:
                failed = True
                self.stderr.write(f"{tenant.region_code}: {exc.message}")
                continue
            found = ", ".join(f"{kind} {n}" for kind, n in counts.items() if n) or "none"
            self.stdout.write(f"{tenant.region_code} {day.isoformat()}: new flags: {found}")
        if failed:
            raise CommandError("some tenants failed")
