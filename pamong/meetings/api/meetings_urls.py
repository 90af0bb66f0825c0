"""Meetings API routes: meetings, recurring series, briefs, the calendar."""

from django.urls import URLPattern, URLResolver
from rest_framework.routers import SimpleRouter

from .meetings import BriefViewSet, CalendarViewSet, MeetingViewSet, SeriesViewSet

router = SimpleRouter()
router.register("meetings/meetings", MeetingViewSet, basename="api-meetings-meeting")
router.register("meetings/series", SeriesViewSet, basename="api-meetings-series")
router.register("meetings/briefs", BriefViewSet, basename="api-meetings-brief")
router.register("meetings/calendar", CalendarViewSet, basename="api-meetings-calendar")

urlpatterns: list[URLPattern | URLResolver] = list(router.urls)
