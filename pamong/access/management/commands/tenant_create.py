"""Create a regional government with its root unit and first BKPSDM admin."""

from __future__ import annotations

import getpass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pamong.access.services import tenant_bootstrap
from pamong.core.errors import DomainError
from pamong.core.models import TimeZoneChoice


class Command(BaseCommand):
    help = "Create a tenant (kabupaten/kota), its root unit and its first BKPSDM admin (asks for the password)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True, help='e.g. "Kabupaten Maju Jaya"')
        parser.add_argument("--region-code", required=True, help="Kemendagri code, e.g. 73.10")
        parser.add_argument("--time-zone", required=True, choices=[c.value for c in TimeZoneChoice])
        parser.add_argument("--root-name", help='name of the root unit (default: "Pemerintah <name>")')
        parser.add_argument("--admin-username", required=True)
        parser.add_argument("--admin-password", help="omit to be asked (recommended; avoids shell history)")

    def handle(self, *args: Any, **options: Any) -> None:
        password = options["admin_password"] or getpass.getpass("Kata sandi admin: ")
        try:
            tenant, admin = tenant_bootstrap(
                name=options["name"],
                region_code=options["region_code"],
                time_zone=options["time_zone"],
                root_name=options["root_name"] or f"Pemerintah {options['name']}",
                admin_username=options["admin_username"],
                admin_password=password,
                operator=getpass.getuser(),
            )
        except DomainError as exc:
            details = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.field_errors.items())
            raise CommandError(f"{exc.message} {details}".strip()) from exc
        self.stdout.write(
            f"Dibuat: {tenant} ({tenant.region_code}); admin BKPSDM: {admin.username} (TOTP saat masuk pertama)"
        )
