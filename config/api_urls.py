"""The REST API: one router, each app registering its viewsets; OpenAPI schema and docs."""

from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

urlpatterns = [
    # The attendance API first: its check-in is the busiest route (see config.urls).
    path("", include("pamong.attendance.api.urls")),
    # Signed-in users only (SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"]); the docs page sends a
    # browser without a session to the login page instead of answering 401.
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", login_required(SpectacularSwaggerSplitView.as_view(url_name="api-schema")), name="api-docs"),
    path("", include("pamong.access.api.urls")),
    path("", include("pamong.org.api.urls")),
    path("", include("pamong.people.api.urls")),
    path("", include("pamong.imports.api.urls")),
    path("", include("pamong.planning.api.urls")),
    path("", include("pamong.notices.api.urls")),
    path("", include("pamong.agreements.api.urls")),
    path("", include("pamong.reports.api.urls")),
    path("", include("pamong.performance.api.urls")),
    path("", include("pamong.discipline.api.urls")),
    path("", include("pamong.meetings.api.urls")),
]
