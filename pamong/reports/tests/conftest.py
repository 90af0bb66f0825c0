import pytest

from pamong.reports.testing import build_reports


@pytest.fixture
def rep(cast):
    return build_reports(cast)
