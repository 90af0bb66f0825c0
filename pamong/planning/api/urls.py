"""Routes of the planning API."""

from rest_framework.routers import SimpleRouter

from .views import ImportViewSet, IndicatorViewSet, PeriodViewSet, TreeViewSet

router = SimpleRouter()
router.register("planning/periods", PeriodViewSet, basename="api-planning-period")
router.register("planning/indicators", IndicatorViewSet, basename="api-planning-indicator")
router.register("planning/tree", TreeViewSet, basename="api-planning-tree")
router.register("planning/import", ImportViewSet, basename="api-planning-import")

urlpatterns = router.urls
