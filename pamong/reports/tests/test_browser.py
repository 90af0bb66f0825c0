"""In a real browser: the head fills and submits a report; the verifier returns it, then verifies the resubmission."""

import os
import shutil
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect, sync_playwright

from pamong.reports.models import Report, ReportStep
from pamong.reports.testing import build_reports

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Set PAMONG_SCREENSHOTS to a folder to keep screenshots of the pages (to look at them).
SHOTS = os.environ.get("PAMONG_SCREENSHOTS", "")


@pytest.fixture
def browser(live_server, monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = shutil.which("chromium") or "/usr/bin/chromium"
        instance = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield instance
        instance.close()


def tab_for(browser, cast, live_server, persona, mobile=False):
    cookie = cast.client_for(persona).cookies["sessionid"].value
    size = {"width": 390, "height": 844} if mobile else {"width": 1280, "height": 900}
    context = browser.new_context(viewport=size)
    context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
    tab = context.new_page()
    tab.console_errors = []
    tab.on("console", lambda message: message.type == "error" and tab.console_errors.append(message.text))
    return tab


def shot(tab, name):
    if SHOTS:
        tab.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_the_head_fills_and_submits_a_report(cast, live_server, browser):
    rep = build_reports(cast)
    tab = tab_for(browser, cast, live_server, "kepala_opd", mobile=True)
    tab.goto(live_server.url + reverse("reports:report_detail", args=[rep.disdik.pk]))
    tab.click('[data-testid="action-edit"]')
    shot(tab, "edit-mobile")
    # A text where a number belongs: the row answers with its message (HTMX), nothing is saved.
    tab.fill('[data-testid="actual-input-IK1"]', "tujuh puluh")
    tab.click('[data-testid="save-row-IK1"]')
    expect(tab.locator('[data-testid="error-IK1"]')).to_contain_text("harus berupa angka")
    tab.fill('[data-testid="actual-input-IK1"]', "74,5")
    tab.click('[data-testid="save-row-IK1"]')
    expect(tab.locator('[data-testid="saved-IK1"]')).to_be_visible()
    tab.fill('[data-testid="narrative-problems"]', "Data sekolah swasta terlambat masuk Dapodik")
    tab.set_input_files(
        '[data-testid="evidence-file"]',
        files=[{"name": "rekap-apm.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}],
    )
    tab.click('[data-testid="upload-evidence"]')
    expect(tab.locator(".alert-success")).to_contain_text("rekap-apm.pdf")
    tab.fill('[data-testid="narrative-problems"]', "Data sekolah swasta terlambat masuk Dapodik")
    tab.click('[data-testid="save-and-submit"]')
    tab.click('[data-testid="confirm-submit"]')
    expect(tab.locator('[data-testid="report-status"]')).to_have_text("Diajukan")
    shot(tab, "submitted-mobile")
    report = Report.objects.get(pk=rep.disdik.pk)
    assert report.status == "submitted" and str(report.values.get().actual) == "74.5000"
    assert report.problems.startswith("Data sekolah swasta")
    assert tab.console_errors == [], tab.console_errors


def test_the_verifier_returns_then_verifies_the_resubmission(cast, live_server, browser):
    import datetime as dt

    from pamong.reports import services

    rep = build_reports(cast)
    services.report_fill(
        actor=rep.operator, report=rep.disdik, values=[services.ValueEntry(rep.plan.indicator.pk, "74")]
    )
    services.report_submit(actor=cast.users["kepala_opd"], report=rep.disdik, today=dt.date(2026, 10, 9))
    verifier = tab_for(browser, cast, live_server, "verifier")
    verifier.goto(live_server.url + reverse("reports:verify_queue"))
    shot(verifier, "queue")
    verifier.click(f'[data-testid="report-row-{rep.disdik.pk}"] a')
    shot(verifier, "detail-submitted")
    verifier.click('[data-testid="action-return"]')
    verifier.click('[data-testid="confirm-return"]')  # without a reason: refused with a message
    expect(verifier.locator("body")).to_contain_text("Alasan pengembalian wajib diisi")
    verifier.fill('[data-testid="return-reason"]', "Lampirkan rekap Dapodik per sekolah.")
    verifier.click('[data-testid="confirm-return"]')
    expect(verifier.locator('[data-testid="report-status"]')).to_have_text("Dikembalikan")

    head = tab_for(browser, cast, live_server, "kepala_opd")
    head.goto(live_server.url + reverse("reports:report_detail", args=[rep.disdik.pk]))
    expect(head.locator('[data-testid="return-reason-shown"]')).to_contain_text("Lampirkan rekap Dapodik")
    head.click('[data-testid="action-submit"]')
    head.click('[data-testid="confirm-submit"]')
    expect(head.locator('[data-testid="report-status"]')).to_have_text("Diajukan")

    verifier.goto(live_server.url + reverse("reports:report_detail", args=[rep.disdik.pk]))
    verifier.click('[data-testid="action-verify"]')
    verifier.click('[data-testid="confirm-verify"]')
    expect(verifier.locator('[data-testid="report-status"]')).to_have_text("Terverifikasi")
    shot(verifier, "detail-verified")
    kinds = list(ReportStep.objects.filter(report=rep.disdik).values_list("kind", flat=True))
    assert kinds == ["open", "submit", "return", "resubmit", "verify"]
    assert Report.objects.get(pk=rep.disdik.pk).first_submitted_on == dt.date(2026, 10, 9)
    assert verifier.console_errors == [] and head.console_errors == []
