"""Rating how likely an indicator's or a priority program's target is to be delivered (with a reason)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pamong.access.roles import PERFORMANCE_VIEW
from pamong.core.scope import scope_of
from pamong.core.views import ServiceFormView
from pamong.org.models import OrgUnit
from pamong.performance import services
from pamong.performance.authz import can_rate_at
from pamong.performance.forms import RatingForm
from pamong.performance.models import LikelihoodRating
from pamong.planning.models import Indicator, PriorityProgram

from .common import period_of, period_query


class RateView(ServiceFormView):
    """404 if the subject is out of sight, 403 if the user may not rate there."""

    template_name = "performance/rating_form.html"
    form_class = RatingForm
    success_message = _("Penilaian kemungkinan tercapai telah dicatat.")
    subject_label: ClassVar[Any] = ""
    unit: OrgUnit
    subject: Any

    def load(self, pk: int) -> tuple[Any, OrgUnit]:
        raise NotImplementedError

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.subject, self.unit = self.load(kwargs["pk"])
        if not can_rate_at(request.user, self.unit):
            raise PermissionDenied
        self.period, _today = period_of(request)
        if not self.period.months:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["months"] = self.period.months
        kwargs.setdefault("initial", {})["month"] = self.period.month
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            subject=self.subject,
            subject_label=self.subject_label,
            period=self.period,
            cancel_url=self.get_success_url(),
        )
        return context


class IndicatorRateView(RateView):
    subject_label = _("Indikator")

    def load(self, pk: int) -> tuple[Any, OrgUnit]:
        indicator = get_object_or_404(
            Indicator.objects.visible_to(self.request.user, PERFORMANCE_VIEW).select_related("org_unit"), pk=pk
        )
        return indicator, indicator.org_unit

    def perform(self, form: RatingForm) -> LikelihoodRating:
        d = form.cleaned_data
        return services.likelihood_rate(
            actor=self.request.user,
            indicator=self.subject,
            year=self.period.year,
            month=d["month"],
            rating=d["rating"],
            reason=d["reason"],
        )

    def get_success_url(self) -> str:
        return reverse("performance:indicator_detail", args=[self.subject.pk]) + period_query(self.period)


class ProgramRateView(RateView):
    subject_label = _("Program prioritas")

    def load(self, pk: int) -> tuple[Any, OrgUnit]:
        scope = scope_of(self.request.user)
        if scope.tenant_id is None:
            raise Http404
        program = get_object_or_404(
            PriorityProgram.objects.filter(tenant_id=scope.tenant_id).select_related("owner_unit"), pk=pk
        )
        unit = program.owner_unit
        if not scope.allows(PERFORMANCE_VIEW, tenant_id=unit.tenant_id, path=unit.path):
            raise Http404
        return program, unit

    def perform(self, form: RatingForm) -> LikelihoodRating:
        d = form.cleaned_data
        return services.likelihood_rate(
            actor=self.request.user,
            program=self.subject,
            year=self.period.year,
            month=d["month"],
            rating=d["rating"],
            reason=d["reason"],
        )

    def get_success_url(self) -> str:
        return reverse("performance:cockpit") + period_query(self.period)
