"""Nightly: move employees whose future-dated definitive assignment took effect today."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from pamong.core.models import Tenant
from pamong.core.scope import SystemActor
from pamong.people.services import employees_sync_current_posts


class Command(BaseCommand):
    help = "Apply definitive assignments whose start date (TMT) has arrived, for every tenant."

    def handle(self, *args: Any, **options: Any) -> None:
        for tenant in Tenant.objects.filter(is_active=True):
            changed = employees_sync_current_posts(
                actor=SystemActor(tenant_id=tenant.pk, label="people_sync_posts"), today=tenant.today()
            )
            self.stdout.write(f"{tenant.region_code} {tenant.name}: {changed} pegawai dipindahkan ke jabatan barunya")
