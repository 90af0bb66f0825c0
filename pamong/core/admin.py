"""Django admin for platform operators only: tenants and a read-only audit view."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import AuditEvent, Tenant


@admin.register(Tenant)
class TenantAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "region_code", "time_zone", "is_active")
    search_fields = ("name", "region_code")


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Audit events can be read here but never changed or removed."""

    list_display = ("tenant", "seq", "occurred_at", "actor_label", "action", "target_label")
    list_filter = ("tenant", "action")
    search_fields = ("action", "target_label", "actor_label", "request_id")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
