import pytest

from pamong.planning.testing import build_plan


@pytest.fixture
def plan(cast):
    return build_plan(cast)
