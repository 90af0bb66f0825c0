"""Anomaly flags for review: the list (BKPSDM the whole tenant, a head the unit's staff) and the review form."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pamong.access.roles import ATTENDANCE_MANAGE, ATTENDANCE_VIEW
from pamong.core.scope import scope_of
from pamong.core.views import ObjectFormView, ScopedListView

from ..forms.checkin import AnomalyFilterForm, AnomalyReviewForm
from ..models import Anomaly
from ..services.anomalies import anomaly_review


class AnomalyListView(ScopedListView):
    """Open flags first; filters by status, kind and date. Whoever sees only their own records gets 403."""

    model = Anomaly
    template_name = "attendance/checkin/anomaly_list.html"
    paginate_by = 50

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not scope_of(request.user).grants_for(ATTENDANCE_VIEW):
            raise PermissionDenied(_("Anomali presensi dilihat oleh BKPSDM dan pimpinan unit."))
        return super().dispatch(request, *args, **kwargs)

    def base_queryset(self) -> QuerySet[Any]:
        qs = Anomaly.objects.select_related("employee", "org_unit").order_by("-date", "kind", "pk")
        self.filter_form = AnomalyFilterForm(self.request.GET or None)
        if self.filter_form.is_valid():
            data = self.filter_form.cleaned_data
            if data["status"]:
                qs = qs.filter(status=data["status"])
            if data["kind"]:
                qs = qs.filter(kind=data["kind"])
            if data["date"]:
                qs = qs.filter(date=data["date"])
        return qs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["can_review"] = bool(scope_of(self.request.user).grants_for(ATTENDANCE_MANAGE))
        return context


class AnomalyReviewView(ObjectFormView):
    """Dismiss ("wajar") or confirm ("terbukti") one flag with a note (BKPSDM)."""

    target_model = Anomaly
    manage_action = ATTENDANCE_MANAGE
    form_class = AnomalyReviewForm
    template_name = "attendance/checkin/anomaly_review.html"
    page_title = _("Tinjau anomali presensi")
    submit_label = _("Simpan tinjauan")
    success_message = _("Tinjauan anomali disimpan.")

    def target_queryset(self) -> QuerySet[Any]:
        return super().target_queryset().select_related("employee", "org_unit")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = super().get_form_kwargs()
        kwargs.pop("actor", None)
        return kwargs

    def subject_url(self) -> str:
        return reverse("attendance:anomaly_list")

    def perform(self, form: AnomalyReviewForm) -> Anomaly:
        return anomaly_review(
            actor=self.request.user,
            anomaly=self.target,
            verdict=form.cleaned_data["verdict"],
            note=form.cleaned_data["note"],
        )
