"""API routes: excuses and outages (/api/attendance/excuses/, /api/attendance/outages/)."""

from django.urls import URLPattern, URLResolver
from rest_framework.routers import SimpleRouter

from .excuses import ExcuseViewSet, OutageViewSet

router = SimpleRouter()
router.register("attendance/excuses", ExcuseViewSet, basename="api-attendance-excuse")
router.register("attendance/outages", OutageViewSet, basename="api-attendance-outage")

urlpatterns: list[URLPattern | URLResolver] = list(router.urls)
