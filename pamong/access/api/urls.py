"""Routes of the access API."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import AuthTokenView, RoleAssignmentViewSet

router = SimpleRouter()
router.register("role-assignments", RoleAssignmentViewSet, basename="api-role-assignment")

urlpatterns = [
    path("auth/token/", AuthTokenView.as_view(), name="api-auth-token"),
    *router.urls,
]
