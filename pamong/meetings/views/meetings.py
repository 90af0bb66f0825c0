"""Meeting pages: the list (upcoming and past), one meeting, scheduling, attendance, cancelling, holding, the
invited unit's note.

Reads go through ``selectors.meetings`` (``visible_to``: out of sight is 404); every change calls one service,
which checks again (in sight but not allowed is 403). Times show in the tenant's zone (the middleware activates it).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from pamong.access.roles import MEETINGS_MANAGE, MEETINGS_VIEW
from pamong.core.errors import DomainError
from pamong.core.scope import scope_of
from pamong.core.views import ScopedListView, ServiceFormView, raise_for_domain_error

from ..choices import AttendanceLevel, MeetingStatus
from ..forms.meetings import CancelForm, HoldForm, MeetingFilterForm, MeetingForm, NoteForm
from ..models import Invitation, Meeting
from ..selectors import meetings as selectors
from ..services.meetings import (
    attendance_record,
    invitation_note,
    meeting_authorize,
    meeting_cancel,
    meeting_hold,
    meeting_schedule,
)


def _require(user: Any, action: str) -> None:
    if not scope_of(user).can(action):
        raise PermissionDenied


class MeetingListView(ScopedListView):
    """ "Daftar rapat": upcoming soonest first (or past latest first), filtered by kind and unit."""

    model = Meeting
    action = MEETINGS_VIEW
    template_name = "meetings/meetings/meeting_list.html"

    def get_queryset(self) -> QuerySet[Meeting]:
        self.filter_form = MeetingFilterForm(self.request.GET or None, actor=self.request.user)
        data = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        unit = data.get("unit")
        return selectors.meeting_list(
            self.request.user,
            now=timezone.now(),
            when=data.get("when") or "upcoming",
            kind=data.get("kind") or "",
            unit_id=unit.pk if unit else None,
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["can_manage"] = scope_of(self.request.user).can(MEETINGS_MANAGE)
        return context


class MeetingDetailView(TemplateView):
    template_name = "meetings/meetings/meeting_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        _require(self.request.user, MEETINGS_VIEW)
        page = selectors.meeting_page(self.request.user, kwargs["pk"])
        if page is None:
            raise Http404
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "page": page,
                "meeting": page.meeting,
                "cancel_form": CancelForm(),
                "hold_form": HoldForm(
                    initial={"held_on": page.meeting.starts_at.astimezone(timezone.get_current_timezone()).date()}
                ),
                "is_scheduled": page.meeting.status == MeetingStatus.SCHEDULED,
                "is_held": page.meeting.status == MeetingStatus.HELD,
                "is_cancelled": page.meeting.status == MeetingStatus.CANCELLED,
                "zone_label": page.meeting.tenant.get_time_zone_display(),
            }
        )
        return context


class MeetingCreateView(ServiceFormView):
    form_class = MeetingForm
    template_name = "meetings/meetings/meeting_form.html"
    success_message = _("Rapat dijadwalkan; unit yang diundang menerima pemberitahuan.")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            _require(request.user, MEETINGS_MANAGE)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "actor": self.request.user}

    def perform(self, form: Any) -> Meeting:
        data = form.cleaned_data
        return meeting_schedule(actor=self.request.user, now=timezone.now(), **data)

    def get_success_url(self) -> str:
        return reverse("meetings:meeting_detail", args=[self.result.pk])


def _meeting_for_run(request: HttpRequest, pk: int) -> Meeting:
    _require(request.user, MEETINGS_VIEW)
    meeting = get_object_or_404(selectors.meetings_visible(request.user), pk=pk)
    try:
        meeting_authorize(request.user, meeting)
    except DomainError as exc:
        raise_for_domain_error(exc)
        raise
    return meeting


class MeetingAttendanceView(View):
    """The attendance sheet: one row per invited unit (level and who came)."""

    template_name = "meetings/meetings/meeting_attendance.html"

    def _render(
        self, request: HttpRequest, meeting: Meeting, errors: dict[str, list[str]] | None = None
    ) -> HttpResponse:
        invitations = list(meeting.invitations.select_related("org_unit").order_by("org_unit__path"))
        return render(
            request,
            self.template_name,
            {"meeting": meeting, "invitations": invitations, "levels": AttendanceLevel.choices, "errors": errors or {}},
            status=400 if errors else 200,
        )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._render(request, _meeting_for_run(request, pk))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting = _meeting_for_run(request, pk)
        invitations = list(meeting.invitations.select_related("org_unit"))
        rows = [
            (inv, request.POST.get(f"attendance_{inv.pk}", inv.attendance), request.POST.get(f"attendee_{inv.pk}", ""))
            for inv in invitations
        ]
        try:
            attendance_record(actor=request.user, meeting=meeting, rows=rows)
        except DomainError as exc:
            raise_for_domain_error(exc)
            return self._render(request, meeting, exc.field_errors or {"__all__": [exc.message]})
        messages.success(request, _("Daftar hadir disimpan."))
        return redirect("meetings:meeting_detail", pk=meeting.pk)


class _MeetingActionView(View):
    form_class: Any
    success: Any

    def act(self, request: HttpRequest, meeting: Meeting, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting = _meeting_for_run(request, pk)
        form = self.form_class(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
            return redirect("meetings:meeting_detail", pk=meeting.pk)
        try:
            self.act(request, meeting, form.cleaned_data)
        except DomainError as exc:
            raise_for_domain_error(exc)
            messages.error(request, exc.message)
            return redirect("meetings:meeting_detail", pk=meeting.pk)
        messages.success(request, self.success)
        return redirect("meetings:meeting_detail", pk=meeting.pk)


class MeetingCancelView(_MeetingActionView):
    form_class = CancelForm
    success = _("Rapat dibatalkan.")

    def act(self, request: HttpRequest, meeting: Meeting, data: dict[str, Any]) -> None:
        meeting_cancel(actor=request.user, meeting=meeting, reason=data["reason"], now=timezone.now())


class MeetingHoldView(_MeetingActionView):
    form_class = HoldForm
    success = _("Rapat dicatat terlaksana; kirim memo komitmen paling lambat 2 hari kerja.")

    def act(self, request: HttpRequest, meeting: Meeting, data: dict[str, Any]) -> None:
        meeting_hold(actor=request.user, meeting=meeting, held_on=data["held_on"])


class InvitationNoteView(View):
    """The invited unit's head writes a note on his brief before the meeting."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        _require(request.user, MEETINGS_VIEW)
        visible = selectors.meetings_visible(request.user).values("pk")
        invitation = get_object_or_404(
            Invitation.objects.select_related("meeting", "org_unit"), pk=pk, meeting__in=visible
        )
        form = NoteForm(request.POST)
        form.is_valid()
        try:
            invitation_note(
                actor=request.user, invitation=invitation, note=form.cleaned_data.get("note", ""), now=timezone.now()
            )
        except DomainError as exc:
            raise_for_domain_error(exc)
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Catatan disimpan."))
        return redirect("meetings:brief", pk=invitation.pk)
