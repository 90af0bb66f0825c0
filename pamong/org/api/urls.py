"""Routes of the organisation API."""

from rest_framework.routers import SimpleRouter

from .views import PositionViewSet, UnitViewSet

router = SimpleRouter()
router.register("units", UnitViewSet, basename="api-unit")
router.register("positions", PositionViewSet, basename="api-position")

urlpatterns = router.urls
