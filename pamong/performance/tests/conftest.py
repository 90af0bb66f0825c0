import pytest

from pamong.performance import services
from pamong.performance.testing import TODAY, YEAR, build_scenario


@pytest.fixture
def scenario(cast):
    return build_scenario(cast)


@pytest.fixture
def scored(cast, scenario):
    """The scenario with 2026's scores computed as of 2 November 2026 and the consequences evaluated."""
    services.scores_refresh(actor=scenario.system, tenant_id=cast.tenant.pk, year=YEAR, today=TODAY)
    services.consequences_evaluate(actor=scenario.system, tenant_id=cast.tenant.pk, today=TODAY)
    return scenario
