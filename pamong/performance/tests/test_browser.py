"""In a real browser: the cockpit's drill-down (cockpit → OPD → indicator → report) with its charts drawn,
and no CSP violation or script error on the way."""

import os
import shutil

import pytest
from django.urls import reverse
from playwright.sync_api import expect, sync_playwright

from pamong.performance import services
from pamong.performance.testing import TODAY, YEAR, build_scenario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("PAMONG_SCREENSHOTS", "")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


@pytest.fixture
def browser_for(cast, live_server, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = shutil.which("chromium") or "/usr/bin/chromium"
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])

        def open_as(persona, width=1366):
            context = browser.new_context(viewport={"width": width, "height": 900})
            cookie = cast.client_for(persona).cookies["sessionid"].value
            context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
            tab = context.new_page()
            tab.console_errors = []
            tab.on("console", lambda m: m.type == "error" and tab.console_errors.append(m.text))
            return tab

        yield open_as
        browser.close()


def test_cockpit_drill_down_to_the_report(cast, live_server, browser_for):
    scenario = build_scenario(cast)
    services.scores_refresh(actor=scenario.system, tenant_id=cast.tenant.pk, year=YEAR, today=TODAY)
    services.consequences_evaluate(actor=scenario.system, tenant_id=cast.tenant.pk, today=TODAY)
    page = browser_for("bupati")
    page.goto(f"{live_server.url}{reverse('performance:cockpit')}?tahun=2026&bulan=9")
    expect(page.get_by_test_id("period-label")).to_contain_text("September 2026")
    for chart in ("trend", "distribution", "colours"):
        expect(page.locator(f'[data-chart="{chart}"]')).to_have_attribute("data-chart-ready", "1")
    expect(page.get_by_test_id("league-opd")).to_contain_text("Dinas Kesehatan")
    shot(page, "cockpit")
    # cockpit → OPD (from the league table)
    page.get_by_test_id("league-opd").get_by_test_id("unit-link-DISDIK").click()
    expect(page.get_by_test_id("unit-title")).to_have_text("Dinas Pendidikan")
    expect(page.get_by_test_id("unit-index")).to_have_text("66,67")
    expect(page.get_by_test_id("unit-indicators")).to_contain_text("menunggu verifikasi")
    shot(page, "unit")
    # OPD → indicator
    page.get_by_test_id("indicator-link-IK1").click()
    expect(page.get_by_test_id("indicator-title")).to_contain_text("IK1")
    expect(page.get_by_test_id("indicator-periods")).to_contain_text("66,67%")
    shot(page, "indicator")
    # indicator → the Q2 report (verified), the reports app's page with its evidence
    page.get_by_test_id("report-link-2").click()
    report = scenario.plan.indicator  # noqa: F841 - the link's target is the Q2 report
    assert page.url.rstrip("/").endswith(f"/laporan/{_q2(cast)}")
    assert page.console_errors == []


def test_cockpit_on_a_phone(cast, live_server, browser_for):
    scenario = build_scenario(cast)
    services.scores_refresh(actor=scenario.system, tenant_id=cast.tenant.pk, year=YEAR, today=TODAY)
    page = browser_for("asisten", width=390)
    page.goto(f"{live_server.url}{reverse('performance:cockpit')}?tahun=2026&bulan=9")
    expect(page.locator('[data-chart="trend"]')).to_have_attribute("data-chart-ready", "1")
    # the Asisten of cluster I sees his OPD and kecamatan only
    expect(page.get_by_test_id("league-opd")).not_to_contain_text("Dinas Kesehatan")
    expect(page.get_by_test_id("league-kecamatan")).to_contain_text("Kecamatan Anggrek")
    shot(page, "cockpit-phone")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1  # nothing forces a sideways scroll of the whole page
    assert page.console_errors == []


def _q2(cast):
    from pamong.reports.models import Report

    return Report.objects.get(org_unit=cast.units["disdik"], year=YEAR, period_no=2).pk
