"""Pages of periodic reports: the list and the verifier's queue, the report, filling it, the workflow, evidence.

Reads go through ``visible_to`` (out of sight is 404); every change calls one service. A user who
can see a report but may not do a step gets 403 on its page; the services check again on submit.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView

from pamong.access.roles import PERFORMANCE_VIEW, REPORTS_SUBMIT, REPORTS_VERIFY
from pamong.core.errors import DomainError, ValidationFailed
from pamong.core.scope import scope_of
from pamong.core.views import ObjectFormView, ScopedListView, raise_for_domain_error, tenant_today
from pamong.org.models import OrgUnit

from . import selectors, services
from .authz import authorize_edit
from .choices import ReportKind
from .forms import ConfirmForm, EvidenceForm, FilterForm, ReturnForm
from .governance import figures_of
from .labels import period_name, report_title
from .models import Evidence, GovernanceSection, Report, ReportValue
from .services import Narrative, SectionEntry, ValueEntry
from .tenant_settings import report_settings

NARRATIVE = ("problems", "causes", "solutions", "follow_up")


def _filters(form: FilterForm) -> selectors.ReportFilters:
    if not form.is_valid():
        return selectors.ReportFilters()
    d = form.cleaned_data
    return selectors.ReportFilters(
        year=d.get("tahun"),
        period_no=d.get("periode"),
        org_unit_id=d["unit"].pk if d.get("unit") else None,
        status=d.get("status") or "",
        kind=d.get("jenis") or "",
        late=d.get("ketepatan") or "",
    )


class ReportListView(ScopedListView):
    """The reports in the user's scope with their status and late/missing flags."""

    model = Report
    action = PERFORMANCE_VIEW
    template_name = "reports/report_list.html"
    queue: ClassVar[bool] = False

    def base_queryset(self) -> QuerySet[Report]:
        user = self.request.user
        self.today = tenant_today(user)
        units = OrgUnit.objects.visible_to(user, PERFORMANCE_VIEW).filter(depth__lte=2).order_by("path")
        self.filter_form = FilterForm(self.request.GET or None, units=units)
        return selectors.report_list(actor=user, filters=_filters(self.filter_form), today=self.today)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filter_form=self.filter_form,
            rows=[(r, selectors.late_status(r, self.today)) for r in context["object_list"]],
            query_string=query.urlencode(),
            queue=self.queue,
            can_verify_anywhere=scope_of(self.request.user).can(REPORTS_VERIFY),
        )
        return context


class VerifyQueueView(ReportListView):
    """Submitted reports waiting for this verifier ("menunggu verifikasi"); not one's own submissions."""

    action = REPORTS_VERIFY
    queue = True

    def base_queryset(self) -> QuerySet[Report]:
        self.today = tenant_today(self.request.user)
        self.filter_form = FilterForm(None)
        return selectors.verify_queue(actor=self.request.user)


class ReportDetailView(DetailView):  # type: ignore[type-arg]
    template_name = "reports/report_detail.html"
    context_object_name = "report"

    def get_queryset(self) -> QuerySet[Report]:
        return selectors.report_detail(actor=self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = tenant_today(self.request.user)
        context.update(
            page=selectors.report_page(actor=self.request.user, report=self.object, today=today),
            title=report_title(self.object),
            period=period_name(self.object),
        )
        return context


class ReportObjectMixin:
    """Loads the report within sight (else 404) and requires the right to fill it (else 403)."""

    request: HttpRequest
    report: Report

    def load(self, pk: int) -> Report:
        report = get_object_or_404(selectors.report_detail(actor=self.request.user), pk=pk)
        try:
            authorize_edit(self.request.user, report)
        except DomainError as exc:
            raise_for_domain_error(exc)
            raise
        return report


def _value_entries(report: Report, data: Any, only: int | None = None) -> list[ValueEntry]:
    entries = []
    for indicator_id in report.values.values_list("indicator_id", flat=True):
        if only is not None and indicator_id != only:
            continue
        if f"actual_{indicator_id}" in data or f"note_{indicator_id}" in data:
            entries.append(
                ValueEntry(
                    indicator_id=indicator_id,
                    actual=data.get(f"actual_{indicator_id}", ""),
                    note=data.get(f"note_{indicator_id}", ""),
                )
            )
    return entries


def _section_entries(report: Report, data: Any) -> list[SectionEntry]:
    entries = []
    for topic in report.sections.values_list("topic", flat=True):
        if f"summary_{topic}" not in data:
            continue
        entries.append(
            SectionEntry(
                topic=topic,
                summary=data.get(f"summary_{topic}", ""),
                problems=data.get(f"problems_{topic}", ""),
                follow_up=data.get(f"follow_up_{topic}", ""),
                figures={f.code: data.get(f"figure_{topic}_{f.code}", "") for f in figures_of(topic)},
            )
        )
    return entries


def _keep_typed(page: selectors.ReportPage, data: Any, errors: dict[str, list[str]]) -> None:
    """Show what was typed, and each row's message, after a refused save (nothing was written)."""
    for row in page.rows:
        pk = row.indicator.pk
        row.raw_actual = data.get(f"actual_{pk}", "")
        row.raw_note = data.get(f"note_{pk}", "")
        row.error = (errors.get(f"value_{pk}") or [""])[0]
    for section in page.sections:
        topic = section.section.topic
        section.raw = {name: data.get(f"{name}_{topic}", "") for name in ("summary", "problems", "follow_up")}
        section.figures = [(f, data.get(f"figure_{topic}_{f.code}", "")) for f, _v in section.figures]
        messages_ = [m for key, ms in errors.items() if key.startswith(f"figure_{topic}_") for m in ms]
        section.error = " ".join(messages_)


class ReportEditView(ReportObjectMixin, View):
    """Fill a draft or returned report: every value with its note, the narrative or the sections, evidence."""

    template_name = "reports/report_edit.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.report = self.load(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def render_page(
        self, *, data: Any = None, errors: dict[str, list[str]] | None = None, status: int = 200
    ) -> HttpResponse:
        today = tenant_today(self.request.user)
        page = selectors.report_page(actor=self.request.user, report=self.report, today=today)
        if data is not None:
            _keep_typed(page, data, errors or {})
        context = {
            "report": self.report,
            "page": page,
            "title": report_title(self.report),
            "data": data,
            "errors": errors or {},
            "evidence_form": EvidenceForm(),
            "max_mb": report_settings(self.report.tenant).evidence_max_mb,
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.report.status not in ("draft", "returned"):
            messages.warning(request, _("Laporan yang sudah diajukan atau diverifikasi tidak dapat diubah."))
            return redirect("reports:report_detail", self.report.pk)
        return self.render_page()

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        data = request.POST
        try:
            services.report_fill(
                actor=request.user,
                report=self.report,
                values=_value_entries(self.report, data),
                sections=_section_entries(self.report, data) if self.report.kind == ReportKind.GOVERNANCE else (),
                narrative=Narrative(**{name: data.get(name, "") for name in NARRATIVE})
                if any(name in data for name in NARRATIVE)
                else None,
            )
        except DomainError as exc:
            raise_for_domain_error(exc)
            messages.error(request, exc.message)
            return self.render_page(data=data, errors=exc.field_errors, status=400)
        messages.success(request, _("Laporan telah disimpan."))
        if "then_submit" in data:
            return redirect("reports:report_submit", self.report.pk)
        return redirect("reports:report_detail", self.report.pk)


class ValueSaveView(ReportObjectMixin, View):
    """Save one value row (HTMX, for a slow link): answers the row, saved or with its error."""

    def post(self, request: HttpRequest, pk: int, indicator_id: int) -> HttpResponse:
        report = self.load(pk)
        value = get_object_or_404(
            ReportValue.objects.select_related("indicator"), report=report, indicator_id=indicator_id
        )
        errors: dict[str, list[str]] = {}
        saved = False
        try:
            services.report_fill(
                actor=request.user, report=report, values=_value_entries(report, request.POST, only=indicator_id)
            )
            saved = True
        except ValidationFailed as exc:
            errors = exc.field_errors
        except DomainError as exc:
            raise_for_domain_error(exc)
            errors = {f"value_{indicator_id}": [exc.message]}
        if not getattr(request, "htmx", False):
            if errors:
                messages.error(request, next(iter(errors.values()))[0])
            return redirect("reports:report_edit", pk)
        page = selectors.report_page(actor=request.user, report=report, today=tenant_today(request.user))
        if errors:
            _keep_typed(page, request.POST, errors)
        row = next(r for r in page.rows if r.value.pk == value.pk)
        context = {"row": row, "report": report, "data": request.POST if errors else None, "saved": saved}
        return render(request, "reports/partials/value_row.html", context)


class EvidenceUploadView(ReportObjectMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = self.load(pk)
        form = EvidenceForm(request.POST, request.FILES)
        form.is_valid()
        target = str(form.cleaned_data.get("target") or "")
        value = section = None
        kind, _sep, ref = target.partition(":")
        if kind == "value" and ref.isdigit():
            value = ReportValue.objects.filter(report=report, pk=int(ref)).first()
        elif kind == "section" and ref.isdigit():
            section = GovernanceSection.objects.filter(report=report, pk=int(ref)).first()
        try:
            evidence = services.evidence_upload(
                actor=request.user,
                report=report,
                file=form.cleaned_data.get("file"),
                value=value,
                section=section,
                description=form.cleaned_data.get("description") or "",
            )
        except DomainError as exc:
            raise_for_domain_error(exc)
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Bukti dukung “%(name)s” telah diunggah.") % {"name": evidence.original_name})
        return redirect(reverse("reports:report_edit", args=[pk]) + "#bukti")


class EvidenceRemoveView(View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        evidence = get_object_or_404(
            Evidence.objects.visible_to(request.user, PERFORMANCE_VIEW).select_related("report__org_unit"),
            pk=pk,
            removed_at__isnull=True,
        )
        try:
            services.evidence_remove(actor=request.user, evidence=evidence)
        except DomainError as exc:
            raise_for_domain_error(exc)
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Bukti dukung telah dihapus."))
        return redirect(reverse("reports:report_edit", args=[evidence.report_id]) + "#bukti")


class EvidenceDownloadView(View):
    """Serve an evidence file to whoever may see its report (else 404), as an attachment, never sniffed."""

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        evidence = get_object_or_404(
            Evidence.objects.visible_to(request.user, PERFORMANCE_VIEW), pk=pk, removed_at__isnull=True
        )
        response = FileResponse(
            evidence.file.open("rb"),
            as_attachment=True,
            filename=evidence.original_name,
            content_type=evidence.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response


class StepView(ObjectFormView):
    """A workflow step on one report: a confirmation (or a reason) page and its service."""

    target_model = Report
    template_name = "reports/step_form.html"
    subject_url_name = "reports:report_detail"
    subject_context_name = "report"
    form_class: Any = ConfirmForm
    intro: ClassVar[Any] = ""
    button_class: ClassVar[str] = "btn-primary"
    testid: ClassVar[str] = ""

    def target_queryset(self) -> QuerySet[Any]:
        return selectors.report_detail(actor=self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = tenant_today(self.request.user)
        context.update(
            page=selectors.report_page(actor=self.request.user, report=self.target, today=today),
            title=report_title(self.target),
            intro=self.intro,
            button_class=self.button_class,
            testid=self.testid,
        )
        return context


class SubmitView(StepView):
    manage_action = REPORTS_SUBMIT
    page_title = gettext_lazy("Ajukan laporan")
    submit_label = gettext_lazy("Ajukan ke verifikator")
    success_message = gettext_lazy("Laporan telah diajukan ke verifikator.")
    intro = gettext_lazy(
        "Setelah diajukan, laporan tidak dapat diubah lagi kecuali dikembalikan oleh verifikator. "
        "Tanggal pengajuan pertama menentukan ketepatan waktu."
    )
    testid = "confirm-submit"

    def perform(self, form: ConfirmForm) -> Report:
        return services.report_submit(
            actor=self.request.user, report=self.target, today=tenant_today(self.request.user)
        )


class VerifyView(StepView):
    manage_action = REPORTS_VERIFY
    page_title = gettext_lazy("Verifikasi laporan")
    submit_label = gettext_lazy("Nyatakan terverifikasi")
    success_message = gettext_lazy("Laporan telah diverifikasi.")
    intro = gettext_lazy(
        "Dengan memverifikasi, Anda menyatakan angka realisasi didukung bukti yang cukup; "
        "nilai laporan ini akan dihitung dalam capaian kinerja."
    )
    button_class = "btn-success"
    testid = "confirm-verify"

    def perform(self, form: ConfirmForm) -> Report:
        return services.report_verify(
            actor=self.request.user, report=self.target, today=tenant_today(self.request.user)
        )


class ReturnView(StepView):
    manage_action = REPORTS_VERIFY
    form_class = ReturnForm
    page_title = gettext_lazy("Kembalikan laporan")
    submit_label = gettext_lazy("Kembalikan ke unit")
    success_message = gettext_lazy("Laporan telah dikembalikan ke unit dengan alasan.")
    intro = gettext_lazy(
        "Unit akan menerima pemberitahuan berisi alasan ini, memperbaiki laporan, lalu mengajukannya ulang."
    )
    button_class = "btn-warning"
    testid = "confirm-return"

    def perform(self, form: ReturnForm) -> Report:
        return services.report_return(
            actor=self.request.user,
            report=self.target,
            reason=form.cleaned_data.get("reason") or "",
            today=tenant_today(self.request.user),
        )
