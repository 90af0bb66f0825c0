"""The SIPD import page (RPJMD or an OPD's Renstra from a JSON file)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from pamong.core.errors import DomainError
from pamong.core.views import raise_for_domain_error

from .. import services
from ..forms import ImportForm
from .base import PlanFormView, manageable_units


class ImportView(PlanFormView):
    """Upload a SIPD-shaped JSON; shows every problem found, or what was created and updated."""

    form_class = ImportForm
    template_name = "planning/import.html"
    page_title = _("Impor RPJMD / Renstra dari SIPD")
    tenant_wide = False

    def check_permission(self) -> None:
        if not manageable_units(self.request.user).exists():
            raise PermissionDenied

    def form_valid(self, form: ImportForm) -> HttpResponse:
        try:
            result = services.planning_import_sipd(
                actor=self.request.user, payload=form.cleaned_data["file"].read(), kind=form.cleaned_data["kind"]
            )
        except DomainError as exc:
            raise_for_domain_error(exc)
            context = self.get_context_data(form=form, error=exc.message, problems=sorted(exc.field_errors.items()))
            return render(self.request, self.template_name, context, status=400)
        return render(self.request, self.template_name, self.get_context_data(form=ImportForm(), result=result))
