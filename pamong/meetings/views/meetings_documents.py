"""The pre-read brief of one invited unit (page and PDF) and the commitments memo (send, PDF).

An invited OPD reads only its own brief; the chair, the secretary and the organiser (``meetings.manage`` over its
unit) read every brief of the meeting. Out of sight is 404; in sight (the meeting) but another unit's brief is 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from pamong.access.roles import MEETINGS_VIEW
from pamong.core.errors import DomainError
from pamong.core.scope import scope_of
from pamong.core.views import raise_for_domain_error

from .. import documents
from ..choices import MeetingStatus
from ..forms.meetings import NoteForm
from ..models import Invitation
from ..selectors import meetings as selectors
from ..services.memos import meeting_items, memo_send
from .meetings import _meeting_for_run


def _invitation_for_reader(request: HttpRequest, pk: int) -> Invitation:
    if not scope_of(request.user).can(MEETINGS_VIEW):
        raise PermissionDenied
    visible = selectors.meetings_visible(request.user).values("pk")
    invitation = get_object_or_404(
        Invitation.objects.select_related(
            "org_unit", "meeting", "meeting__org_unit", "meeting__tenant", "meeting__chair", "meeting__secretary"
        ),
        pk=pk,
        meeting__in=visible,
    )
    if not selectors.may_read_brief(request.user, invitation):
        raise PermissionDenied(_("Bahan rapat ini milik unit lain."))
    return invitation


class BriefView(View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        invitation = _invitation_for_reader(request, pk)
        meeting = invitation.meeting
        can_note = (
            selectors.may_note(request.user, invitation)
            and meeting.status == MeetingStatus.SCHEDULED
            and timezone.now() < meeting.starts_at
        )
        return render(
            request,
            "meetings/meetings/brief.html",
            {
                "invitation": invitation,
                "meeting": meeting,
                "brief": invitation.brief or {},
                "note_form": NoteForm(initial={"note": invitation.note}) if can_note else None,
            },
        )


class BriefPdfView(View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        invitation = _invitation_for_reader(request, pk)
        response = HttpResponse(documents.brief_pdf(invitation), content_type="application/pdf")
        name = documents.pdf_filename(invitation.meeting, "bahan", invitation.org_unit.code.lower())
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return response


class MemoSendView(View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting = _meeting_for_run(request, pk)
        try:
            memo_send(actor=request.user, meeting=meeting, now=timezone.now())
        except DomainError as exc:
            raise_for_domain_error(exc)
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Memo komitmen dikirim ke penanggung jawab dan pimpinan rapat."))
        return redirect("meetings:meeting_detail", pk=meeting.pk)


class MemoPdfView(View):
    """Whoever sees the meeting reads its memo once it is sent."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not scope_of(request.user).can(MEETINGS_VIEW):
            raise PermissionDenied
        meeting = get_object_or_404(
            selectors.meetings_visible(request.user).select_related("tenant").prefetch_related("decisions"), pk=pk
        )
        if meeting.memo_sent_at is None:
            raise Http404(_("Memo komitmen rapat ini belum dikirim."))
        response = HttpResponse(documents.memo_pdf(meeting, meeting_items(meeting)), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{documents.pdf_filename(meeting, "memo")}"'
        return response
