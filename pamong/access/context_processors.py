"""Navigation by role: menu entries the user's scope allows (menus only, never data)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from pamong.core.scope import scope_of

from .roles import (
    ACCESS_MANAGE,
    AUDIT_VIEW,
    COCKPIT_VIEW,
    IMPORTS_RUN,
    ORG_VIEW,
    PEOPLE_VIEW,
    PERFORMANCE_VIEW,
    PLANNING_VIEW,
    Role,
)

#: (url name, label, icon, action). An entry whose URL does not resolve is not shown.
MENU = (
    ("core:home", _("Beranda"), "house", None),
    ("org:tree", _("Struktur organisasi"), "diagram-3", ORG_VIEW),
    ("people:employee_list", _("Pegawai"), "people", PEOPLE_VIEW),
    ("planning:tree", _("Perencanaan"), "bullseye", PLANNING_VIEW),
    (
        "performance",
        _("Kinerja"),
        "speedometer2",
        (
            ("performance:cockpit", _("Kokpit kinerja"), "speedometer2", COCKPIT_VIEW),
            ("performance:unit_list", _("Kinerja OPD"), "building", PERFORMANCE_VIEW),
            ("agreements:agreement_list", _("Perjanjian kinerja"), "file-earmark-check", PERFORMANCE_VIEW),
            ("reports:report_list", _("Laporan berkala"), "journal-check", PERFORMANCE_VIEW),
            ("performance:consequence_list", _("Register konsekuensi"), "exclamation-diamond", PERFORMANCE_VIEW),
        ),
    ),
    ("imports:batch_list", _("Impor data"), "upload", IMPORTS_RUN),
    ("access:user_list", _("Pengguna & peran"), "person-badge", ACCESS_MANAGE),
    ("core:audit_list", _("Jejak audit"), "shield-check", AUDIT_VIEW),
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    scope = scope_of(user)
    items: list[dict[str, Any]] = []
    for name, label, icon, action in MENU:
        if isinstance(action, tuple):  # a group: shown when one of its entries is
            children: list[dict[str, Any]] = [
                {"url_name": c_name, "label": c_label, "icon": c_icon}
                for c_name, c_label, c_icon, c_action in action
                if scope.can(c_action)
            ]
            if children:
                namespaces = sorted({str(c["url_name"]).split(":")[0] for c in children})
                items.append(
                    {
                        "namespace": name,
                        "label": label,
                        "icon": icon,
                        "children": children,
                        "child_namespaces": namespaces,
                    }
                )
        elif action is None or scope.can(action):
            items.append({"url_name": name, "label": label, "icon": icon})
    labels = dict(Role.choices)
    return {"nav_items": items, "user_roles": sorted(str(labels.get(role, role)) for role in scope.roles)}
