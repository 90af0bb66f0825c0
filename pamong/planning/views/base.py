"""What every planning page shares: the read check, the units a user maintains, the form base classes.

Reads go through ``visible_to`` (out of sight is 404); every change calls one service
through ``ServiceFormView``. A user who can read the plan but not change that part of
it gets 403 on the form, the split ``pamong.planning.authz`` makes for the services.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse

from pamong.access.roles import PLANNING_MANAGE, PLANNING_VIEW
from pamong.core.errors import DomainError
from pamong.core.views import ServiceFormView, raise_for_domain_error
from pamong.org.models import OrgUnit

from .. import selectors
from ..authz import authorize_tenant_wide
from ..models import PlanPeriod


def require_view(request: HttpRequest) -> None:
    if not selectors.can_view(request.user):
        raise PermissionDenied


def manageable_units(user: Any) -> QuerySet[OrgUnit]:
    """The root and OPD-level units whose plan the user maintains (planning.manage in scope)."""
    return (
        OrgUnit.objects.visible_to(user, PLANNING_MANAGE)
        .filter(depth__lte=1, closed_on__isnull=True)
        .order_by("depth", "sort_order", "name")
    )


class PlanFormView(ServiceFormView):
    """A planning form about a parent object the user must see (404) and may change (403)."""

    template_name = "planning/form_page.html"
    parent_model: ClassVar[Any] = PlanPeriod
    page_title: ClassVar[Any] = ""
    tenant_wide: ClassVar[bool] = True
    parent: Any

    def parent_queryset(self) -> QuerySet[Any]:
        return self.parent_model.objects.visible_to(self.request.user, PLANNING_VIEW)  # type: ignore[no-any-return]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        require_view(request)
        self.parent = get_object_or_404(self.parent_queryset(), pk=kwargs["pk"]) if "pk" in kwargs else None
        self.check_permission()
        return super().dispatch(request, *args, **kwargs)

    def check_permission(self) -> None:
        if self.tenant_wide:
            try:
                authorize_tenant_wide(self.request.user)
            except DomainError as exc:
                raise_for_domain_error(exc)
                raise

    def period(self) -> PlanPeriod:
        return self.parent  # type: ignore[no-any-return]

    def page_note(self) -> str:
        """A line under the title placing the subject (e.g. the unit of a strategic target); none by default."""
        return ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(page_title=self.page_title, parent=self.parent, page_note=self.page_note())
        context["cancel_url"] = self.get_success_url()
        return context

    def get_success_url(self) -> str:
        period = self.period() if self.parent is not None else getattr(self, "result", None)
        url = reverse("planning:tree")
        return f"{url}?periode={period.pk}" if isinstance(period, PlanPeriod) else url


class UnitPlanFormView(PlanFormView):
    """A form of an OPD's Renstra under a period: open to whoever maintains at least one unit's plan."""

    tenant_wide = False

    def check_permission(self) -> None:
        if not manageable_units(self.request.user).exists():
            raise PermissionDenied


class PlanRowUpdateView(PlanFormView):
    """A form changing one row of the plan (``parent`` is the row itself).

    The row must be within sight (else 404) and the user must maintain it (else 403: the
    RPJMD rows need the tenant-wide planner, a strategic target its unit's manager); the
    form starts from the row's current values (``initial_fields``); the service checks again.
    """

    initial_fields: ClassVar[tuple[str, ...]] = ()

    def get_initial(self) -> dict[str, Any]:
        return {name: getattr(self.parent, name) for name in self.initial_fields}
