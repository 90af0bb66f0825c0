"""Base views: every HTML view that shows tenant data inherits its scoping from here.

Views parse, authorise (through ``visible_to`` or a service), call one service or
selector, and render. The same view answers the full page and its HTMX partial.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from .authz import authorize
from .errors import DomainError, Forbidden, NotFoundError
from .models import ScopedModel
from .scope import scope_of


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
    """Renders ``partial_template_name`` for HTMX requests that target a fragment.

    With ``partial_target`` set, only requests aimed at that element id get the
    fragment; boosted requests and history restores (a cache miss after "back")
    always get the full page. Responses vary on ``HX-Request`` so no cache hands
    a fragment to a full-page load.
    """

    partial_template_name: ClassVar[str | None] = None
    partial_target: ClassVar[str | None] = None
    request: HttpRequest

    def wants_partial(self) -> bool:
        htmx = getattr(self.request, "htmx", None)
        if not (self.partial_template_name and htmx) or htmx.boosted or htmx.history_restore_request:
            return False
        return self.partial_target is None or htmx.target == self.partial_target

    def get_template_names(self) -> list[str]:
        if self.wants_partial():
            return [self.partial_template_name]  # type: ignore[list-item]
        return super().get_template_names()  # type: ignore[misc,no-any-return]

    def render_to_response(self, context: dict[str, Any], **response_kwargs: Any) -> HttpResponse:
        response: HttpResponse = super().render_to_response(context, **response_kwargs)  # type: ignore[misc]
        patch_vary_headers(response, ("HX-Request",))
        return response


class ScopedListView(HtmxTemplateMixin, ScopedQuerysetMixin, ListView):  # type: ignore[type-arg]
    """A list of what the user may see; a user who holds the action nowhere gets 403, not an empty page."""

    paginate_by = 25

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not scope_of(request.user).can(self.get_action()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


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

    success_message: ClassVar[Any] = ""  # str or a lazy translation

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


class ManageObjectMixin:
    """Loads the page's object within sight (else 404) and requires ``manage_action`` on it (else 403).

    For forms that change one object: the 404/403 split is the one ``authorize`` makes,
    checked before the form is even shown; the service checks again on submit.
    """

    target_model: ClassVar[type[ScopedModel]]
    manage_action: ClassVar[str] = ""
    request: HttpRequest
    kwargs: dict[str, Any]
    target: Any

    def target_queryset(self) -> QuerySet[Any]:
        return self.target_model.objects.visible_to(self.request.user, self.target_model.view_action)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.target = get_object_or_404(self.target_queryset(), pk=kwargs["pk"])
        try:
            authorize(request.user, self.manage_action, self.target)
        except DomainError as exc:
            raise_for_domain_error(exc)
            raise
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc,no-any-return]

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = super().get_form_kwargs()  # type: ignore[misc]
        kwargs["actor"] = self.request.user
        return kwargs


class ObjectFormView(ManageObjectMixin, ServiceFormView):
    """A form page about one object (or a row that belongs to it).

    The page names its subject; cancel and success both return to the subject's
    page. Subclasses set ``subject_url_name`` and, when the target is a child row,
    override ``subject()``.
    """

    page_title: ClassVar[Any] = ""
    submit_label: ClassVar[Any] = _("Simpan")
    subject_url_name: ClassVar[str] = ""
    subject_context_name: ClassVar[str] = "subject"

    def subject(self) -> Any:
        return self.target

    def subject_url(self) -> str:
        return reverse(self.subject_url_name, args=[self.subject().pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context.update(
            {
                "page_title": self.page_title,
                "submit_label": self.submit_label,
                self.subject_context_name: self.subject(),
                "cancel_url": self.subject_url(),
            }
        )
        return context

    def get_success_url(self) -> str:
        return self.subject_url()


def tenant_today(user: Any) -> dt.date:
    """Today in the user's tenant time zone (a WITA morning is not a WIB one)."""
    tenant = getattr(user, "tenant", None) if getattr(user, "tenant_id", None) else None
    return tenant.today() if tenant is not None else timezone.localdate()


@dataclass(frozen=True)
class HomePanel:
    """A block of the home page contributed by a domain app.

    Core imports no domain app, so the apps register providers in
    ``settings.PAMONG_HOME_PANELS``: callables taking the request and returning
    panels (none when the user's scope has nothing to show).
    """

    template_name: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


class HomeView(TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        panels: list[HomePanel] = []
        for dotted in getattr(settings, "PAMONG_HOME_PANELS", ()):
            panels.extend(import_string(dotted)(self.request))
        context["panels"] = sorted(panels, key=lambda panel: panel.order)
        return context


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
