"""Routes of the planning API."""

from rest_framework.routers import SimpleRouter

from .views import (
    GoalViewSet,
    ImportViewSet,
    IndicatorViewSet,
    MissionViewSet,
    PeriodViewSet,
    PriorityProgramViewSet,
    RegionalTargetViewSet,
    StrategicTargetViewSet,
    TreeViewSet,
)

router = SimpleRouter()
router.register("planning/periods", PeriodViewSet, basename="api-planning-period")
router.register("planning/missions", MissionViewSet, basename="api-planning-mission")
router.register("planning/goals", GoalViewSet, basename="api-planning-goal")
router.register("planning/regional-targets", RegionalTargetViewSet, basename="api-planning-regional-target")
router.register("planning/programs", PriorityProgramViewSet, basename="api-planning-program")
router.register("planning/strategic-targets", StrategicTargetViewSet, basename="api-planning-strategic-target")
router.register("planning/indicators", IndicatorViewSet, basename="api-planning-indicator")
router.register("planning/tree", TreeViewSet, basename="api-planning-tree")
router.register("planning/import", ImportViewSet, basename="api-planning-import")

urlpatterns = router.urls
