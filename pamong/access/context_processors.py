"""Navigation by role: menu entries the user's scope allows (menus only, never data)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from pamong.core.scope import scope_of

from .roles import ACCESS_MANAGE, AUDIT_VIEW, IMPORTS_RUN, ORG_VIEW, PEOPLE_VIEW, PLANNING_VIEW, Role

MENU = (
    ("core:home", _("Beranda"), "house", None),
    ("org:tree", _("Struktur organisasi"), "diagram-3", ORG_VIEW),
    ("people:employee_list", _("Pegawai"), "people", PEOPLE_VIEW),
    ("planning:tree", _("Perencanaan"), "bullseye", PLANNING_VIEW),
    ("imports:batch_list", _("Impor data"), "upload", IMPORTS_RUN),
    ("access:user_list", _("Pengguna & peran"), "person-badge", ACCESS_MANAGE),
    ("core:audit_list", _("Jejak audit"), "shield-check", AUDIT_VIEW),
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    scope = scope_of(user)
    items = [
        {"url_name": name, "label": label, "icon": icon}
        for name, label, icon, action in MENU
        if action is None or scope.can(action)
    ]
    labels = dict(Role.choices)
    return {"nav_items": items, "user_roles": sorted(str(labels.get(role, role)) for role in scope.roles)}
