"""Directive pages: the list, the matrix item × OPD per period (and its Excel file), recording, reporting."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from pamong.access.roles import MEETINGS_MANAGE, MEETINGS_VIEW
from pamong.attendance.exports import xlsx_response
from pamong.core.authz import authorize_at
from pamong.core.errors import DomainError
from pamong.core.scope import scope_of
from pamong.core.views import ScopedListView, ServiceFormView, raise_for_domain_error, tenant_today
from pamong.performance.spreadsheets import workbook
from pamong.performance.tables import Table

from ..forms.directives import DirectiveForm, ReportForm
from ..models import Directive, DirectiveItem
from ..selectors import directives as selectors
from ..services.directives import directive_create, directive_report


def _directive(request: HttpRequest, pk: int) -> Directive:
    if not scope_of(request.user).can(MEETINGS_VIEW) and request.user.is_authenticated:
        raise PermissionDenied
    return get_object_or_404(selectors.visible_directives(request.user).select_related("org_unit", "meeting"), pk=pk)


def _period(request: HttpRequest, directive: Directive) -> tuple[dt.date, list[dt.date]]:
    periods = selectors.periods_of(directive, tenant_today(request.user))
    wanted = request.GET.get("periode", "")
    for period in periods:
        if period.strftime("%Y-%m") == wanted:
            return period, periods
    return periods[0], periods


def may_manage_tenant(user: Any) -> bool:
    scope = scope_of(user)
    return scope.tenant_id is not None and scope.allows(MEETINGS_MANAGE, tenant_id=scope.tenant_id, path=None)


class DirectiveListView(ScopedListView):
    model = Directive
    template_name = "meetings/directives/directive_list.html"

    def get_queryset(self) -> QuerySet[Directive]:
        return selectors.directive_list(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_create"] = may_manage_tenant(self.request.user)
        return context


class DirectiveDetailView(View):
    """The matrix of one period, with the period switcher and the OPD head's way to his report."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        directive = _directive(request, pk)
        period, periods = _period(request, directive)
        matrix = selectors.directive_matrix(request.user, directive, period)
        context = {
            "directive": directive,
            "matrix": matrix,
            "period": period,
            "periods": periods,
            "reporting_units": list(selectors.reporting_units(request.user)),
        }
        return render(request, "meetings/directives/directive_detail.html", context)


class DirectiveExportView(View):
    """The matrix of one period as an Excel sheet: exactly what the page shows."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        directive = _directive(request, pk)
        period, _periods = _period(request, directive)
        matrix = selectors.directive_matrix(request.user, directive, period)
        table = Table(
            "arahan",
            directive.title,
            (_("No."), _("Butir arahan"), *(unit.short_name or unit.name for unit in matrix.units)),
            [(row.item.number, row.item.text, *(cell.label for cell in row.cells)) for row in matrix.rows],
        )
        heading = _("Periode %(period)s") % {"period": period.strftime("%m/%Y")}
        return xlsx_response(workbook([table], heading=heading), f"arahan-{directive.pk}-{period:%Y-%m}")


class DirectiveCreateView(ServiceFormView):
    form_class = DirectiveForm
    template_name = "meetings/directives/directive_form.html"
    success_message = gettext_lazy("Arahan telah dicatat.")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            try:
                tenant_id = scope_of(request.user).tenant_id
                if tenant_id is None:
                    raise Http404
                authorize_at(
                    request.user, MEETINGS_MANAGE, tenant_id=tenant_id, path=None, visible_action=MEETINGS_VIEW
                )
            except DomainError as exc:
                raise_for_domain_error(exc)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["actor"] = self.request.user
        return kwargs

    def perform(self, form: DirectiveForm) -> Directive:
        data = form.cleaned_data
        return directive_create(
            actor=self.request.user,
            org_unit=data["org_unit"],
            title=data["title"],
            issued_on=data["issued_on"],
            reporting=data["reporting"],
            meeting=data["meeting"],
            items=data["items"],
        )

    def get_success_url(self) -> str:
        return reverse("meetings:directive_detail", args=[self.result.pk])


class DirectiveReportView(View):
    """An OPD head reports, item by item, his unit's compliance for the current period."""

    template_name = "meetings/directives/directive_report.html"

    def setup_page(self, request: HttpRequest, pk: int) -> None:
        self.directive = _directive(request, pk)
        units = list(selectors.reporting_units(request.user))
        if not units:
            raise PermissionDenied
        wanted = request.POST.get("unit") or request.GET.get("unit")
        self.unit = next((u for u in units if str(u.pk) == wanted), units[0])
        self.units = units
        self.period = selectors.current_period(self.directive, tenant_today(request.user))

    def page(
        self, request: HttpRequest, failed: ReportForm | None = None, failed_item: str = "", status: int = 200
    ) -> HttpResponse:
        todo = selectors.items_to_report(self.directive, self.unit, self.period)
        rows = []
        for entry in todo:
            if failed is not None and failed_item == str(entry.item.pk):
                form = failed
            else:
                report = entry.report
                initial: dict[str, Any] = {"item": entry.item.pk}
                if report is not None and report.reported_at:
                    initial.update(status=report.status, note=report.note, evidence_link=report.evidence_link)
                form = ReportForm(initial=initial, prefix=f"i{entry.item.pk}")
            rows.append((entry, form))
        context = {"directive": self.directive, "unit": self.unit, "units": self.units, "period": self.period}
        context["rows"] = rows
        return render(request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        self.setup_page(request, pk)
        return self.page(request)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        self.setup_page(request, pk)
        prefix = request.POST.get("prefix", "")
        form = ReportForm(request.POST, prefix=prefix or None)
        if form.is_valid():
            item = DirectiveItem.objects.filter(directive=self.directive, pk=form.cleaned_data["item"]).first()
            if item is None:
                raise Http404
            try:
                directive_report(
                    actor=request.user,
                    item=item,
                    org_unit=self.unit,
                    period_start=self.period,
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                    evidence_link=form.cleaned_data["evidence_link"],
                )
            except DomainError as exc:
                raise_for_domain_error(exc)
                for field, errors in exc.field_errors.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
                if not exc.field_errors:
                    form.add_error(None, exc.message)
            else:
                messages.success(request, _("Laporan butir %(number)d tersimpan.") % {"number": item.number})
                url = reverse("meetings:directive_report", args=[pk])
                return redirect(f"{url}?unit={self.unit.pk}#butir-{item.number}")
        failed_item = request.POST.get(f"{prefix}-item", "") if prefix else request.POST.get("item", "")
        return self.page(request, failed=form, failed_item=failed_item, status=400)
