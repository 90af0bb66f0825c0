"""Briefs from live data (set-based: the same queries for two invited units or six), the hourly run (series,
briefs when the pre-read time has come, late memos flagged), the command."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext

from pamong.meetings.choices import ItemStatusChoice, MeetingKind
from pamong.meetings.models import ActionItem, Invitation, Meeting
from pamong.meetings.services.briefs import briefs_make, meetings_run
from pamong.meetings.services.meeting_minutes import series_create
from pamong.meetings.services.meetings import meeting_hold, meeting_schedule
from pamong.notices.models import Notice
from pamong.performance import services as performance
from pamong.performance.choices import Colour, TrajectoryStatus
from pamong.performance.models import IndicatorScore
from pamong.performance.testing import TODAY, YEAR, build_scenario
from pamong.reports.choices import ReportStatus
from pamong.reports.models import Report

pytestmark = pytest.mark.django_db

WITA = ZoneInfo("Asia/Makassar")
NOW = dt.datetime.combine(TODAY, dt.time(8, 0), tzinfo=WITA)


@pytest.fixture
def scored(cast):
    scenario = build_scenario(cast)
    performance.scores_refresh(actor=scenario.system, tenant_id=cast.tenant.pk, year=YEAR, today=TODAY)
    return scenario


def _meeting(cast, units, *, starts=None, title="Rakor November"):
    starts = starts or NOW + dt.timedelta(days=3)
    return meeting_schedule(
        actor=cast.users["sekda"],
        org_unit=cast.units["setda"],
        kind=MeetingKind.MONTHLY_RAKOR,
        title=title,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        chair=cast.employees["sekda"],
        invited_units=[cast.units[u] for u in units],
        now=NOW,
    )


def test_brief_figures_from_live_data(cast, scored):
    earlier = _meeting(cast, ["disdik"], starts=NOW + dt.timedelta(hours=1), title="Rakor Oktober")
    ActionItem.objects.create(
        tenant=cast.tenant,
        owner_unit=cast.units["disdik_bidang"],
        meeting=earlier,
        title="Data guru honorer",
        due_on=TODAY - dt.timedelta(days=3),
        expected_evidence="Daftar",
        evidence_kind="data",
        status=ItemStatusChoice.IN_PROGRESS,
    )
    ActionItem.objects.create(
        tenant=cast.tenant,
        owner_unit=cast.units["disdik"],
        meeting=earlier,
        title="Selesai dan diverifikasi",
        due_on=TODAY,
        expected_evidence="x",
        evidence_kind="data",
        status=ItemStatusChoice.VERIFIED,
    )
    meeting = _meeting(cast, ["disdik", "dinkes"])
    assert briefs_make(meeting=meeting, now=NOW) == 2
    disdik = Invitation.objects.get(meeting=meeting, org_unit=cast.units["disdik"]).brief
    dinkes = Invitation.objects.get(meeting=meeting, org_unit=cast.units["dinkes"]).brief
    month = IndicatorScore.objects.filter(tenant=cast.tenant, year=YEAR).aggregate(m=Max("month"))["m"]
    seen = 0
    for key, brief in (("disdik", disdik), ("dinkes", dinkes)):
        scores = IndicatorScore.objects.filter(
            tenant=cast.tenant, year=YEAR, month=month, org_unit__path__startswith=cast.units[key].path
        )
        bad = [s for s in scores if s.colour == Colour.RED or s.trajectory_status == TrajectoryStatus.BEHIND]
        assert brief["indicators_count"] == len(bad)
        seen += len(bad)
        late = Report.objects.filter(
            org_unit__path__startswith=cast.units[key].path,
            status__in=(ReportStatus.DRAFT, ReportStatus.RETURNED),
            deadline__lt=TODAY,
        ).count()
        assert brief["late_reports_count"] == late
    assert seen > 0  # the scenario has red or behind indicators: the check above is not vacuous
    assert disdik["open_items_count"] == 1 and disdik["overdue_items_count"] == 1
    assert disdik["open_items"][0]["title"] == "Data guru honorer"
    assert dinkes["open_items_count"] == 0
    assert set(disdik["discipline"]) == {"open_warnings", "open_cases"}
    meeting.refresh_from_db()
    assert meeting.briefs_sent_at == NOW
    assert Notice.objects.filter(recipient=cast.users["kepala_opd"], title__startswith="Bahan rapat siap").count() == 1


def test_brief_queries_do_not_grow_with_invited_units(cast, scored):
    two = _meeting(cast, ["disdik", "dinkes"])
    six = _meeting(cast, ["disdik", "dinkes", "kec", "inspektorat", "bkpsdm", "disdik_bidang"], title="Rakor lengkap")

    def count(meeting):
        Notice.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            briefs_make(meeting=meeting, now=NOW)
        addressing = ("notices_notice", "access_roleassignment", "org_orgunit")
        return len([q for q in queries.captured_queries if not any(t in q["sql"] for t in addressing)])

    # the unit heads' lookups and their notices grow with the heads addressed; the figures do not
    assert count(two) == count(six)


def test_run_makes_briefs_when_pre_read_time_comes_and_once(cast):
    meeting = _meeting(cast, ["disdik"])  # starts in 3 days: pre-read in 1 day
    assert meetings_run(tenant=cast.tenant, now=NOW).briefs == 0
    later = NOW + dt.timedelta(days=1, minutes=1)
    assert meetings_run(tenant=cast.tenant, now=later).briefs == 1
    assert meetings_run(tenant=cast.tenant, now=later + dt.timedelta(hours=1)).briefs == 0
    assert Invitation.objects.get(meeting=meeting).brief_made_at == later


def test_run_generates_series_and_flags_late_memos(cast):
    series_create(
        actor=cast.users["sekda"],
        org_unit=cast.units["setda"],
        invited_units=[cast.units["disdik"]],
        kind=MeetingKind.MONTHLY_RAKOR,
        title="Rakor bulanan",
        frequency="monthly",
        weekday=1,
        week_of_month=2,
        starts_at=dt.time(9, 0),
    )
    meeting = _meeting(cast, ["disdik"], starts=NOW + dt.timedelta(hours=1))
    meeting_hold(actor=cast.users["sekda"], meeting=meeting, held_on=TODAY)  # Monday: memo due Wednesday
    report = meetings_run(tenant=cast.tenant, now=NOW)
    assert report.generated == 3 and report.memos_flagged == 0
    friday = NOW + dt.timedelta(days=4)
    out = StringIO()
    call_command("meetings_run", tenant=cast.tenant.region_code, now=friday.isoformat(), stdout=out)
    assert "memos_late=" in out.getvalue() and "memos_late=0" not in out.getvalue()
    assert Notice.objects.filter(title__startswith="Memo komitmen terlambat", recipient=cast.users["sekda"]).exists()
    assert Meeting.objects.filter(series__isnull=False).count() == 3
