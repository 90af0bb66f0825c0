"""Discipline API routes: GDN supervision reports, cluster summaries, the cockpit's discipline figures."""

from django.urls import URLPattern, URLResolver
from rest_framework.routers import SimpleRouter

from .supervision import CockpitViewSet, ReportViewSet, SummaryViewSet

router = SimpleRouter()
router.register("discipline/reports", ReportViewSet, basename="api-discipline-report")
router.register("discipline/summaries", SummaryViewSet, basename="api-discipline-summary")
router.register("discipline/cockpit", CockpitViewSet, basename="api-discipline-cockpit")

urlpatterns: list[URLPattern | URLResolver] = list(router.urls)
