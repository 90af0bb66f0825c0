"""The client's address for lock-out, correct behind a known number of reverse proxies.

Behind nginx every request comes from 127.0.0.1, which would turn the
(username, address) lock into a per-username lock anyone could trigger. With
``PAMONG_TRUSTED_PROXIES=N`` the address is the N-th entry from the right of
X-Forwarded-For (the one the outermost trusted proxy saw); entries further left
are client-supplied and ignored.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    remote = str(request.META.get("REMOTE_ADDR", ""))
    proxies = int(getattr(settings, "PAMONG_TRUSTED_PROXIES", 0))
    if proxies <= 0:
        return remote
    chain = [part.strip() for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if part.strip()]
    if len(chain) < proxies:
        return remote
    candidate = chain[-proxies]
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return remote
    return candidate
