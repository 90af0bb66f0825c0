"""Pages of the planning cascade: the tree, an indicator, the planner's and the OPD head's forms, the import.

Reads go through ``visible_to`` (out of sight is 404); every change calls one service
through ``ServiceFormView``. A user who can read the plan but not change that part of
it gets 403 on the form, the split ``pamong.planning.authz`` makes for the services.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, TemplateView

from pamong.access.roles import PLANNING_MANAGE, PLANNING_VIEW
from pamong.core.errors import DomainError
from pamong.core.views import ServiceFormView, raise_for_domain_error
from pamong.org.models import OrgUnit

from . import selectors, services
from .authz import authorize_tenant_wide, authorize_unit, can_manage_tenant_wide
from .choices import IndicatorLevel, PeriodStatus
from .forms import (
    CodedTextForm,
    ImportForm,
    IndicatorCreateForm,
    IndicatorForm,
    MissionForm,
    PeriodForm,
    PeriodStatusForm,
    ProgramForm,
    StrategicTargetForm,
    TargetsForm,
)
from .models import Goal, Indicator, Mission, PlanPeriod


def _require_view(request: HttpRequest) -> None:
    if not selectors.can_view(request.user):
        raise PermissionDenied


def manageable_units(user: Any) -> QuerySet[OrgUnit]:
    """The root and OPD-level units whose plan the user maintains (planning.manage in scope)."""
    return (
        OrgUnit.objects.visible_to(user, PLANNING_MANAGE)
        .filter(depth__lte=1, closed_on__isnull=True)
        .order_by("depth", "sort_order", "name")
    )


class TreeView(TemplateView):
    """Vision → missions → goals → regional targets → indicators; priority programs; orphans as a warning."""

    template_name = "planning/tree.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        _require_view(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        raw = self.request.GET.get("periode", "")
        period = selectors.current_period(actor=user, period_id=int(raw) if raw.isdigit() else None)
        context.update(
            period=period,
            periods=list(selectors.periods(actor=user)),
            tree=selectors.plan_tree(actor=user, period=period) if period else None,
            can_manage_rpjmd=can_manage_tenant_wide(user),
            can_manage_units=manageable_units(user).exists(),
        )
        return context


class IndicatorDetailView(DetailView):  # type: ignore[type-arg]
    template_name = "planning/indicator_detail.html"
    context_object_name = "indicator"

    def get_queryset(self) -> QuerySet[Indicator]:
        return selectors.indicator_detail(actor=self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        indicator = self.object
        annual, trajectory = selectors.indicator_targets(indicator=indicator)
        context.update(
            annual=annual,
            trajectory=sorted(trajectory.items()),
            can_manage=manageable_units(self.request.user).filter(pk=indicator.org_unit_id).exists()
            or can_manage_tenant_wide(self.request.user),
        )
        return context


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
        _require_view(request)
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

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(page_title=self.page_title, parent=self.parent, cancel_url=self.get_success_url())
        return context

    def get_success_url(self) -> str:
        period = self.period() if self.parent is not None else getattr(self, "result", None)
        url = reverse("planning:tree")
        return f"{url}?periode={period.pk}" if isinstance(period, PlanPeriod) else url


class PeriodCreateView(PlanFormView):
    form_class = PeriodForm
    page_title = _("Periode RPJMD baru")
    success_message = _("Periode RPJMD telah dibuat sebagai draf.")

    def perform(self, form: PeriodForm) -> PlanPeriod:
        d = form.cleaned_data
        return services.period_create(
            actor=self.request.user,
            name=d["name"],
            start_year=d["start_year"],
            end_year=d["end_year"],
            vision=d["vision"],
        )


class PeriodStatusView(PlanFormView):
    """Put a draft period in force, or close the period in force (the next status follows from the current one)."""

    form_class = PeriodStatusForm

    @property
    def page_title(self) -> Any:
        if self.parent.status == PeriodStatus.DRAFT:
            return _("Berlakukan periode RPJMD")
        return _("Tutup periode RPJMD")

    def perform(self, form: PeriodStatusForm) -> PlanPeriod:
        reason = form.cleaned_data["reason"].strip()
        if self.parent.status == PeriodStatus.DRAFT:
            return services.period_activate(actor=self.request.user, period=self.parent)
        return services.period_close(actor=self.request.user, period=self.parent, reason=reason)


class MissionCreateView(PlanFormView):
    form_class = MissionForm
    page_title = _("Misi baru")
    success_message = _("Misi telah ditambahkan.")

    def perform(self, form: MissionForm) -> Mission:
        d = form.cleaned_data
        return services.mission_create(actor=self.request.user, period=self.parent, number=d["number"], text=d["text"])


class GoalCreateView(PlanFormView):
    parent_model = Mission
    form_class = CodedTextForm
    page_title = _("Tujuan baru")
    success_message = _("Tujuan telah ditambahkan.")

    def period(self) -> PlanPeriod:
        return self.parent.period  # type: ignore[no-any-return]

    def perform(self, form: CodedTextForm) -> Goal:
        d = form.cleaned_data
        return services.goal_create(actor=self.request.user, mission=self.parent, code=d["code"], text=d["text"])


class RegionalTargetCreateView(PlanFormView):
    parent_model = Goal
    form_class = CodedTextForm
    page_title = _("Sasaran RPJMD baru")
    success_message = _("Sasaran RPJMD telah ditambahkan.")

    def period(self) -> PlanPeriod:
        return self.parent.mission.period  # type: ignore[no-any-return]

    def perform(self, form: CodedTextForm) -> Any:
        d = form.cleaned_data
        return services.regional_target_create(
            actor=self.request.user, goal=self.parent, code=d["code"], text=d["text"]
        )


class ProgramCreateView(PlanFormView):
    form_class = ProgramForm
    page_title = _("Program prioritas / gerakan baru")
    success_message = _("Program prioritas telah ditambahkan.")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["units"] = OrgUnit.objects.visible_to(self.request.user, PLANNING_VIEW).filter(
            depth=1, closed_on__isnull=True
        )
        return kwargs

    def perform(self, form: ProgramForm) -> Any:
        d = form.cleaned_data
        return services.priority_program_create(
            actor=self.request.user,
            period=self.parent,
            code=d["code"],
            name=d["name"],
            kind=d["kind"],
            owner_unit=d["owner_unit"],
            description=d["description"],
        )


class UnitPlanFormView(PlanFormView):
    """A form of an OPD's Renstra under a period: open to whoever maintains at least one unit's plan."""

    tenant_wide = False

    def check_permission(self) -> None:
        if not manageable_units(self.request.user).exists():
            raise PermissionDenied


class StrategicTargetCreateView(UnitPlanFormView):
    form_class = StrategicTargetForm
    page_title = _("Sasaran strategis OPD baru")
    success_message = _("Sasaran strategis telah ditambahkan.")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.update(units=manageable_units(self.request.user).filter(depth=1), period=self.parent)
        return kwargs

    def perform(self, form: StrategicTargetForm) -> Any:
        d = form.cleaned_data
        return services.strategic_target_create(
            actor=self.request.user,
            org_unit=d["org_unit"],
            period=self.parent,
            code=d["code"],
            text=d["text"],
            regional_target=d["regional_target"],
            priority_program=d["priority_program"],
        )


def _indicator_data(d: dict[str, Any]) -> services.IndicatorData:
    return services.IndicatorData(
        code=d["code"],
        name=d["name"],
        unit_of_measure=d["unit_of_measure"],
        polarity=d["polarity"],
        lower_is_better_formula=d["lower_is_better_formula"],
        baseline=d["baseline"],
        aggregation=d["aggregation"],
        period_kind=d["period_kind"],
        weight=d["weight"],
        data_source=d["data_source"],
        responsible_position=d["responsible_position"],
        regional_target=d["regional_target"],
        strategic_target=d["strategic_target"],
        priority_program=d["priority_program"],
    )


class IndicatorCreateView(UnitPlanFormView):
    form_class = IndicatorCreateForm
    page_title = _("Indikator baru")
    success_message = _("Indikator telah ditambahkan; isi target dan trajektorinya.")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.update(units=manageable_units(self.request.user), period=self.parent)
        return kwargs

    def perform(self, form: IndicatorCreateForm) -> Indicator:
        d = form.cleaned_data
        unit: OrgUnit = d["org_unit"]
        return services.indicator_create(
            actor=self.request.user,
            org_unit=unit,
            period=self.parent,
            level=IndicatorLevel.REGIONAL if unit.parent_id is None else IndicatorLevel.OPD,
            data=_indicator_data(d),
        )

    def get_success_url(self) -> str:
        if getattr(self, "result", None) is not None:
            return reverse("planning:indicator_targets", args=[self.result.pk])
        return super().get_success_url()


class IndicatorFormMixin(PlanFormView):
    """A form about one indicator: visible (else 404) and maintained by the user (else 403)."""

    parent_model = Indicator
    tenant_wide = False

    def parent_queryset(self) -> QuerySet[Any]:
        return selectors.indicator_detail(actor=self.request.user)

    def check_permission(self) -> None:
        try:
            authorize_unit(self.request.user, self.parent.org_unit)
        except DomainError as exc:
            raise_for_domain_error(exc)
            raise

    def period(self) -> PlanPeriod:
        return self.parent.period  # type: ignore[no-any-return]

    def get_success_url(self) -> str:
        return reverse("planning:indicator_detail", args=[self.parent.pk])


class IndicatorUpdateView(IndicatorFormMixin):
    form_class = IndicatorForm
    page_title = _("Ubah indikator")
    success_message = _("Indikator telah diperbarui.")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.update(units=OrgUnit.objects.filter(pk=self.parent.org_unit_id), period=self.parent.period)
        return kwargs

    def get_initial(self) -> dict[str, Any]:
        i = self.parent
        return {
            name: getattr(i, name)
            for name in (
                "code",
                "name",
                "unit_of_measure",
                "strategic_target",
                "priority_program",
                "regional_target",
                "polarity",
                "lower_is_better_formula",
                "baseline",
                "aggregation",
                "period_kind",
                "weight",
                "data_source",
                "responsible_position",
            )
        }

    def perform(self, form: IndicatorForm) -> Indicator:
        return services.indicator_update(
            actor=self.request.user, indicator=self.parent, data=_indicator_data(form.cleaned_data)
        )


class IndicatorTargetsView(IndicatorFormMixin):
    form_class = TargetsForm
    template_name = "planning/targets_form.html"
    page_title = _("Target dan trajektori")
    success_message = _("Target telah disimpan.")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["period_kind"] = self.parent.period_kind
        return kwargs

    def get_initial(self) -> dict[str, Any]:
        raw = self.request.GET.get("tahun", "")
        year = int(raw) if raw.isdigit() else min(self.parent.period.start_year + 1, self.parent.period.end_year)
        annual, trajectory = selectors.indicator_targets(indicator=self.parent)
        initial: dict[str, Any] = {"year": year}
        for row in annual:
            if row.year == year:
                initial["annual_target"] = row.annual_target.normalize()
        for row in trajectory.get(year, []):
            initial[f"period_{row.period_no}"] = row.target.normalize()
        return initial

    def perform(self, form: TargetsForm) -> Indicator:
        d = form.cleaned_data
        return services.indicator_set_targets(
            actor=self.request.user,
            indicator=self.parent,
            year=d["year"],
            annual_target=d["annual_target"],
            period_targets=form.period_targets(),
        )


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
