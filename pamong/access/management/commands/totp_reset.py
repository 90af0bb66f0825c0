"""Remove a user's TOTP devices after a lost phone; audited in the user's tenant."""

from __future__ import annotations

import getpass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pamong.access.models import User
from pamong.access.services import totp_reset
from pamong.core.errors import DomainError
from pamong.core.scope import SystemActor


class Command(BaseCommand):
    help = "Reset a user's second factor (the next login asks to enrol a new authenticator)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--reason", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None or user.tenant_id is None:
            raise CommandError("no tenant user with that username")
        try:
            removed = totp_reset(
                actor=SystemActor(tenant_id=user.tenant_id, label=getpass.getuser()),
                user=user,
                reason=options["reason"],
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"{removed} perangkat TOTP dihapus untuk {user.username}")
