"""Open the periodic reports that are due (run nightly from cron or a systemd timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from pamong.reports.services import reports_open_due

from ..tenants import add_tenant_arguments, for_each_tenant


class Command(BaseCommand):
    help = "Open every periodic report due by today (or --date) in each active tenant; safe to run twice."

    def add_arguments(self, parser: CommandParser) -> None:
        add_tenant_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        def run(actor: Any, today: Any) -> str:
            result = reports_open_due(actor=actor, today=today)
            return f"{result.reports} laporan dibuka, {result.values} nilai ditambahkan"

        for_each_tenant(self, options, "reports_open", run)
