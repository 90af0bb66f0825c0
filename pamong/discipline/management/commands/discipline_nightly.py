"""The nightly discipline run for every active tenant (or one), from cron after the attendance run.

    python manage.py discipline_nightly                          # every active tenant, as of its today
    python manage.py discipline_nightly --tenant 73.10 --date 2026-11-20

Per tenant: the PP 94/2021 ladder of the year evaluated through yesterday (standings, new warnings to the direct
superiors and BKPSDM), then every open warning past its due date escalated to the superior's own superior.
Prints the counts. Safe to run twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from pamong.core.commands import active_tenants, date_option
from pamong.discipline.services.ladder_nightly import ladder_nightly


class Command(BaseCommand):
    help = "Nightly discipline: evaluate the absence ladder through yesterday and escalate overdue warnings."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tenant", help="Kemendagri region code of one tenant, e.g. 73.10 (default: all)")
        parser.add_argument("--date", help="the run's today, YYYY-MM-DD (default: today in each tenant's zone)")

    def handle(self, *args: Any, **options: Any) -> None:
        tenants = active_tenants(options["tenant"])
        today = date_option(options["date"])
        for tenant in tenants:
            report = ladder_nightly(tenant_id=tenant.pk, today=today)
            self.stdout.write(f"{tenant.region_code} {report.summary()}")
