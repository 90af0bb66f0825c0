"""API routes: devices (/api/attendance/devices/, its commands) and the PIN map (/api/attendance/device-pins/)."""

from django.urls import URLPattern, URLResolver
from rest_framework.routers import SimpleRouter

from .devices import DevicePinViewSet, DeviceViewSet

router = SimpleRouter()
router.register("attendance/devices", DeviceViewSet, basename="api-attendance-device")
router.register("attendance/device-pins", DevicePinViewSet, basename="api-attendance-device-pin")

urlpatterns: list[URLPattern | URLResolver] = [*router.urls]
