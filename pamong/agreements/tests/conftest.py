import pytest

from pamong.agreements.testing import build_agreement_plan


@pytest.fixture
def aplan(cast):
    return build_agreement_plan(cast)
