"""API routes: the web/mobile check-in and the anomaly flags."""

from django.urls import URLPattern, URLResolver, path
from rest_framework.routers import SimpleRouter

from .checkin import AnomalyViewSet, CheckinView

router = SimpleRouter()
router.register("attendance/anomalies", AnomalyViewSet, basename="api-attendance-anomaly")

urlpatterns: list[URLPattern | URLResolver] = [
    path("attendance/checkins/", CheckinView.as_view(), name="api-attendance-checkin"),
    *router.urls,
]
