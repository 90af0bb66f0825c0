"""The indicator page and its forms: create, change the definition, set one year's targets."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from pamong.core.errors import DomainError
from pamong.core.views import raise_for_domain_error
from pamong.org.models import OrgUnit

from .. import selectors, services
from ..authz import authorize_unit, can_manage_tenant_wide
from ..choices import IndicatorLevel
from ..forms import IndicatorCreateForm, IndicatorForm, TargetsForm
from ..models import Indicator, PlanPeriod
from .base import PlanFormView, UnitPlanFormView, manageable_units


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
