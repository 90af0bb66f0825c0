"""The background job the reports app enqueues after a verification, and the nightly command."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from pamong.performance.models import Consequence, IndicatorScore, ScoreRefresh
from pamong.performance.tasks import evaluate_consequences, refresh_scores

pytestmark = pytest.mark.django_db


def test_refresh_scores_task_rebuilds_and_evaluates(cast, scenario):
    result = refresh_scores.enqueue(cast.tenant.pk, 2026)
    assert "indicator rows" in result.return_value
    assert ScoreRefresh.objects.get(tenant=cast.tenant, year=2026).computed_at is not None
    assert IndicatorScore.objects.filter(tenant=cast.tenant, year=2026).exists()
    # run on the machine's own date: whatever it is, running twice changes nothing
    count = Consequence.objects.count()
    refresh_scores.enqueue(cast.tenant.pk, 2026)
    assert Consequence.objects.count() == count
    assert evaluate_consequences.enqueue(cast.tenant.pk).return_value == "0 opened"


def test_nightly_command(cast, scenario):
    out = StringIO()
    call_command("performance_nightly", "--tenant", "73.99", "--year", "2026", stdout=out)
    text = out.getvalue()
    assert "73.99 2026:" in text and "indicator rows" in text and "entries opened" in text
    with pytest.raises(CommandError):
        call_command("performance_nightly", "--tenant", "99.99", stdout=StringIO())


def test_nightly_command_reports_a_broken_tenant_and_goes_on(cast, scenario):
    cast.tenant.settings = {"performance": {"red_streak_periods": 0}}
    cast.tenant.save()
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("performance_nightly", "--year", "2026", stdout=out, stderr=err)
    assert "73.99" in err.getvalue() and "periode merah" in err.getvalue()
    assert "74.99 2026:" in out.getvalue()  # the other tenant was still computed
