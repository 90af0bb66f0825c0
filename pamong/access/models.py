"""Users and their role assignments."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from pamong.core.models import ScopedModel, Tenant
from pamong.core.querysets import ScopedQuerySet
from pamong.org.models import Cluster, OrgUnit
from pamong.people.models import Employee

from .roles import Role


class UserQuerySet(ScopedQuerySet):
    """Users are placed in the tree through their employee record; a tenant-wide grant also sees the rest."""


class ScopedUserManager(UserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    """Django's user manager (``create_user``) with ``visible_to``."""


class User(AbstractUser):
    """A login. Tenant users belong to one tenant and usually to one employee record.

    Platform admins (``is_superuser``) have no tenant and see no tenant data in
    the application; they work in the Django admin only.
    """

    tenant = models.ForeignKey(
        Tenant, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("pemerintah daerah")
    )
    employee = models.OneToOneField(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="user", verbose_name=_("pegawai")
    )

    objects: ClassVar[ScopedUserManager] = ScopedUserManager()

    #: Users are managed (and seen) with ``access.manage`` only, where their employee record sits.
    scope_path_field: ClassVar[str] = "employee__org_unit__path"
    view_action: ClassVar[str] = "access.manage"

    class Meta:
        ordering = ["username"]
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        constraints = [
            models.CheckConstraint(
                condition=Q(employee__isnull=True) | Q(tenant__isnull=False),
                name="access_user_employee_needs_tenant",
            )
        ]

    def __str__(self) -> str:
        if self.employee_id and self.employee:
            return self.employee.full_name
        return self.get_full_name() or self.username

    def scope_path(self) -> str | None:
        """The unit of the user's employee record; None (tenant-wide grants only) without one."""
        return self.employee.org_unit.path if self.employee_id and self.employee else None

    def scope_employee_id(self) -> int | None:
        # An account is never "one's own record": nobody manages their own login through self-access.
        return None


class RoleAssignmentQuerySet(ScopedQuerySet):
    def valid_on(self, day: dt.date) -> RoleAssignmentQuerySet:
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


class RoleAssignment(ScopedModel):
    """A user holds ``role`` over ``org_unit`` (and its subtree) or an Asisten ``cluster``.

    Validity dates express acting appointments (Plt) and transfers: a role
    assignment outside its dates grants nothing.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("pengguna")
    )
    role = models.CharField(_("peran"), max_length=32, choices=Role.choices)
    org_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unit")
    )
    cluster = models.ForeignKey(
        Cluster, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("klaster Asisten")
    )
    include_descendants = models.BooleanField(_("termasuk sub-unit"), default=True)
    valid_from = models.DateField(_("berlaku mulai"), null=True, blank=True)
    valid_to = models.DateField(_("berlaku sampai"), null=True, blank=True)
    note = models.CharField(_("catatan"), max_length=255, blank=True)

    objects: ClassVar[RoleAssignmentQuerySet] = RoleAssignmentQuerySet.as_manager()  # type: ignore[assignment]

    scope_path_field = "org_unit__path"
    view_action = "access.manage"

    class Meta:
        ordering = ["tenant_id", "user_id", "role"]
        verbose_name = _("penetapan peran")
        verbose_name_plural = _("penetapan peran")
        constraints = [
            models.CheckConstraint(
                condition=Q(org_unit__isnull=False) | Q(cluster__isnull=False),
                name="access_roleassignment_has_place",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="access_roleassignment_valid_range",
            ),
        ]
        indexes = [models.Index(fields=["tenant", "user"], name="access_role_user_idx")]

    def __str__(self) -> str:
        place = self.org_unit or self.cluster
        return f"{self.get_role_display()} @ {place}"

    def scope_path(self) -> str | None:
        return self.org_unit.path if self.org_unit_id and self.org_unit else None
