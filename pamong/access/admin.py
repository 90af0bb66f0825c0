"""Django admin for platform operators: users and role assignments."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):  # type: ignore[type-arg]
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    raw_id_fields = ("org_unit", "cluster")


@admin.register(User)
class UserAdmin(BaseUserAdmin):  # type: ignore[type-arg]
    fieldsets = (*BaseUserAdmin.fieldsets, ("Pamong", {"fields": ("tenant", "employee")}))  # type: ignore[misc]
    raw_id_fields = ("employee",)
    list_display = ("username", "tenant", "employee", "is_active", "is_superuser")
    list_filter = ("tenant", "is_active", "is_superuser")
    inlines = (RoleAssignmentInline,)
