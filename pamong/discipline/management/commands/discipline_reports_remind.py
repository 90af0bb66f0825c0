"""The daily GDN supervision run for every active tenant (or one), from cron after midnight.

    python manage.py discipline_reports_remind                          # every active tenant, as of its today
    python manage.py discipline_reports_remind --tenant 73.10 --date 2026-12-01

Per tenant: the drafts of the reporting month (last month) prepared for every OPD, or refreshed while they are
drafts; then the heads reminded of the reports due in three days or fewer and of the late ones (the day after
the due day and weekly). Prints one line per tenant. Safe to run twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from pamong.core.commands import active_tenants, date_option
from pamong.discipline.services.supervision_jobs import reports_daily


class Command(BaseCommand):
    help = "GDN supervision reports: prepare last month's drafts for every OPD and remind heads of due/late reports."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tenant", help="Kemendagri region code of one tenant, e.g. 73.10 (default: all)")
        parser.add_argument("--date", help="the run's today, YYYY-MM-DD (default: today in each tenant's zone)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = date_option(options["date"])
        for tenant in active_tenants(options["tenant"]):
            result = reports_daily(tenant_id=tenant.pk, today=today)
            self.stdout.write(f"{tenant.region_code} {result.summary()}")
