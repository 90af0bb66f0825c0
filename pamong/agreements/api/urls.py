"""Routes of the agreements API."""

from rest_framework.routers import SimpleRouter

from .views import AgreementViewSet

router = SimpleRouter()
router.register("agreements", AgreementViewSet, basename="api-agreement")

urlpatterns = router.urls
