"""Routes of the performance API."""

from rest_framework.routers import SimpleRouter

from .views import (
    ConsequenceViewSet,
    IndicatorScoreViewSet,
    LeagueViewSet,
    LikelihoodRatingViewSet,
    ProgramScoreViewSet,
    UnitScoreViewSet,
)

router = SimpleRouter()
router.register("performance/unit-scores", UnitScoreViewSet, basename="api-performance-unit-score")
router.register("performance/indicator-scores", IndicatorScoreViewSet, basename="api-performance-indicator-score")
router.register("performance/program-scores", ProgramScoreViewSet, basename="api-performance-program-score")
router.register("performance/league", LeagueViewSet, basename="api-performance-league")
router.register("performance/consequences", ConsequenceViewSet, basename="api-performance-consequence")
router.register("performance/likelihood-ratings", LikelihoodRatingViewSet, basename="api-performance-likelihood")

urlpatterns = router.urls
