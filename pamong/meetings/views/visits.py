"""Field visit pages: the list, one visit (findings, photos, participants, follow-up), recording, photos."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from pamong.access.roles import MEETINGS_MANAGE, MEETINGS_VIEW
from pamong.core.authz import allows
from pamong.core.scope import scope_of
from pamong.core.views import ObjectFormView, ScopedListView, ServiceFormView

from ..forms.visits import PhotoForm, VisitForm, VisitItemForm
from ..models import FieldVisit, VisitPhoto
from ..selectors import visits as selectors
from ..services.visits import visit_photo_add, visit_record


class VisitListView(ScopedListView):
    model = FieldVisit
    template_name = "meetings/visits/visit_list.html"

    def get_queryset(self) -> QuerySet[FieldVisit]:
        return selectors.visit_list(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_create"] = scope_of(self.request.user).can(MEETINGS_MANAGE)
        return context


class VisitDetailView(View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not scope_of(request.user).can(MEETINGS_VIEW):
            raise PermissionDenied
        visit = get_object_or_404(selectors.visible_visits(request.user), pk=pk)
        context = {
            "visit": visit,
            "detail": selectors.visit_detail(request.user, visit),
            "can_manage": allows(request.user, MEETINGS_MANAGE, visit),
        }
        return render(request, "meetings/visits/visit_detail.html", context)


class VisitCreateView(ServiceFormView):
    form_class = VisitForm
    template_name = "meetings/visits/visit_form.html"
    success_message = _("Kunjungan kerja telah dicatat.")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not scope_of(request.user).can(MEETINGS_MANAGE):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["actor"] = self.request.user
        return kwargs

    def perform(self, form: VisitForm) -> FieldVisit:
        data = form.cleaned_data
        return visit_record(
            actor=self.request.user,
            place=data["place"],
            visited_on=data["visited_on"],
            title=data["title"],
            led_by=data["led_by"],
            participants=list(data["participants"]),
            findings=data["findings"],
        )

    def get_success_url(self) -> str:
        return reverse("meetings:visit_detail", args=[self.result.pk])


class VisitPhotoAddView(ObjectFormView):
    target_model = FieldVisit
    manage_action = MEETINGS_MANAGE
    form_class = PhotoForm
    template_name = "meetings/visits/visit_subform.html"
    extra_context = {"multipart": True}
    page_title = _("Unggah foto kunjungan")
    submit_label = _("Unggah")
    subject_url_name = "meetings:visit_detail"
    success_message = _("Foto telah diunggah.")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.pop("actor", None)
        return kwargs

    def perform(self, form: PhotoForm) -> VisitPhoto:
        return visit_photo_add(
            actor=self.request.user,
            visit=self.target,
            file=form.cleaned_data["file"],
            caption=form.cleaned_data["caption"],
        )


class VisitItemCreateView(ObjectFormView):
    """A follow-up of a visit's findings, recorded through the action items' own service."""

    target_model = FieldVisit
    manage_action = MEETINGS_MANAGE
    form_class = VisitItemForm
    template_name = "meetings/visits/visit_subform.html"
    page_title = _("Tindak lanjut kunjungan")
    subject_url_name = "meetings:visit_detail"
    success_message = _("Tindak lanjut telah dicatat.")

    def perform(self, form: VisitItemForm) -> Any:
        from ..services.actions import item_create  # the action items' service

        data = form.cleaned_data
        return item_create(
            actor=self.request.user,
            owner_unit=data["owner_unit"],
            title=data["title"],
            due_on=data["due_on"],
            expected_evidence=data["expected_evidence"],
            evidence_kind=data["evidence_kind"],
            visit=self.target,
        )


class VisitPhotoView(View):
    """A photo, shown inline to whoever may see its visit (else 404), never sniffed."""

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        return photo_response(get_object_or_404(selectors.visible_photos(request.user), pk=pk))


def photo_response(photo: VisitPhoto) -> FileResponse:
    """The image inline, never sniffed nor cached, sandboxed (shared by the page and the API)."""
    response = FileResponse(photo.file.open("rb"), content_type=photo.content_type)
    suffix = "png" if photo.content_type == "image/png" else "jpg"
    response["Content-Disposition"] = f'inline; filename="foto-kunjungan-{photo.pk}.{suffix}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
