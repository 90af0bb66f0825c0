"""Meetings API routes: directives and field visits."""

from django.urls import URLPattern, URLResolver
from rest_framework.routers import SimpleRouter

from .directives import DirectiveViewSet, VisitPhotoViewSet, VisitViewSet

router = SimpleRouter()
router.register("meetings/directives", DirectiveViewSet, basename="api-meetings-directive")
router.register("meetings/visits", VisitViewSet, basename="api-meetings-visit")
router.register("meetings/visit-photos", VisitPhotoViewSet, basename="api-meetings-visit-photo")

urlpatterns: list[URLPattern | URLResolver] = list(router.urls)
