"""The nightly attendance run for every active tenant (or one), from cron after midnight.

    python manage.py attendance_nightly                          # every active tenant, as of its today
    python manage.py attendance_nightly --tenant 73.10 --date 2026-11-20

Per tenant: ScheduleDay built ahead where missing, yesterday derived for everyone, the recompute queue
processed, the current month's recaps rebuilt (``derive.nightly``). Prints each step's count and seconds.
Safe to run twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from pamong.attendance.derive.nightly import nightly_run
from pamong.core.commands import active_tenants, date_option


class Command(BaseCommand):
    help = "Nightly attendance: schedule days ahead, yesterday's days, the recompute queue, this month's recaps."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tenant", help="Kemendagri region code of one tenant, e.g. 73.10 (default: all)")
        parser.add_argument("--date", help="the run's today, YYYY-MM-DD (default: today in each tenant's zone)")

    def handle(self, *args: Any, **options: Any) -> None:
        tenants = active_tenants(options["tenant"])
        today = date_option(options["date"])
        for tenant in tenants:
            report = nightly_run(tenant_id=tenant.pk, today=today)
            self.stdout.write(f"{tenant.region_code} {report.summary()}")
