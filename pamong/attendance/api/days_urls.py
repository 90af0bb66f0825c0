"""API routes: derived days, monthly recaps (and their correction), month close."""

from django.urls import URLPattern, URLResolver
from rest_framework.routers import SimpleRouter

from .days import DayViewSet, MonthViewSet, RecapViewSet

router = SimpleRouter()
router.register("attendance/days", DayViewSet, basename="api-attendance-day")
router.register("attendance/recaps", RecapViewSet, basename="api-attendance-recap")
router.register("attendance/months", MonthViewSet, basename="api-attendance-month")

urlpatterns: list[URLPattern | URLResolver] = list(router.urls)
