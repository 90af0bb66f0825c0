"""The REST API: one router, each app registering its viewsets; OpenAPI schema and docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("pamong.access.api.urls")),
    path("", include("pamong.org.api.urls")),
    path("", include("pamong.people.api.urls")),
]
