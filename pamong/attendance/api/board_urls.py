"""API routes: the today board."""

from django.urls import URLPattern, URLResolver
from rest_framework.routers import SimpleRouter

from .board import BoardViewSet

router = SimpleRouter()
router.register("attendance/board", BoardViewSet, basename="api-attendance-board")

urlpatterns: list[URLPattern | URLResolver] = list(router.urls)
