"""The demo's GDN story on the cast: two months for every OPD, one late, one missing, one summary."""

from __future__ import annotations

import datetime as dt

import pytest

from pamong.demo.story_discipline_reports import story
from pamong.discipline.models import ClusterSummary, SupervisionReport
from pamong.discipline.selectors.supervision import month_matrix

from .test_supervision_support import build_october

pytestmark = pytest.mark.django_db


def test_story_leaves_one_late_one_missing_and_one_summary(cast):
    build_october(cast)
    today = dt.date(2026, 11, 22)
    counts = story(cast.tenant, today=today, seed=3)
    assert counts == {"gdn_reports": 11, "gdn_reviewed": 11, "gdn_late": 1, "gdn_missing": 1, "gdn_summaries": 1}
    assert SupervisionReport.objects.filter(year=2026, month=9, status="reviewed").count() == 6
    matrix = month_matrix(actor=cast.users["sekda"], year=2026, month=10, today=today)
    assert [r.unit.code for r in matrix.not_reported] == ["DINKES"]
    assert {r.unit.code for r in matrix.late} == {"DISDIK", "DINKES"}  # sent two days late; never sent
    summary = ClusterSummary.objects.get()
    assert summary.cluster == cast.clusters["asisten_1"] and summary.forwarded_by == cast.users["asisten"]
    assert summary.summary.startswith("2 dari 2 OPD klaster melapor; 1 terlambat.")
