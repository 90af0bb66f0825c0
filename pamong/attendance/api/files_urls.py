"""API routes: punch files, manual punches and the batch history (under /api/attendance/)."""

from django.urls import URLPattern, URLResolver
from rest_framework.routers import SimpleRouter

from .files import IngestBatchViewSet, ManualPunchViewSet, PunchFileViewSet

router = SimpleRouter()
router.register("attendance/punch-files", PunchFileViewSet, basename="attendance-punch-file")
router.register("attendance/manual-punches", ManualPunchViewSet, basename="attendance-manual-punch")
router.register("attendance/batches", IngestBatchViewSet, basename="attendance-batch")

urlpatterns: list[URLPattern | URLResolver] = list(router.urls)
