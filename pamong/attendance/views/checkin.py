"""The check-in page (an installable PWA), its service worker and manifest; geofences.

The page's script takes the press time, position and a client uuid on the phone, queues the punch in
IndexedDB and posts it to the check-in API (``api.checkin.CheckinView``, with the session and its CSRF
token: one endpoint for phones and the page); the service worker
keeps the page and its assets for offline use. The worker is served from ``/presensi/absen/`` so its
scope is the page (``Service-Worker-Allowed`` says so explicitly); everything is same-origin under the CSP.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.http import require_GET

from pamong.access.roles import ATTENDANCE_CHECKIN
from pamong.core.errors import DomainError
from pamong.core.scope import scope_of
from pamong.core.views import (
    ObjectFormView,
    ScopedListView,
    ServiceFormView,
    raise_for_domain_error,
    tenant_today,
)

from ..forms.checkin import GeofenceDeactivateForm, GeofenceForm
from ..models import Geofence
from ..selectors.checkin import my_punches
from ..services.geofences import (
    geofence_authorize,
    geofence_create,
    geofence_set_active,
    geofence_update,
    manageable_units,
    may_manage_geofences,
)

#: The check-in page and the scope of its service worker.
CHECKIN_SCOPE = "/presensi/absen/"


def _can_check_in(request: HttpRequest) -> bool:
    scope = scope_of(request.user)
    return scope.employee_id is not None and ATTENDANCE_CHECKIN in scope.self_actions


class CheckinPageView(View):
    """The big Masuk/Pulang buttons, the offline queue (filled by the script) and today's recorded punches."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not _can_check_in(request):
            raise PermissionDenied(_("Presensi aplikasi hanya untuk akun yang terhubung ke data pegawai."))
        today = tenant_today(request.user)
        tenant_id = scope_of(request.user).tenant_id
        context = {
            "punches": list(my_punches(actor=request.user, day=today)),
            "today": today,
            "can_manage_geofences": may_manage_geofences(request.user, tenant_id=tenant_id or 0, path=None),
        }
        return render(request, "attendance/checkin/page.html", context)


@login_not_required
@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The page's service worker (no data in it, so no login): scope ``/presensi/absen/``."""
    response = render(
        request,
        "attendance/checkin/sw.js",
        {
            "page_url": CHECKIN_SCOPE,
            "assets": [
                static("vendor/bootstrap/css/bootstrap.min.css"),
                static("vendor/bootstrap-icons/bootstrap-icons.min.css"),
                static("core/pamong.css"),
                static("core/favicon.svg"),
                static("vendor/bootstrap/js/bootstrap.bundle.min.js"),
                static("vendor/htmx/htmx.min.js"),
                static("core/pamong.js"),
                static("attendance/checkin.js"),
                static("attendance/checkin-icon.svg"),
            ],
        },
        content_type="text/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = CHECKIN_SCOPE
    response["Cache-Control"] = "no-cache"
    return response


@login_not_required
@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest that makes the page installable on a phone's home screen."""
    data = {
        "name": _("Presensi Pamong"),
        "short_name": _("Presensi"),
        "start_url": CHECKIN_SCOPE,
        "scope": CHECKIN_SCOPE,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1f4e79",
        "lang": "id",
        "icons": [
            {"src": static("attendance/checkin-icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


# -- geofences -------------------------------------------------------------------------------------


def _require_manager(request: HttpRequest) -> None:
    tenant_id = scope_of(request.user).tenant_id
    if tenant_id is None or not may_manage_geofences(request.user, tenant_id=tenant_id, path=None):
        raise PermissionDenied(_("Titik lokasi presensi diatur oleh BKPSDM atau kepala unit."))


class GeofenceListView(ScopedListView):
    """The check-in places the user may manage (BKPSDM: all; a head: the unit's subtree)."""

    model = Geofence
    template_name = "attendance/checkin/geofence_list.html"
    paginate_by = 50

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        _require_manager(request)
        return super().dispatch(request, *args, **kwargs)

    def base_queryset(self) -> QuerySet[Any]:
        return Geofence.objects.select_related("org_unit").order_by("-is_active", "org_unit__path", "name")


class GeofenceCreateView(ServiceFormView):
    form_class = GeofenceForm
    template_name = "attendance/checkin/geofence_form.html"
    success_message = gettext_lazy("Titik lokasi presensi disimpan.")
    success_url = reverse_lazy("attendance:geofence_list")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        _require_manager(request)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = super().get_form_kwargs()
        kwargs["units"] = manageable_units(self.request.user)
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context.update(
            {"page_title": _("Tambah titik lokasi presensi"), "cancel_url": reverse("attendance:geofence_list")}
        )
        return context

    def perform(self, form: GeofenceForm) -> Geofence:
        data = form.cleaned_data
        return geofence_create(
            actor=self.request.user,
            org_unit=data["org_unit"],
            name=data["name"],
            latitude=data["latitude"],
            longitude=data["longitude"],
            radius_m=data["radius_m"],
        )


class _GeofenceObjectView(ObjectFormView):
    target_model = Geofence
    template_name = "attendance/checkin/geofence_form.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        # Heads manage through excuses.approve, BKPSDM through attendance.manage: the service decides.
        self.target = get_object_or_404(self.target_queryset().select_related("org_unit"), pk=kwargs["pk"])
        try:
            geofence_authorize(request.user, self.target.org_unit)
        except DomainError as exc:
            raise_for_domain_error(exc)
            raise
        return ServiceFormView.dispatch(self, request, *args, **kwargs)

    def subject_url(self) -> str:
        return reverse("attendance:geofence_list")

    def get_form_kwargs(self) -> dict[str, Any]:
        return ServiceFormView.get_form_kwargs(self)


class GeofenceUpdateView(_GeofenceObjectView):
    form_class = GeofenceForm
    page_title = gettext_lazy("Ubah titik lokasi presensi")
    success_message = gettext_lazy("Titik lokasi presensi disimpan.")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["units"] = manageable_units(self.request.user)
        kwargs.setdefault(
            "initial",
            {
                "org_unit": self.target.org_unit,
                "name": self.target.name,
                "latitude": self.target.latitude,
                "longitude": self.target.longitude,
                "radius_m": self.target.radius_m,
            },
        )
        return kwargs

    def perform(self, form: GeofenceForm) -> Geofence:
        data = form.cleaned_data
        return geofence_update(
            actor=self.request.user,
            geofence=self.target,
            org_unit=data["org_unit"],
            name=data["name"],
            latitude=data["latitude"],
            longitude=data["longitude"],
            radius_m=data["radius_m"],
        )


class GeofenceToggleView(_GeofenceObjectView):
    """Deactivate an active place (with a reason) or activate an inactive one again."""

    form_class = GeofenceDeactivateForm
    success_message = gettext_lazy("Status titik lokasi presensi diubah.")

    @property
    def page_title(self) -> str:
        return _("Nonaktifkan titik lokasi") if self.target.is_active else _("Aktifkan kembali titik lokasi")

    @property
    def submit_label(self) -> str:
        return _("Nonaktifkan") if self.target.is_active else _("Aktifkan")

    def perform(self, form: GeofenceDeactivateForm) -> Geofence:
        return geofence_set_active(
            actor=self.request.user,
            geofence=self.target,
            active=not self.target.is_active,
            reason=form.cleaned_data["reason"],
        )
