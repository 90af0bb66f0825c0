"""The unread count on the bell in the navigation bar (one COUNT query per page)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .models import Notice


def unread_notices(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not getattr(user, "tenant_id", None):
        return {}
    cache: dict[str, int] = {}

    def count() -> int:  # evaluated lazily, once, only by a page that shows the bell
        if "n" not in cache:
            cache["n"] = Notice.objects.for_user(user).unread().count()
        return cache["n"]

    return {"notice_bell": True, "unread_notices": count}
