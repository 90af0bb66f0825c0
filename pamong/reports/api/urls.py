"""Routes of the reports API."""

from rest_framework.routers import SimpleRouter

from .views import EvidenceViewSet, ReportViewSet

router = SimpleRouter()
router.register("reports/evidence", EvidenceViewSet, basename="api-report-evidence")
router.register("reports", ReportViewSet, basename="api-report")

urlpatterns = router.urls
