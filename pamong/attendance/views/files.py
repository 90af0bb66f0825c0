"""Pages of punch files: upload (import, check, check as CSV), templates, batch history, manual punch.

Who sees what: the upload and the templates need ``attendance.import`` somewhere (else 403); the manual
punch ``attendance.manage``; the batch history ``attendance.view`` through a role (BKPSDM, heads,
operators; not the self-view of a plain ASN: 403). A batch outside one's scope is 404.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View

from pamong.access.roles import ATTENDANCE_IMPORT, ATTENDANCE_MANAGE
from pamong.core.scope import scope_of
from pamong.core.views import ScopedDetailView, ScopedListView, ServiceFormView

from ..choices import BatchSource
from ..forms.files import BatchFilterForm, ManualPunchForm, PunchFileForm
from ..models import IngestBatch
from ..punch_files import SPEC
from ..selectors.batches import batch_list, can_see_batches
from ..services.files import FileReport, punch_file_import, punch_manual_add

#: Lines listed on a page; the CSV has all of them.
ERRORS_SHOWN = 500
SAMPLE_DIR = Path(__file__).resolve().parent.parent / "samples"
SAMPLES = ("attlog.dat", "presensi.csv", "presensi.xlsx")


class _RequiresAction:
    """The page exists for holders of ``required_action`` somewhere; anyone else is refused (403)."""

    required_action = ""
    request: HttpRequest

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not scope_of(request.user).grants_for(self.required_action):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc,no-any-return]


def report_csv(errors: Iterable[Mapping[str, Any]], *, name: str) -> HttpResponse:
    """The per-line report as a CSV that Excel with Indonesian settings opens (``;``, UTF-8 BOM)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([_("Baris"), _("Kode"), _("Pesan"), _("Disimpan"), _("Isi baris")])
    for error in errors:
        writer.writerow(
            [
                error.get("line") or "",
                error.get("code", ""),
                error.get("message_id", ""),
                _("ya") if error.get("kept") else _("tidak"),
                str(error.get("raw", "")).replace("\t", " | "),
            ]
        )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class PunchFileUploadView(_RequiresAction, ServiceFormView):
    """Upload a punch file: ``import`` (redirects to its batch), ``check`` (the report, nothing written) or
    ``csv`` (the same report as a CSV download)."""

    required_action = ATTENDANCE_IMPORT
    template_name = "attendance/files/upload.html"
    form_class = PunchFileForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["actor"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["columns"] = SPEC.columns
        context["samples"] = SAMPLES
        return context

    def mode(self) -> str:
        value = self.request.POST.get("action", "import")
        return value if value in ("import", "check", "csv") else "import"

    def perform(self, form: PunchFileForm) -> FileReport:
        upload = form.cleaned_data["file"]
        device = form.cleaned_data.get("device")
        unit = form.cleaned_data.get("org_unit")
        return punch_file_import(
            actor=self.request.user,
            content=upload.read(),
            file_name=upload.name,
            org_unit_id=unit.pk if unit is not None else None,
            device_id=device.pk if device is not None else None,
            dry_run=self.mode() != "import",
        )

    def form_valid(self, form: PunchFileForm) -> HttpResponse:
        response = super().form_valid(form)  # the service's refusals come back as form errors (200)
        report: FileReport | None = getattr(self, "result", None)
        if report is None or response.status_code != 302:
            return response
        if self.mode() == "csv":
            return report_csv([*report.notes, *report.errors], name="laporan-periksa-presensi.csv")
        if report.dry_run:
            return self.render_to_response(
                self.get_context_data(form=form, report=report, report_errors=report.errors[:ERRORS_SHOWN])
            )
        messages.success(
            self.request,
            _("Berkas %(name)s diimpor: %(new)d presensi baru, %(dup)d duplikat, %(bad)d baris ditolak.")
            % {"name": report.file_name, "new": report.accepted, "dup": report.duplicates, "bad": report.rejected},
        )
        return response

    def get_success_url(self) -> str:
        if self.result.batch_id is None:  # a check: the response is the report, not this redirect
            return reverse("attendance:punch_file_upload")
        return reverse("attendance:batch_detail", args=[self.result.batch_id])


class PunchFileSampleView(_RequiresAction, View):
    """One of the example files: a ``.dat``, the CSV and the Excel template."""

    required_action = ATTENDANCE_IMPORT

    def get(self, request: HttpRequest, name: str) -> FileResponse:
        if name not in SAMPLES:
            raise Http404
        return FileResponse((SAMPLE_DIR / name).open("rb"), as_attachment=True, filename=name)


class BatchListView(ScopedListView):
    """Every batch in scope (device pushes, files, manual entries), newest first, with filters."""

    model = IngestBatch
    template_name = "attendance/files/batch_list.html"
    context_object_name = "batches"
    paginate_by = 50

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not can_see_batches(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[IngestBatch]:
        self.filter_form = BatchFilterForm(self.request.GET or None, actor=self.request.user)
        return batch_list(actor=self.request.user, **self.filter_form.filters())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        labels = dict(BatchSource.choices)
        for batch in context["batches"]:
            batch.source_label = labels.get(batch.source, batch.source)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_string"] = query.urlencode()
        context["can_upload"] = bool(scope_of(self.request.user).grants_for(ATTENDANCE_IMPORT))
        context["can_manual"] = bool(scope_of(self.request.user).grants_for(ATTENDANCE_MANAGE))
        return context


class BatchDetailView(ScopedDetailView):
    """One batch: who, when, where from, the counts and every refused or noted line."""

    model = IngestBatch
    template_name = "attendance/files/batch_detail.html"
    context_object_name = "batch"

    def base_queryset(self) -> QuerySet[IngestBatch]:
        return IngestBatch.objects.select_related("org_unit", "device", "created_by")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        errors = self.object.errors or []
        context["report"] = self.object
        context["report_errors"] = errors[:ERRORS_SHOWN]
        context["errors_hidden"] = max(len(errors) - ERRORS_SHOWN, 0)
        source = self.object.source
        context["source_label"] = BatchSource(source).label if source in BatchSource.values else source
        return context


class BatchErrorsCsvView(ScopedDetailView):
    """The per-line report of one batch as CSV."""

    model = IngestBatch

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        batch = self.get_object()
        return report_csv(batch.errors or [], name=f"laporan-kiriman-{batch.pk}.csv")


class ManualPunchView(_RequiresAction, ServiceFormView):
    """One punch typed in for an employee, with a mandatory reason (BKPSDM's ``attendance.manage``)."""

    required_action = ATTENDANCE_MANAGE
    template_name = "attendance/files/manual.html"
    form_class = ManualPunchForm
    success_message = _lazy("Presensi manual disimpan.")

    def perform(self, form: ManualPunchForm) -> Any:
        data = form.cleaned_data
        return punch_manual_add(
            actor=self.request.user,
            nip=data["nip"],
            punched_at=dt.datetime.combine(data["date"], data["time"]),
            status=data["status"],
            reason=data["reason"],
        )

    def form_valid(self, form: ManualPunchForm) -> HttpResponse:
        try:
            return super().form_valid(form)
        except Http404:
            # An unknown NIP (or one out of sight, which must look the same) is a slip of the keyboard here.
            form.add_error("nip", _("Tidak ada pegawai dengan NIP %(nip)s.") % {"nip": form.cleaned_data["nip"]})
            return self.form_invalid(form)

    def get_success_url(self) -> str:
        return reverse("attendance:batch_detail", args=[self.result.batch_id])
