"""Django admin for platform operators: users and role assignments."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest

from .models import RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):  # type: ignore[type-arg]
    """Shown for reference only: roles change through ``role_assign``/``role_end`` (audited)."""

    model = RoleAssignment
    fk_name = "user"
    extra = 0
    can_delete = False
    readonly_fields = ("role", "org_unit", "cluster", "include_descendants", "valid_from", "valid_to", "note")
    fields = readonly_fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(User)
class UserAdmin(BaseUserAdmin):  # type: ignore[type-arg]
    fieldsets = (*BaseUserAdmin.fieldsets, ("Pamong", {"fields": ("tenant", "employee")}))  # type: ignore[misc]
    raw_id_fields = ("employee",)
    list_display = ("username", "tenant", "employee", "is_active", "is_superuser")
    list_filter = ("tenant", "is_active", "is_superuser")
    inlines = (RoleAssignmentInline,)
    # Tenant and employee links are set by the audited services (tenant_create, user_create).
    readonly_fields = ("tenant", "employee")
