"""The home page's performance to-do panel: each user sees what waits for them, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from pamong.agreements.testing import build_agreement_plan, submitted
from pamong.core.scope import SystemActor
from pamong.performance.selectors.home import home_todo
from pamong.reports import services as reports
from pamong.reports.models import Report

pytestmark = pytest.mark.django_db

OCT_5, NOV_1 = dt.date(2026, 10, 5), dt.date(2026, 11, 1)


@pytest.fixture
def world(cast):
    build_agreement_plan(cast)
    reports.reports_open_due(actor=SystemActor(tenant_id=cast.tenant.pk, label="test"), today=OCT_5)
    return submitted(cast)


def todo(cast, persona, today=NOV_1):
    return home_todo(actor=cast.users[persona], tenant=cast.tenant, today=today)


def test_head_sees_reports_due_and_the_agreement_to_sign(cast, world):
    head = todo(cast, "kepala_opd")
    disdik = Report.objects.filter(org_unit=cast.units["disdik"], kind="realisation")
    due = disdik.filter(deadline__lte=NOV_1 + dt.timedelta(days=14)).count()
    assert head.reports_due == due and due > 0
    assert head.reports_overdue == disdik.filter(deadline__lt=NOV_1).count()
    assert head.to_sign == 1  # the PK and the pact wait for the head
    assert head.to_verify is None and head.cockpit is False


def test_bupati_signs_as_region_head_and_sees_the_cockpit_figures(cast, world):
    bupati = todo(cast, "bupati")
    assert bupati.to_sign == 1 and bupati.cockpit is True
    assert bupati.reports_due is None  # the Bupati fills no report
    assert todo(cast, "camat").to_sign == 0  # Kecamatan Anggrek has no agreement waiting


def test_verifier_queue_excludes_own_submissions(cast, world):
    report = Report.objects.get(org_unit=cast.units["disdik"], kind="realisation", period_kind="quarterly", period_no=3)
    reports.report_fill(
        actor=cast.users["kepala_opd"],
        report=report,
        values=[reports.ValueEntry(v.indicator_id, "70", "") for v in report.values.all()],
    )
    reports.report_submit(actor=cast.users["kepala_opd"], report=report, today=dt.date(2026, 10, 9))
    assert todo(cast, "verifier").to_verify == 1
    assert todo(cast, "asn").empty  # a plain ASN has nothing here and gets no panel


def test_home_page_shows_the_panel_by_role(cast, world, django_assert_num_queries):
    head_page = cast.client_for("kepala_opd").get(reverse("core:home")).content.decode()
    assert 'data-testid="todo-reports"' in head_page and 'data-testid="todo-sign"' in head_page
    asn_page = cast.client_for("asn").get(reverse("core:home")).content.decode()
    assert 'data-testid="home-performance"' not in asn_page
    client = cast.client_for("bupati")
    client.get(reverse("core:home"))
    # session, user, tenant, roles; the people overview (units, employees, head posts, assignments);
    # agreements to sign, my follow-ups, the score runs (shown month; no month computed yet, so no red count),
    # active consequences; the notice bell.
    with django_assert_num_queries(BUPATI_HOME):
        page = client.get(reverse("core:home")).content.decode()
    assert 'data-testid="todo-cockpit"' in page


BUPATI_HOME = 21  # 13 + the attendance panel's today board counts (8)


def test_a_head_without_the_cockpit_gets_a_card_of_his_own_unit(cast, world):
    head = todo(cast, "kepala_opd")
    assert head.own_unit == cast.units["disdik"] and head.own_score is None
    assert todo(cast, "bupati").own_unit is None  # the cockpit covers the whole regency instead
    page = cast.client_for("kepala_opd").get(reverse("core:home")).content.decode()
    assert reverse("performance:unit_detail", args=[cast.units["disdik"].pk]) in page
