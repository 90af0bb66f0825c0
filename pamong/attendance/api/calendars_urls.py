"""API routes: calendars (/api/attendance/schedules/, unit-schedules/, overrides/, holidays/, shifts/, rosters/)."""

from django.urls import URLPattern, URLResolver
from rest_framework.routers import SimpleRouter

from .calendars import (
    HolidayViewSet,
    OverrideViewSet,
    RosterViewSet,
    ScheduleViewSet,
    ShiftViewSet,
    UnitScheduleViewSet,
)

router = SimpleRouter()
router.register("attendance/schedules", ScheduleViewSet, basename="api-attendance-schedule")
router.register("attendance/unit-schedules", UnitScheduleViewSet, basename="api-attendance-unit-schedule")
router.register("attendance/overrides", OverrideViewSet, basename="api-attendance-override")
router.register("attendance/holidays", HolidayViewSet, basename="api-attendance-holiday")
router.register("attendance/shifts", ShiftViewSet, basename="api-attendance-shift")
router.register("attendance/rosters", RosterViewSet, basename="api-attendance-roster")

urlpatterns: list[URLPattern | URLResolver] = list(router.urls)
