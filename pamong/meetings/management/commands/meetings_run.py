"""The hourly meetings run for every active tenant (or one), from cron or the task worker.

    python manage.py meetings_run                                  # every active tenant, now
    python manage.py meetings_run --tenant 73.10 --now 2026-11-20T09:00+08:00

Per tenant: the next meetings of every active series (moved off non-working days; idempotent), the pre-read brief
of every invited unit of the meetings whose ``pre_read_at`` has passed (48 hours before; each meeting once), and a
reminder to the organiser of every held meeting whose commitments memo is past its due date. Prints the counts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from pamong.core.commands import active_tenants
from pamong.meetings.services.briefs import meetings_run


class Command(BaseCommand):
    help = "Meetings: generate series meetings, make due briefs, flag late commitments memos."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tenant", help="Kemendagri region code of one tenant, e.g. 73.10 (default: all)")
        parser.add_argument("--now", help="the run's instant, ISO 8601 with offset (default: now)")

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        if options["now"]:
            try:
                now = dt.datetime.fromisoformat(options["now"])
            except ValueError as exc:
                raise CommandError("--now must be an ISO 8601 instant, e.g. 2026-11-20T09:00+08:00") from exc
            if now.tzinfo is None:
                raise CommandError("--now needs a UTC offset, e.g. +08:00 for WITA")
        for tenant in active_tenants(options["tenant"]):
            self.stdout.write(f"{tenant.region_code} {meetings_run(tenant=tenant, now=now).summary()}")
