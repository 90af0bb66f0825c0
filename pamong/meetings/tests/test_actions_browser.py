"""In a real browser: the Disdik head closes an action item with a PDF on its page; the Sekda verifies it."""

import shutil

import pytest
from django.urls import reverse
from playwright.sync_api import expect, sync_playwright

from pamong.meetings.models import ActionItem

from . import actions_world
from .actions_world import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

world = actions_world.world


@pytest.fixture
def browser(live_server, monkeypatch):
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


def test_the_owner_uploads_a_pdf_and_the_sekda_verifies_it(world, live_server, browser):
    item = world.disdik_item
    url = live_server.url + reverse("meetings:item_detail", args=[item.pk])
    head = tab_for(browser, world.cast, live_server, "kepala_opd", mobile=True)
    head.goto(url)
    expect(head.locator('[data-testid="btn-verify"]')).to_have_count(0)  # never the owner verifying his own item
    # A PNG sent for a document is refused with its reason; nothing changes.
    png = {"name": "foto.pdf", "mimeType": "application/pdf", "buffer": actions_world.PNG}
    head.set_input_files('[data-testid="evidence-file"]', files=[png])
    head.click('[data-testid="btn-submit-evidence"]')
    expect(head.locator(".alert")).to_contain_text("meminta bukti PDF")
    expect(head.locator('[data-testid="item-status"]')).to_have_text("Terbuka")
    pdf = {"name": "SK Kadis.pdf", "mimeType": "application/pdf", "buffer": PDF}
    head.set_input_files('[data-testid="evidence-file"]', files=[pdf])
    head.fill('[data-testid="evidence-note"]', "SK penetapan data APK terlampir")
    head.click('[data-testid="btn-submit-evidence"]')
    expect(head.locator('[data-testid="item-status"]')).to_have_text("Selesai, menunggu verifikasi")
    expect(head.locator('[data-testid="evidence-list"]')).to_contain_text("SK Kadis.pdf")
    assert head.console_errors == []

    sekda = tab_for(browser, world.cast, live_server, "sekda")
    sekda.goto(url)
    with sekda.expect_download() as download:
        sekda.click('[data-testid^="evidence-download-"]')
    assert download.value.suggested_filename == "SK Kadis.pdf"
    sekda.fill('[data-testid="verify-note"]', "Sesuai keputusan rakor")
    sekda.click('[data-testid="btn-verify"]')
    expect(sekda.locator('[data-testid="item-status"]')).to_have_text("Terverifikasi")
    expect(sekda.locator('[data-testid="item-history"]')).to_contain_text("Sesuai keputusan rakor")
    assert sekda.console_errors == []
    item.refresh_from_db()
    assert item.status == "verified" and item.verified_by == world.cast.users["sekda"]
    assert ActionItem.objects.get(pk=item.pk).evidence.count() == 1
