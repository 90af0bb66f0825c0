"""Pages of the absence ladder: my counter, my team's standings, warnings (list, detail, decline) and BKPSDM's
on-demand evaluation.

Reads go through ``selectors.ladder_pages`` (``visible_to``: out of sight is 404); every change calls one
service, which checks again.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from pamong.access.roles import DISCIPLINE_MANAGE, DISCIPLINE_VIEW
from pamong.core.errors import DomainError
from pamong.core.scope import scope_of
from pamong.core.views import ScopedListView, raise_for_domain_error, tenant_today
from pamong.org.models import OrgUnit
from pamong.people.rules.dates import date_id

from ..models import Standing, Warning
from ..selectors import ladder_pages as selectors
from ..services.ladder import ladder_evaluate_year
from ..services.ladder_warnings import warning_decline
from .ladder_forms import DeclineForm, LadderRunForm, TeamFilterForm, WarningFilterForm


def _year(request: HttpRequest, value: Any = None) -> int:
    if isinstance(value, int):
        return value
    return tenant_today(request.user).year


def discipline_start(request: HttpRequest) -> HttpResponse:
    """``/disiplin/``: one's own counter for an employee-user, else the case register."""
    return redirect("discipline:my" if scope_of(request.user).employee_id is not None else "discipline:case_list")


class MyLadderView(TemplateView):
    """ "Disiplin saya": the year's counter against the bands, the run of unexcused days, my warnings."""

    template_name = "discipline/ladder/my.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if scope_of(request.user).employee_id is None:
            raise PermissionDenied(_("Akun Anda tidak terhubung ke data pegawai."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = TeamFilterForm(self.request.GET or None)
        year = _year(self.request, form.cleaned_data.get("tahun") if form.is_valid() else None)
        context.update(counter=selectors.own_counter(actor=self.request.user, year=year), year=year)
        return context


class TeamLadderView(ScopedListView):
    """ "Disiplin tim": the standings of the staff in scope, by total (or name), the warnings awaiting first."""

    model = Standing
    action = DISCIPLINE_VIEW
    template_name = "discipline/ladder/team.html"
    paginate_by = 50

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not scope_of(request.user).grants_for(DISCIPLINE_VIEW):
            raise PermissionDenied(_("Halaman ini untuk atasan, pimpinan dan BKPSDM."))
        return super().dispatch(request, *args, **kwargs)

    def base_queryset(self) -> QuerySet[Standing]:
        self.filter_form = TeamFilterForm(self.request.GET or None)
        d = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        self.year = _year(self.request, d.get("tahun"))
        self.unit: OrgUnit | None = None
        if d.get("unit"):
            self.unit = OrgUnit.objects.visible_to(self.request.user, DISCIPLINE_VIEW).filter(pk=d["unit"]).first()
            if self.unit is None:
                raise Http404
        return selectors.standings(
            actor=self.request.user,
            year=self.year,
            unit_path=self.unit.path if self.unit else "",
            order=d.get("urut") or "-total",
        )

    def get_queryset(self) -> QuerySet[Standing]:
        return self.base_queryset()  # scoped by the selector

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filter_form=self.filter_form,
            year=self.year,
            unit=self.unit,
            awaiting=list(selectors.awaiting(actor=self.request.user)[:20]),
            query_string=query.urlencode(),
        )
        return context


class WarningListView(ScopedListView):
    """Warnings in sight with filters (status, kind, year); open ones first."""

    model = Warning
    action = DISCIPLINE_VIEW
    template_name = "discipline/ladder/warning_list.html"

    def base_queryset(self) -> QuerySet[Warning]:
        self.filter_form = WarningFilterForm(self.request.GET or None)
        d = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        return selectors.warnings(
            actor=self.request.user, status=d.get("status") or "", kind=d.get("kind") or "", year=d.get("tahun")
        )

    def get_queryset(self) -> QuerySet[Warning]:
        return self.base_queryset()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(filter_form=self.filter_form, query_string=query.urlencode())
        return context


def _visible_warning(request: HttpRequest, pk: int) -> Warning:
    found: Warning = get_object_or_404(selectors.warnings(actor=request.user), pk=pk)
    return found


class WarningDetailView(TemplateView):
    """One warning: the evidence (dates, minutes, conversion), its superior and due date, the actions."""

    template_name = "discipline/ladder/warning_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        warning = _visible_warning(self.request, kwargs["pk"])
        context.update(page=selectors.warning_page(actor=self.request.user, warning=warning), form=DeclineForm())
        return context


class WarningDeclineView(View):
    """POST: record why no case is opened (``warning_decline``)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        warning = _visible_warning(request, pk)
        form = DeclineForm(request.POST)
        form.is_valid()
        try:
            warning_decline(actor=request.user, warning=warning, reason=form.cleaned_data.get("reason") or "")
        except DomainError as exc:
            raise_for_domain_error(exc)
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Peringatan ditutup tanpa kasus; alasannya tercatat."))
        return redirect("discipline:warning_detail", pk)


class LadderRunView(FormView):  # type: ignore[type-arg]
    """BKPSDM: evaluate the ladder of a year now (the nightly job does it every night)."""

    template_name = "discipline/ladder/run.html"
    form_class = LadderRunForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not scope_of(request.user).can(DISCIPLINE_MANAGE):
            raise PermissionDenied(_("Hanya BKPSDM yang dapat menghitung ulang ambang disiplin."))
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        return {"year": tenant_today(self.request.user).year}

    def form_valid(self, form: LadderRunForm) -> HttpResponse:
        user: Any = self.request.user
        try:
            run = ladder_evaluate_year(actor=user, tenant=user.tenant, year=form.cleaned_data["year"])
        except DomainError as exc:
            raise_for_domain_error(exc)
            form.add_error("year" if "year" in exc.field_errors or not exc.field_errors else None, exc.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Ambang %(year)d dihitung sampai %(through)s: %(standings)d pegawai tercatat, %(warnings)d "
                "peringatan baru."
            )
            % {
                "year": run.year,
                "through": date_id(run.through),
                "standings": run.standings,
                "warnings": run.warnings,
            },
        )
        return redirect("discipline:warning_list")
