"""The tenant's performance rules: shown to every reader of performance, changed by Bappeda's planner."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pamong.access.roles import PLANNING_MANAGE
from pamong.core.errors import DomainError
from pamong.core.scope import scope_of
from pamong.core.views import ServiceFormView, raise_for_domain_error
from pamong.performance import services
from pamong.performance.authz import can_view_performance
from pamong.performance.forms import SettingsForm
from pamong.performance.rules.config import PerformanceRules
from pamong.performance.tenant_rules import rules_for_display

from .common import tenant_of

#: Where a problem the rules name under a settings key is shown on the form.
FIELD_OF = {"traffic_light": "green_from"}


def can_change(user: Any) -> bool:
    scope = scope_of(user)
    return scope.tenant_id is not None and scope.allows(PLANNING_MANAGE, tenant_id=scope.tenant_id, path=None)


class SettingsView(ServiceFormView):
    template_name = "performance/settings.html"
    form_class = SettingsForm
    success_message = _("Aturan kinerja telah disimpan; skor tahun ini dihitung ulang.")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not can_view_performance(request.user):
            raise PermissionDenied
        self.can_change = can_change(request.user)
        if request.method == "POST" and not self.can_change:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def current(self) -> PerformanceRules:
        return rules_for_display(tenant_of(self.request))

    def get_initial(self) -> dict[str, Any]:
        return SettingsForm.initial_from(self.current().to_mapping())

    def get_form(self, form_class: Any = None) -> SettingsForm:
        form: SettingsForm = super().get_form(form_class)
        if not self.can_change:
            del form.fields["reason"]
            for field in form.fields.values():
                field.disabled = True
                field.required = False
        return form

    def perform(self, form: SettingsForm) -> PerformanceRules:
        try:
            values = form.mapping()
        except forms.ValidationError as error:
            raise DomainError(str(error.messages[0]), field_errors={"capaian_predicates": error.messages}) from error
        try:
            rules = services.performance_settings_update(
                actor=self.request.user, values=values, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            raise_for_domain_error(error)
            error.field_errors = {FIELD_OF.get(k, k): v for k, v in error.field_errors.items()}
            raise
        return rules

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_change"] = self.can_change
        return context

    def get_success_url(self) -> str:
        return reverse("performance:settings")
