"""Meetings API routes: action items, their evidence and the follow-through rate."""

from django.urls import URLPattern, URLResolver
from rest_framework.routers import SimpleRouter

from .actions import FollowThroughViewSet, ItemEvidenceViewSet, ItemViewSet

router = SimpleRouter()
router.register("meetings/items", ItemViewSet, basename="api-meetings-item")
router.register("meetings/item-evidence", ItemEvidenceViewSet, basename="api-meetings-item-evidence")
router.register("meetings/follow-through", FollowThroughViewSet, basename="api-meetings-follow-through")

urlpatterns: list[URLPattern | URLResolver] = list(router.urls)
