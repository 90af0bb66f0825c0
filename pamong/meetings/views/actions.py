"""Pages of action items: the list in scope, one item (history, evidence, steps), creating one, the rate per OPD.

Reads go through ``selectors.actions`` (out of scope is 404); every change calls one service of
``services.actions``/``services.actions_evidence``; a refusal is shown as a message on the item page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from pamong.access.roles import ACTIONS_UPDATE, ACTIONS_VERIFY, MEETINGS_VIEW
from pamong.core.authz import allows
from pamong.core.errors import DomainError
from pamong.core.scope import scope_of
from pamong.core.views import raise_for_domain_error, tenant_today

from ..forms.actions import EvidenceForm, ItemFilterForm, NoteForm, ProgressForm
from ..models import ActionItem
from ..rules.follow_through import ItemStatus
from ..selectors import actions as selectors
from ..services import actions as services
from ..services.actions_evidence import evidence_submit


class ViewerMixin(LoginRequiredMixin):
    raise_exception = False

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated and not scope_of(request.user).can(MEETINGS_VIEW):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ItemListView(ViewerMixin, ListView):  # type: ignore[type-arg]
    """The action items in scope: an OPD head sees his unit's, the chair's side all; overdue highlighted."""

    template_name = "meetings/actions/item_list.html"
    context_object_name = "items"
    paginate_by = 25

    def get_queryset(self) -> Any:
        self.today = tenant_today(self.request.user)
        self.filter_form = ItemFilterForm(self.request.GET or None)
        data = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        filters = selectors.ItemFilters(
            status=data.get("status") or "",
            unit_id=data.get("unit"),
            meeting_id=data.get("rapat"),
            due_from=data.get("dari"),
            due_to=data.get("sampai"),
        )
        return selectors.item_list(actor=self.request.user, filters=filters, today=self.today)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["rows"] = [(item, selectors.overdue(item, self.today)) for item in context["items"]]
        context["filter_form"] = self.filter_form
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_string"] = query.urlencode()
        return context


def _item(request: HttpRequest, pk: int) -> ActionItem:
    if not scope_of(request.user).can(MEETINGS_VIEW):
        raise PermissionDenied
    item: ActionItem = get_object_or_404(selectors.item_detail_queryset(actor=request.user), pk=pk)
    return item


class ItemDetailView(ViewerMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        item = _item(request, pk)
        today = tenant_today(request.user)
        status = ItemStatus(item.status)
        active = status in (ItemStatus.OPEN, ItemStatus.IN_PROGRESS)
        context = {
            "item": item,
            "overdue": selectors.overdue(item, today),
            "can_update": allows(request.user, ACTIONS_UPDATE, item) and not status.settled,
            "can_submit": allows(request.user, ACTIONS_UPDATE, item) and active,
            "can_start": allows(request.user, ACTIONS_UPDATE, item) and status is ItemStatus.OPEN,
            "can_verify": allows(request.user, ACTIONS_VERIFY, item) and status is ItemStatus.DONE,
            "can_drop": allows(request.user, ACTIONS_VERIFY, item) and active,
            "evidence_form": EvidenceForm(),
            "note_form": NoteForm(),
        }
        return render(request, "meetings/actions/item_detail.html", context)


class ItemStepView(ViewerMixin, View):
    """POST one step on an item, then back to its page with the outcome as a message."""

    step = ""

    def perform(self, request: HttpRequest, item: ActionItem) -> str:
        note = NoteForm(request.POST)
        note.is_valid()
        text = str(note.cleaned_data.get("note") or "")
        if self.step == "verify":
            services.item_verify(actor=request.user, item=item, note=text)
            return _("Tindak lanjut telah diverifikasi.")
        if self.step == "return":
            services.item_return(actor=request.user, item=item, note=text)
            return _("Tindak lanjut dikembalikan ke unit dengan catatan.")
        if self.step == "drop":
            services.item_drop(actor=request.user, item=item, reason=text)
            return _("Tindak lanjut dibatalkan dengan alasan.")
        if self.step == "progress":
            progress = ProgressForm(request.POST)
            progress.is_valid()
            services.item_move(
                actor=request.user, item=item, to_status=progress.cleaned_data.get("to_status") or "", note=text
            )
            return _("Status tindak lanjut diperbarui.")
        form = EvidenceForm(request.POST, request.FILES)
        form.is_valid()
        evidence_submit(
            actor=request.user,
            item=item,
            kind=item.evidence_kind,
            file=form.cleaned_data.get("file"),
            link=form.cleaned_data.get("link") or "",
            note=form.cleaned_data.get("note") or "",
        )
        return _("Bukti terkirim; tindak lanjut menunggu verifikasi.")

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        item = _item(request, pk)
        try:
            message = self.perform(request, item)
        except DomainError as exc:
            raise_for_domain_error(exc)
            details = [m for errors in exc.field_errors.values() for m in errors]
            messages.error(request, " ".join(details) if details else exc.message)
        else:
            messages.success(request, message)
        return redirect(reverse("meetings:item_detail", args=[pk]))


class EvidenceDownloadView(ViewerMixin, View):
    """Serve an evidence file to whoever may see its item (else 404), as an attachment, never sniffed."""

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        evidence = get_object_or_404(selectors.evidence_in_scope(actor=request.user).exclude(file=""), pk=pk)
        response = FileResponse(
            evidence.file.open("rb"),
            as_attachment=True,
            filename=evidence.original_name or "bukti",
            content_type=evidence.content_type or "application/octet-stream",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response


class FollowThroughView(ViewerMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        table = selectors.follow_through_by_opd(actor=request.user, today=tenant_today(request.user))
        return render(request, "meetings/actions/follow_through.html", {"table": table})
