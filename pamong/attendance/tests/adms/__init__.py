"""Recorded device requests (``*.http``) and their replay through the Django test client.

A file holds ``#`` comment lines, the request line (``METHOD /path?query``), headers, a blank line and the body
byte for byte (TABs, CRLFs). Placeholders are filled at replay so the punches stay inside the accepted window
whatever day the tests run: ``{day}`` (yesterday in the tenant's zone), ``{now}`` (the tenant-local time now),
``{ahead}`` (ten minutes ahead of it) and ``{id}`` (a command number).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.test import Client
from django.utils import timezone

HERE = Path(__file__).parent


def fill(text: str, zone: Any, **values: Any) -> str:
    local = timezone.localtime(timezone.now(), zone).replace(microsecond=0, tzinfo=None)
    stamps = {
        "day": (local.date() - dt.timedelta(days=1)).isoformat(),
        "now": local.isoformat(sep=" "),
        "ahead": (local + dt.timedelta(minutes=10)).isoformat(sep=" "),
    }
    for name, value in {**stamps, **{k: str(v) for k, v in values.items()}}.items():
        text = text.replace("{" + name + "}", value)
    return text


def load(name: str, zone: Any, **values: Any) -> tuple[str, str, dict[str, str], bytes]:
    """(method, path with query, headers, body) of a recorded request."""
    text = (HERE / name).read_bytes().decode("utf-8")
    lines = text.split("\n")
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    method, target = lines.pop(0).split(" ", 1)
    headers: dict[str, str] = {}
    while lines and lines[0].strip():
        key, value = lines.pop(0).split(":", 1)
        headers[key.strip()] = value.strip()
    body = "\n".join(lines[1:]) if lines else ""
    return method, fill(target, zone, **values), headers, fill(body, zone, **values).encode("utf-8")


def replay(name: str, zone: Any, client: Client | None = None, **values: Any) -> Any:
    """Send a recorded request as a device would (no session, no CSRF token) and return the response."""
    client = client or Client(enforce_csrf_checks=True, REMOTE_ADDR="10.20.30.40")
    method, target, headers, body = load(name, zone, **values)
    if method == "GET":
        return client.get(target)
    content_type = headers.get("Content-Type", "text/plain")
    return client.generic(method, target, data=body, content_type=content_type)
