"""Pages of the imports app: batch list, upload form, batch detail (polled while running), downloads."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from pamong.access.roles import IMPORTS_RUN
from pamong.core.scope import scope_of
from pamong.core.views import HtmxTemplateMixin, ScopedDetailView, ScopedListView, ServiceFormView

from . import selectors, services
from .choices import ImportKind
from .columns import SAMPLE_DIR, SAMPLES, SPECS
from .forms import UploadForm
from .models import ImportBatch
from .report import errors_workbook

#: Errors listed on the page; the download has all of them.
ERRORS_SHOWN = 500
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportsOnlyMixin:
    """These pages exist only for holders of ``imports.run``: to anyone else they are not found (404)."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not scope_of(request.user).can(IMPORTS_RUN):
            raise Http404
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc,no-any-return]


class BatchListView(ImportsOnlyMixin, ScopedListView):
    model = ImportBatch
    template_name = "imports/batch_list.html"
    context_object_name = "batches"

    def get_queryset(self) -> QuerySet[ImportBatch]:
        return selectors.batch_list(actor=self.request.user)


class BatchCreateView(ImportsOnlyMixin, ServiceFormView):
    template_name = "imports/batch_form.html"
    form_class = UploadForm

    def get_initial(self) -> dict[str, Any]:
        kind = self.request.GET.get("kind", "")
        return {"kind": kind} if kind in ImportKind.values else {}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["specs"] = [(kind, label, SPECS[kind].columns, SAMPLES[kind]) for kind, label in ImportKind.choices]
        return context

    def perform(self, form: UploadForm) -> ImportBatch:
        return services.import_upload(
            actor=self.request.user, kind=form.cleaned_data["kind"], file=form.cleaned_data["file"]
        )

    def get_success_url(self) -> str:
        return reverse("imports:batch_detail", args=[self.result.pk])


class BatchDetailView(ImportsOnlyMixin, HtmxTemplateMixin, ScopedDetailView):
    """The batch and its outcome; HTMX polls the status partial every second while the job runs."""

    model = ImportBatch
    template_name = "imports/batch_detail.html"
    partial_template_name = "imports/partials/batch_status.html"
    context_object_name = "batch"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        errors = self.object.errors or []
        context["errors_shown"] = errors[:ERRORS_SHOWN]
        context["errors_hidden"] = self.object.error_count - len(context["errors_shown"])
        return context


class BatchErrorsView(ImportsOnlyMixin, ScopedDetailView):
    """The full error report of a rejected batch as an .xlsx."""

    model = ImportBatch

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        batch = self.get_object()
        title = _("Kesalahan impor #%(id)d: %(name)s") % {"id": batch.pk, "name": batch.original_name}
        response = HttpResponse(errors_workbook(batch.errors or [], title=title), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="kesalahan-impor-{batch.pk}.xlsx"'
        return response


class SampleView(ImportsOnlyMixin, View):
    """One of the example files (``samples/``)."""

    def get(self, request: HttpRequest, name: str) -> FileResponse:
        if name not in SAMPLES.values():
            raise Http404
        return FileResponse((SAMPLE_DIR / name).open("rb"), as_attachment=True, filename=name)
