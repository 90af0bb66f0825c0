"""In a real browser: the detail page polls while the job runs and the progress bar gets its width (CSP-safe)."""

import re
import shutil

import pytest
from django.urls import reverse
from playwright.sync_api import expect, sync_playwright

from pamong.imports.models import ImportBatch

from .builders import run
from .test_views import bad_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(cast, live_server, monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    cookie = cast.client_for("hr_admin").cookies["sessionid"].value
    with sync_playwright() as playwright:
        chromium = shutil.which("chromium") or "/usr/bin/chromium"  # Debian's; tests are skipped without it
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        context = browser.new_context()
        context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
        tab = context.new_page()
        tab.console_errors = []
        tab.on("console", lambda message: message.type == "error" and tab.console_errors.append(message.text))
        yield tab
        browser.close()


def test_detail_page_polls_until_the_batch_is_done(cast, live_server, page):
    batch = run(cast.users["hr_admin"], "employees", "salah.csv", bad_file())
    ImportBatch.objects.filter(pk=batch.pk).update(status="validating", rows_total=1000, rows_done=450)
    page.goto(live_server.url + reverse("imports:batch_detail", args=[batch.pk]))
    bar = page.locator("[data-progress]")
    assert bar.get_attribute("data-progress") == "45"
    expect(bar).to_have_attribute("style", re.compile(r"width: 45%"))
    ImportBatch.objects.filter(pk=batch.pk).update(rows_done=900)
    expect(page.locator("[data-progress]")).to_have_attribute("style", re.compile(r"width: 90%"), timeout=5000)
    ImportBatch.objects.filter(pk=batch.pk).update(status="rejected")
    page.locator('[data-testid="import-errors"]').wait_for(timeout=5000)
    assert "Berkas ditolak: 2 kesalahan pada 2 baris" in page.inner_text('[data-testid="batch-status"]')
    assert page.console_errors == []  # no CSP violation, no script error
