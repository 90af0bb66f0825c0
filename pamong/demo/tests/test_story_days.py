"""The demo's performance year loaded on another day than the one ``test_story`` uses: the services still agree."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.db import transaction

from pamong.agreements.models import PerformanceAgreement
from pamong.demo.generator import plan_regency
from pamong.demo.loader import load_plan
from pamong.performance.models import Consequence, UnitScore
from pamong.reports.models import Report

SEED, EMPLOYEES = 2026, 300


@pytest.mark.django_db
def test_loaded_on_another_day_the_services_agree_with_the_plan() -> None:
    day = dt.date(2026, 4, 20)  # January–March and the first quarter due; April and the second quarter in progress
    plan = plan_regency(seed=SEED, employees=EMPLOYEES, today=day)
    assert plan.story is not None
    with transaction.atomic():
        loaded = load_plan(plan)
    tenant = loaded.tenant
    counts = plan.story.counts()
    written = Report.objects.filter(tenant=tenant, year=2026).exclude(period_kind="monthly", period_no=4)
    written = written.exclude(period_kind="quarterly", period_no=2)  # the periods in progress, opened by the service
    assert written.count() == counts["reports"]
    assert Counter(written.filter(period_kind="quarterly").values_list("status", flat=True))["verified"] > 30
    assert not written.filter(verified_at__date__gt=day).exists()
    assert set(UnitScore.objects.filter(tenant=tenant, year=2026).values_list("month", flat=True)) == {1, 2, 3}
    assert not PerformanceAgreement.objects.filter(tenant=tenant, version=2).exists()  # the revisions come in September
    missing = Consequence.objects.filter(tenant=tenant, kind="report_missing").values_list("org_unit__short_name")
    assert sorted(name for (name,) in missing) == ["Kenanga", "Kesbangpol"]
