"""Derive the attendance days and monthly recaps of one tenant over a date range (backfills, repairs).

    python manage.py attendance_derive --tenant 73.10 --from 2026-10-01 --to 2026-10-31

Closed months are skipped (their recaps are final; corrections are recap adjustments). Prints the rows
written and the seconds taken.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pamong.attendance.derive.days import derive_days
from pamong.attendance.derive.recap import recap_month
from pamong.attendance.partitions import next_month
from pamong.core.models import Tenant


class Command(BaseCommand):
    help = "Derive attendance days and rebuild monthly recaps of one tenant from --from to --to."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tenant", required=True, help="Kemendagri region code, e.g. 73.10")
        parser.add_argument("--from", dest="start", required=True, help="first date, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="last date, YYYY-MM-DD")

    def handle(self, *args: Any, **options: Any) -> None:
        tenant = Tenant.objects.filter(region_code=options["tenant"]).first()
        if tenant is None:
            raise CommandError(f"no tenant with region code {options['tenant']}")
        try:
            start, end = dt.date.fromisoformat(options["start"]), dt.date.fromisoformat(options["end"])
        except ValueError as exc:
            raise CommandError(f"--from and --to must be YYYY-MM-DD: {exc}") from exc
        if end < start or (end - start).days > 400:
            raise CommandError("--to must be on or after --from, at most 400 days later")
        started = time.perf_counter()
        days = derive_days(tenant_id=tenant.pk, start=start, end=end)
        derived = time.perf_counter() - started
        self.stdout.write(f"{tenant.region_code}: {days} day rows in {derived:.2f} s")
        month = start.replace(day=1)
        while month <= end:
            started = time.perf_counter()
            recaps = recap_month(tenant_id=tenant.pk, year=month.year, month=month.month)
            self.stdout.write(
                f"{tenant.region_code} {month:%Y-%m}: {recaps} recaps in {time.perf_counter() - started:.2f} s"
            )
            month = next_month(month)
