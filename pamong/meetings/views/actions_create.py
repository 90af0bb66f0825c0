"""Creating an action item for a meeting's decision: the owner unit chosen from the invited units."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from pamong.access.roles import MEETINGS_MANAGE, MEETINGS_VIEW
from pamong.core.errors import DomainError
from pamong.core.scope import scope_of
from pamong.core.views import raise_for_domain_error
from pamong.org.models import OrgUnit
from pamong.people.models import Employee

from ..forms.actions import ItemCreateForm
from ..models import Meeting, MeetingDecision
from ..services import actions as services
from .actions import ViewerMixin


def _form(meeting: Meeting, data: Any = None) -> ItemCreateForm:
    invited = meeting.invitations.values("org_unit_id")
    units = OrgUnit.objects.filter(pk__in=invited).order_by("path")
    employees = Employee.objects.filter(tenant_id=meeting.tenant_id, org_unit__in=invited).order_by("name")
    decisions = MeetingDecision.objects.filter(meeting=meeting)
    form = ItemCreateForm(data, units=units, employees=employees, decisions=decisions)
    return form


class ItemCreateView(ViewerMixin, View):
    """``/rapat/<meeting>/tindak-lanjut/baru/``: whoever manages the meeting (or chairs it) records a commitment."""

    def load(self, request: HttpRequest, meeting_pk: int) -> Meeting:
        meeting: Meeting = get_object_or_404(Meeting.objects.visible_to(request.user, MEETINGS_VIEW), pk=meeting_pk)
        scope = scope_of(request.user)
        named = scope.employee_id is not None and scope.employee_id in (meeting.chair_id, meeting.secretary_id)
        manages = scope.allows(MEETINGS_MANAGE, tenant_id=meeting.tenant_id, path=meeting.scope_path())
        if not (named or manages):
            raise PermissionDenied  # it sees the meeting (invited, or above it) but does not run it
        return meeting

    def page(self, request: HttpRequest, meeting: Meeting, form: ItemCreateForm) -> HttpResponse:
        return render(request, "meetings/actions/item_create.html", {"meeting": meeting, "form": form})

    def get(self, request: HttpRequest, meeting_pk: int) -> HttpResponse:
        meeting = self.load(request, meeting_pk)
        return self.page(request, meeting, _form(meeting))

    def post(self, request: HttpRequest, meeting_pk: int) -> HttpResponse:
        meeting = self.load(request, meeting_pk)
        form = _form(meeting, request.POST)
        if not form.is_valid():
            return self.page(request, meeting, form)
        d = form.cleaned_data
        try:
            item = services.item_create(
                actor=request.user,
                meeting=meeting,
                owner_unit=d.get("owner_unit"),
                owner=d.get("owner"),
                decision=d.get("decision"),
                title=d.get("title") or "",
                due_on=d.get("due_on"),
                expected_evidence=d.get("expected_evidence") or "",
                evidence_kind=d.get("evidence_kind") or "",
                kind=d.get("kind") or "",
            )
        except DomainError as exc:
            raise_for_domain_error(exc)
            for field, errors in exc.field_errors.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
            if not exc.field_errors:
                form.add_error(None, exc.message)
            return self.page(request, meeting, form)
        messages.success(request, _("Tindak lanjut “%(title)s” telah dicatat.") % {"title": item.title})
        return redirect(reverse("meetings:item_detail", args=[item.pk]))
