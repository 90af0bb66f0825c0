"""Discipline API routes: the ladder (/api/discipline/standings/, /warnings/, /ladder/evaluate/)."""

from django.urls import URLPattern, URLResolver
from rest_framework.routers import SimpleRouter

from .ladder import LadderViewSet, StandingViewSet, WarningViewSet

router = SimpleRouter()
router.register("discipline/standings", StandingViewSet, basename="api-discipline-standing")
router.register("discipline/warnings", WarningViewSet, basename="api-discipline-warning")
router.register("discipline/ladder", LadderViewSet, basename="api-discipline-ladder")

urlpatterns: list[URLPattern | URLResolver] = list(router.urls)
