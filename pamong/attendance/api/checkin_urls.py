"""API routes: the web/mobile check-in, the check-in places (geofences) and the anomaly flags."""

from django.urls import URLPattern, URLResolver, path
from rest_framework.routers import SimpleRouter

from .checkin import AnomalyViewSet, CheckinView
from .geofences import GeofenceViewSet

router = SimpleRouter()
router.register("attendance/anomalies", AnomalyViewSet, basename="api-attendance-anomaly")
router.register("attendance/geofences", GeofenceViewSet, basename="api-attendance-geofence")

urlpatterns: list[URLPattern | URLResolver] = [
    path("attendance/checkins/", CheckinView.as_view(), name="api-attendance-checkin"),
    *router.urls,
]
