"""Pages of the GDN supervision reports: the reports list (with "prepare"), one report with its figures, the
edit / submit / review forms, the Asisten's and the Sekda's month (matrix, summaries, trend), a summary.

Reads go through the selectors (``visible_to``: out of sight is 404); every change calls one service, which
checks again. A page whose action the user holds nowhere answers 403.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from pamong.access.roles import DISCIPLINE_REPORT, DISCIPLINE_REVIEW, DISCIPLINE_VIEW
from pamong.core.authz import allows
from pamong.core.models import Tenant
from pamong.core.scope import scope_of
from pamong.core.views import ObjectFormView, ScopedListView, ServiceFormView, tenant_today

from ..choices import ReportStatus
from ..forms.supervision import (
    ConfirmForm,
    ForwardForm,
    MonthFilterForm,
    PrepareForm,
    ReportForm,
    ReviewForm,
    parse_month,
)
from ..models import ClusterSummary, SupervisionReport
from ..selectors import supervision as selectors
from ..selectors import supervision_figures as figures_of
from ..services.supervision import report_prepare, report_review, report_submit, report_update, summary_forward


def tenant_of(request: HttpRequest) -> Tenant:
    tenant = getattr(request.user, "tenant", None)
    assert isinstance(tenant, Tenant)  # every user past the scope check belongs to a tenant
    return tenant


def _sees_reports(user: Any) -> bool:
    """Reports are read through a role (an ASN's own discipline.view does not reach them)."""
    return bool(scope_of(user).grants_for(DISCIPLINE_VIEW))


class ReportListView(ScopedListView):
    """ "Laporan GDN": the reports in sight, newest month first; the head prepares his unit's month here."""

    model = SupervisionReport
    action = DISCIPLINE_VIEW
    template_name = "discipline/supervision/report_list.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not _sees_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[SupervisionReport]:
        form = MonthFilterForm(self.request.GET)
        year = form.cleaned_data.get("tahun") if form.is_valid() else None
        return selectors.reports(actor=self.request.user, year=year)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        today = tenant_today(user)
        tenant = tenant_of(self.request)
        context["rows"] = [
            (
                report,
                selectors.report_is_late(report, tenant=tenant, today=today),
                selectors.month_label(report.year, report.month),
            )
            for report in context["object_list"]
        ]
        form = PrepareForm(actor=user, today=today)
        context["prepare_form"] = form if form.fields["org_unit"].queryset.exists() else None  # type: ignore[attr-defined]
        context["can_review"] = scope_of(user).can(DISCIPLINE_REVIEW)
        return context


class ReportPrepareView(ServiceFormView):
    """Prepare the month's report of a unit (or refresh the draft's figures), then open it."""

    template_name = "discipline/supervision/prepare_form.html"
    form_class = PrepareForm
    success_message = gettext_lazy("Laporan telah disiapkan dengan angka terbaru dari rekap kehadiran.")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not scope_of(request.user).can(DISCIPLINE_REPORT):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.update(actor=self.request.user, today=tenant_today(self.request.user))
        return kwargs

    def perform(self, form: PrepareForm) -> SupervisionReport:
        year, month = parse_month(form.cleaned_data["period"])
        return report_prepare(actor=self.request.user, org_unit=form.cleaned_data["org_unit"], year=year, month=month)

    def get_success_url(self) -> str:
        return reverse("discipline:report_detail", args=[self.result.pk])


class ReportDetailView(TemplateView):
    """One report: the figures (read-only), the head's narrative, the review, and the actions the user may take."""

    template_name = "discipline/supervision/report_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        report = get_object_or_404(selectors.report_detail(actor=user), pk=kwargs["pk"])
        today = tenant_today(user)
        draft = report.status == ReportStatus.DRAFT
        context.update(
            report=report,
            label=selectors.month_label(report.year, report.month),
            late=selectors.report_is_late(report, tenant=report.tenant, today=today),
            can_edit=draft and allows(user, DISCIPLINE_REPORT, report),
            can_review=report.status == ReportStatus.SUBMITTED and allows(user, DISCIPLINE_REVIEW, report),
            period=f"{report.year:04d}-{report.month:02d}",
            excused=figures_of.excused_rows(report.figures),
        )
        return context


class _ReportFormView(ObjectFormView):
    target_model = SupervisionReport
    subject_url_name = "discipline:report_detail"
    subject_context_name = "report"
    template_name = "discipline/supervision/report_form.html"
    intro: ClassVar[Any] = ""

    def target_queryset(self) -> QuerySet[SupervisionReport]:
        return selectors.report_detail(actor=self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(label=selectors.month_label(self.target.year, self.target.month), intro=self.intro)
        return context


class ReportEditView(_ReportFormView):
    manage_action = DISCIPLINE_REPORT
    form_class = ReportForm
    page_title = gettext_lazy("Isi laporan pengawasan disiplin")
    success_message = gettext_lazy("Laporan telah disimpan.")

    def get_initial(self) -> dict[str, Any]:
        r = self.target
        return {"inspections_held": r.inspections_held, "findings": r.findings, "follow_up": r.follow_up}

    def perform(self, form: ReportForm) -> SupervisionReport:
        d = form.cleaned_data
        return report_update(
            actor=self.request.user,
            report=self.target,
            inspections_held=d["inspections_held"],
            findings=d.get("findings") or "",
            follow_up=d.get("follow_up") or "",
        )


class ReportSubmitView(_ReportFormView):
    manage_action = DISCIPLINE_REPORT
    form_class = ConfirmForm
    page_title = gettext_lazy("Kirim laporan ke Asisten")
    submit_label = gettext_lazy("Kirim laporan")
    success_message = gettext_lazy("Laporan telah dikirim ke Asisten koordinator.")
    intro = gettext_lazy(
        "Angka kehadiran diperbarui sekali lagi dari rekap saat laporan dikirim. Laporan yang sudah dikirim "
        "tidak dapat diubah."
    )

    def perform(self, form: ConfirmForm) -> SupervisionReport:
        return report_submit(actor=self.request.user, report=self.target)


class ReportReviewView(_ReportFormView):
    manage_action = DISCIPLINE_REVIEW
    form_class = ReviewForm
    page_title = gettext_lazy("Telaah laporan pengawasan disiplin")
    submit_label = gettext_lazy("Tandai sudah ditelaah")
    success_message = gettext_lazy("Laporan telah ditelaah; kepala unit diberi tahu.")

    def perform(self, form: ReviewForm) -> SupervisionReport:
        return report_review(actor=self.request.user, report=self.target, note=form.cleaned_data.get("note") or "")


def _require_review(request: HttpRequest) -> None:
    if request.user.is_authenticated and not scope_of(request.user).can(DISCIPLINE_REVIEW):
        raise PermissionDenied


class ReviewListView(TemplateView):
    """ "Telaah laporan GDN": the month's OPDs by cluster (status, late, who has not reported), the review
    links, the forward-summary forms, the summaries received and the six-month trend."""

    template_name = "discipline/supervision/review_list.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        _require_review(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        today = tenant_today(user)
        year, month = MonthFilterForm(self.request.GET).month(today)
        matrix = selectors.month_matrix(actor=user, year=year, month=month, today=today)
        forms = {
            block.cluster.pk: ForwardForm(
                actor=user,
                initial={"cluster": block.cluster.pk, "year": year, "month": month},
                prefix=f"c{block.cluster.pk}",
            )
            for block in matrix.blocks
            if block.can_forward and block.cluster is not None
        }
        trend = selectors.trend(units=[row.unit for row in matrix.rows], year=year, month=month)
        previous = (year - 1, 12) if month == 1 else (year, month - 1)
        following = (year + 1, 1) if month == 12 else (year, month + 1)
        context.update(
            matrix=matrix,
            blocks=[(block, forms.get(block.cluster.pk) if block.cluster else None) for block in matrix.blocks],
            summaries=list(selectors.summaries(actor=user)[:12]),
            trend=trend,
            trend_chart=trend.chart(),
            tenant_wide=selectors.reviews_tenant_wide(user),
            previous=previous,
            following=following if following <= (today.year, today.month) else None,
        )
        return context


class SummaryForwardView(ServiceFormView):
    """Forward a cluster's month to the Sekda (the form sits on the review page; errors come back here)."""

    template_name = "discipline/supervision/summary_form.html"
    form_class = ForwardForm
    success_message = gettext_lazy("Ringkasan klaster telah diteruskan ke Sekretaris Daerah.")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        _require_review(request)
        return super().dispatch(request, *args, **kwargs)

    def get_prefix(self) -> str | None:
        return self.request.POST.get("prefix") or self.request.GET.get("prefix") or None

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["actor"] = self.request.user
        return kwargs

    def perform(self, form: ForwardForm) -> ClusterSummary:
        d = form.cleaned_data
        return summary_forward(
            actor=self.request.user, cluster=d["cluster"], year=d["year"], month=d["month"], summary=d["summary"]
        )

    def get_success_url(self) -> str:
        return reverse("discipline:summary_detail", args=[self.result.pk])


class SummaryDetailView(TemplateView):
    template_name = "discipline/supervision/summary_detail.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        _require_review(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        summary = get_object_or_404(selectors.summaries(actor=user), pk=kwargs["pk"])
        context.update(
            summary=summary,
            label=selectors.month_label(summary.year, summary.month),
            excused=figures_of.excused_rows(summary.figures),
            late=(figures_of.local_date(summary.forwarded_at, tenant_of(self.request).zone) or summary.due_on)
            > summary.due_on,
        )
        return context
