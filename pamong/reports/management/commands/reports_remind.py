"""Send the day's reminders before report deadlines (run daily from cron or a systemd timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from pamong.reports.services import reports_remind

from ..tenants import add_tenant_arguments, for_each_tenant


class Command(BaseCommand):
    help = "Remind heads and operators of reports whose reminder day is today (or --date); safe to run twice."

    def add_arguments(self, parser: CommandParser) -> None:
        add_tenant_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        def run(actor: Any, today: Any) -> str:
            return f"{reports_remind(actor=actor, today=today)} pengingat dikirim"

        for_each_tenant(self, options, "reports_remind", run)
