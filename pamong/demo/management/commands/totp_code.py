"""Print the current TOTP code of a user's confirmed device: a convenience for demo logins.

Refuses unless ``settings.DEBUG`` is on: on a real server this would hand out
second factors to whoever can run ``manage.py``.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Print the current TOTP code of a user's confirmed device (only when DEBUG is on: demo and development)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("totp_code hanya dapat dipakai bila DEBUG aktif (demo dan pengembangan).")
        username = options["username"]
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).order_by("pk").first()
        if device is None:
            raise CommandError(f"Pengguna {username} tidak ada atau belum memiliki perangkat TOTP yang terkonfirmasi.")
        now = int(time.time())
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
        left = device.step - (now - device.t0) % device.step
        self.stdout.write(f"{code:0{device.digits}d}")
        self.stderr.write(f"(berlaku sekitar {left} detik lagi; satu kode hanya dapat dipakai sekali)")
