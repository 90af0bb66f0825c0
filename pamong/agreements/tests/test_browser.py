"""In a real browser: the head opens the agreement awaiting signatures, signs it, and sees the signature."""

import shutil

import pytest
from django.urls import reverse
from playwright.sync_api import expect, sync_playwright

from pamong.agreements.models import AgreementSignature
from pamong.agreements.testing import submitted

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(cast, live_server, monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    cookie = cast.client_for("kepala_opd").cookies["sessionid"].value
    with sync_playwright() as playwright:
        chromium = shutil.which("chromium") or "/usr/bin/chromium"  # Debian's; tests are skipped without it
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 390, "height": 844})  # a head signs on the phone too
        context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
        tab = context.new_page()
        tab.console_errors = []
        tab.on("console", lambda message: message.type == "error" and tab.console_errors.append(message.text))
        yield tab
        browser.close()


def test_head_signs_the_agreement_and_sees_the_signature(cast, aplan, live_server, page):
    agreement = submitted(cast)
    page.goto(live_server.url + reverse("agreements:agreement_list") + "?tahun=2026")
    page.click('[data-testid="open-DISDIK"]')
    expect(page.locator('[data-testid="awaiting"]')).to_be_visible()
    page.click('[data-testid="sign-head"]')
    expect(page.locator('[data-testid="sign-hash"]')).to_have_text(agreement.content_hash)
    page.check("#id_confirm")
    page.click('[data-testid="sign-submit"]')
    expect(page.locator('[data-testid="signed-head"]')).to_be_visible()
    assert "Tanda tangan Anda telah tercatat." in page.inner_text("main")
    assert "Budi Kadisdik" in page.inner_text('[data-testid="signatures"]')
    expect(page.locator('[data-testid="sign-head"]')).to_have_count(0)
    signature = AgreementSignature.objects.get()
    assert signature.party == "head" and signature.content_hash == agreement.content_hash
    assert page.console_errors == []  # no CSP violation, no script error


def test_draft_form_adds_a_budget_row_without_inline_script(cast, aplan, live_server, page):
    from pamong.agreements.testing import drafted

    agreement = drafted(cast)
    page.goto(live_server.url + reverse("agreements:agreement_update", args=[agreement.pk]))
    rows = page.locator("[data-budget-row]")
    expect(rows).to_have_count(2)  # the carried line and one empty row
    page.click('[data-testid="add-budget-row"]')
    expect(rows).to_have_count(3)
    page.fill("#id_budget-2-program", "Program Peningkatan Mutu Guru")
    page.fill("#id_budget-2-ceiling", "Rp 750.000.000")
    page.click('[data-testid="form-submit"]')
    expect(page.locator('[data-testid="budget"]')).to_contain_text("Program Peningkatan Mutu Guru")
    assert list(agreement.budget_lines.values_list("program", "ceiling")) == [
        ("Program Pengelolaan Pendidikan", 12_500_000_000),
        ("Program Peningkatan Mutu Guru", 750_000_000),
    ]
    assert page.console_errors == []
