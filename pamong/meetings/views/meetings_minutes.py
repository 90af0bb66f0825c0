"""The minutes page (one agenda item at a time, saved by HTMX without a reload) and the recurring series pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from pamong.access.roles import MEETINGS_MANAGE, MEETINGS_VIEW
from pamong.core.errors import DomainError
from pamong.core.scope import scope_of
from pamong.core.views import ScopedListView, ServiceFormView, raise_for_domain_error

from ..forms.meetings import SeriesForm
from ..models import AgendaItem, MeetingSeries
from ..selectors import meetings as selectors
from ..services.meeting_minutes import minutes_save, series_create
from .meetings import _meeting_for_run


class MinutesView(View):
    """GET: every agenda item as its own small form; POST: save one item (and its decision) and answer with that
    item's fragment (HTMX) or the whole page."""

    template_name = "meetings/meetings/minutes.html"
    partial_name = "meetings/meetings/partials/agenda_item.html"

    def _context(self, meeting: Any) -> dict[str, Any]:
        items = list(AgendaItem.objects.filter(meeting=meeting).prefetch_related("decisions"))
        return {"meeting": meeting, "items": items}

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting = _meeting_for_run(request, pk)
        return render(request, self.template_name, self._context(meeting))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting = _meeting_for_run(request, pk)
        row: dict[str, Any] = {"title": request.POST.get("title", ""), "notes": request.POST.get("notes", "")}
        if request.POST.get("id"):
            row["id"] = request.POST["id"]
        decisions = []
        if request.POST.get("decision", "").strip():
            decisions.append({"agenda_index": 0, "text": request.POST["decision"]})
        error = ""
        try:
            saved = minutes_save(actor=request.user, meeting=meeting, agenda=[row], decisions=decisions)
        except DomainError as exc:
            raise_for_domain_error(exc)
            error = exc.message
            saved = []
        htmx = getattr(request, "htmx", None)
        if htmx:
            item = saved[0] if saved else None
            if item is not None:
                item = AgendaItem.objects.prefetch_related("decisions").get(pk=item.pk)
            return render(
                request,
                self.partial_name,
                {"meeting": meeting, "item": item, "error": error, "row": row, "saved": bool(saved)},
                status=400 if error else 200,
            )
        context = self._context(meeting)
        context["error"] = error
        return render(request, self.template_name, context, status=400 if error else 200)


class SeriesListView(ScopedListView):
    model = MeetingSeries
    action = MEETINGS_MANAGE
    template_name = "meetings/meetings/series_list.html"

    def get_queryset(self) -> QuerySet[MeetingSeries]:
        return selectors.series_list(self.request.user)


class SeriesCreateView(ServiceFormView):
    form_class = SeriesForm
    template_name = "meetings/meetings/meeting_form.html"
    success_message = _("Rapat berulang dibuat; rapat berikutnya dijadwalkan otomatis.")
    extra_context = {"page_title": _("Rapat berulang baru")}

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not scope_of(request.user).can(MEETINGS_MANAGE):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "actor": self.request.user}

    def perform(self, form: Any) -> MeetingSeries:
        data = dict(form.cleaned_data)
        org_unit, units = data.pop("org_unit"), data.pop("invited_units")
        return series_create(actor=self.request.user, org_unit=org_unit, invited_units=units, **data)

    def get_success_url(self) -> str:
        return reverse("meetings:series_list")


__all__ = ["MEETINGS_VIEW", "MinutesView", "SeriesCreateView", "SeriesListView"]
