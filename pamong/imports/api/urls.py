from rest_framework.routers import SimpleRouter

from .views import ImportBatchViewSet

router = SimpleRouter()
router.register("imports", ImportBatchViewSet, basename="import-batch")

urlpatterns = router.urls
