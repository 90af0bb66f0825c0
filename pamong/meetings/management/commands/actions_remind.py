"""The daily action-item run for every active tenant (or one), from cron in the morning.

    python manage.py actions_remind                          # every active tenant, as of its today
    python manage.py actions_remind --tenant 73.10 --date 2026-12-01

Per tenant: owners reminded 3 and 1 days before an item's due date; overdue items flagged to the owner, the owner
unit's head and the meeting's chair, once each. Prints one line per tenant. Safe to run twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from pamong.core.commands import active_tenants, date_option
from pamong.meetings.services.actions_reminders import actions_remind


class Command(BaseCommand):
    help = "Action items: remind owners before due dates and flag overdue items (once each)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tenant", help="Kemendagri region code of one tenant, e.g. 73.10 (default: all)")
        parser.add_argument("--date", help="the run's today, YYYY-MM-DD (default: today in each tenant's zone)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = date_option(options["date"])
        for tenant in active_tenants(options["tenant"]):
            result = actions_remind(tenant_id=tenant.pk, today=today)
            self.stdout.write(f"{tenant.region_code} {result.summary()}")
