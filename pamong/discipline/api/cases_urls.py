"""Discipline API routes: cases (/api/discipline/cases/...)."""

from django.urls import URLPattern, URLResolver
from rest_framework.routers import SimpleRouter

from .cases import CaseViewSet

router = SimpleRouter()
router.register("discipline/cases", CaseViewSet, basename="api-discipline-case")

urlpatterns: list[URLPattern | URLResolver] = list(router.urls)
