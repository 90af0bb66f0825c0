"""Routes of the people API."""

from rest_framework.routers import SimpleRouter

from .views import AssignmentViewSet, EmployeeViewSet

router = SimpleRouter()
router.register("employees", EmployeeViewSet, basename="api-employee")
router.register("assignments", AssignmentViewSet, basename="api-assignment")

urlpatterns = router.urls
