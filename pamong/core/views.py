"""Base views: every HTML view that shows tenant data inherits its scoping from here.

Views parse, authorise (through ``visible_to`` or a service), call one service or
selector, and render. The same view answers the full page and its HTMX partial.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from .errors import DomainError, Forbidden, NotFoundError


class ScopedQuerysetMixin:
    """Restricts ``get_queryset`` to what the user may see for ``action``."""

    model: Any
    action: ClassVar[str] = ""
    request: HttpRequest

    def get_action(self) -> str:
        return self.action or self.model.view_action

    def base_queryset(self) -> QuerySet[Any]:
        """Hook for select_related / annotations; scoping is applied on top."""
        return self.model.objects.all()  # type: ignore[no-any-return]

    def get_queryset(self) -> QuerySet[Any]:
        return self.base_queryset().visible_to(self.request.user, self.get_action())  # type: ignore[attr-defined,no-any-return]


class HtmxTemplateMixin:
    """Renders ``partial_template_name`` for HTMX requests that target a fragment."""

    partial_template_name: ClassVar[str | None] = None
    request: HttpRequest

    def get_template_names(self) -> list[str]:
        htmx = getattr(self.request, "htmx", None)
        if self.partial_template_name and htmx and not htmx.boosted:
            return [self.partial_template_name]
        return super().get_template_names()  # type: ignore[misc,no-any-return]


class ScopedListView(HtmxTemplateMixin, ScopedQuerysetMixin, ListView):  # type: ignore[type-arg]
    paginate_by = 25


class ScopedDetailView(ScopedQuerysetMixin, DetailView):  # type: ignore[type-arg]
    """Out of scope raises 404 through the scoped queryset, exactly like a missing row."""


def raise_for_domain_error(exc: DomainError) -> None:
    if isinstance(exc, NotFoundError):
        raise Http404(exc.message) from exc
    if isinstance(exc, Forbidden):
        raise PermissionDenied(exc.message) from exc


class ServiceFormView(FormView):  # type: ignore[type-arg]
    """A form whose valid submission calls one service.

    Subclasses implement ``perform(form)``; a ``DomainError`` it raises is shown
    on the form (field errors on their fields), nothing having been written.
    """

    success_message: ClassVar[str] = ""

    def perform(self, form: Any) -> Any:
        raise NotImplementedError

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            self.result = self.perform(form)
        except DomainError as exc:
            raise_for_domain_error(exc)
            for field, errors in exc.field_errors.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
            if not exc.field_errors:
                form.add_error(None, exc.message)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return super().form_valid(form)


class HomeView(TemplateView):
    template_name = "core/home.html"


class HealthView(View):
    """Liveness and database reachability, for the load balancer (no login)."""

    def get(self, request: HttpRequest) -> JsonResponse:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            return JsonResponse({"status": "ok"})
        except Exception:  # noqa: BLE001 - any database failure means unhealthy
            return JsonResponse({"status": "database unavailable"}, status=503)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


class AuditListView(ScopedListView):
    """The tenant's audit trail as far as the user's scope reaches, newest first."""

    template_name = "core/audit_list.html"
    paginate_by = 50

    @property
    def model(self) -> Any:  # type: ignore[override]
        from .models import AuditEvent

        return AuditEvent

    def base_queryset(self) -> QuerySet[Any]:
        return self.model.objects.order_by("-seq")  # type: ignore[no-any-return]
