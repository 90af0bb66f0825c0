"""Fail import batches whose background job died (run every few minutes from a timer)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from pamong.core.models import Tenant
from pamong.imports.services import import_reap_stale


class Command(BaseCommand):
    help = "Mark import batches stuck in checking/saving for longer than --minutes as failed (nothing was written)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--minutes", type=int, default=30)

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        for tenant in Tenant.objects.filter(is_active=True):
            reaped = import_reap_stale(
                tenant_id=tenant.pk, older_than=dt.timedelta(minutes=options["minutes"]), now=now
            )
            if reaped:
                self.stdout.write(f"{tenant.region_code} {tenant.name}: {reaped} batch impor ditandai gagal")
