"""In a real browser: the planner corrects a goal from the tree's pencil; an OPD head on a phone relinks a target."""

import os
import shutil

import pytest
from django.urls import reverse
from playwright.sync_api import expect, sync_playwright

from pamong.planning.models import Goal, StrategicTarget
from pamong.planning.testing import build_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
#: Set PAMONG_SCREENSHOTS=/some/dir to keep a picture of each step (for looking at the pages, never asserted).
SHOTS = os.environ.get("PAMONG_SCREENSHOTS", "")


@pytest.fixture
def browser_for(cast, live_server, monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = shutil.which("chromium") or "/usr/bin/chromium"
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])

        def open_as(persona, viewport=None):
            cookie = cast.client_for(persona).cookies["sessionid"].value
            context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
            context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
            tab = context.new_page()
            tab.console_errors = []
            tab.on("console", lambda message: message.type == "error" and tab.console_errors.append(message.text))
            return tab

        yield open_as
        browser.close()


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_planner_corrects_a_goal_from_the_tree(cast, live_server, browser_for):
    plan = build_plan(cast)
    page = browser_for("planner")
    page.goto(live_server.url + reverse("planning:tree"))
    shot(page, "tree-planner")
    page.click(f'[data-testid="edit-goal-{plan.goal.pk}"]')
    expect(page.locator("h1")).to_contain_text("Ubah tujuan")
    expect(page.locator("#id_text")).to_have_value("Meningkatnya kualitas pendidikan")
    page.fill("#id_text", "")
    page.click("button[type=submit]")
    expect(page.locator("#id_text_error")).to_contain_text("harus diisi")
    shot(page, "goal-edit-empty")
    page.fill("#id_text", "Meningkatnya mutu dan pemerataan pendidikan")
    page.click("button[type=submit]")
    expect(page.locator("main")).to_contain_text("Tujuan telah diperbarui.")
    expect(page.locator("main")).to_contain_text("Meningkatnya mutu dan pemerataan pendidikan")
    assert Goal.objects.get(pk=plan.goal.pk).text == "Meningkatnya mutu dan pemerataan pendidikan"
    assert page.console_errors == []


def test_opd_head_on_a_phone_relinks_a_strategic_target_to_a_program(cast, live_server, browser_for):
    plan = build_plan(cast)
    page = browser_for("kepala_opd", viewport=PHONE)
    page.goto(live_server.url + reverse("planning:tree"))
    assert page.locator('[data-testid^="edit-mission-"]').count() == 0  # the RPJMD is the planner's
    page.locator(f'details[data-code="{plan.regional_target.code}"] > summary').click()
    pencil = page.locator(f'[data-testid="edit-strategic-{plan.strategic.pk}"]')
    expect(pencil).to_be_visible()
    shot(page, "tree-kepala-opd-phone")
    pencil.click()
    page.select_option("#id_regional_target", "")
    page.select_option("#id_priority_program", str(plan.program.pk))
    shot(page, "strategic-edit-phone")
    page.click("button[type=submit]")
    expect(page.locator("main")).to_contain_text("Sasaran strategis telah diperbarui.")
    page.locator(f'details[data-code="{plan.program.code}"] > summary').click()
    expect(page.locator(f'[data-testid="edit-strategic-{plan.strategic.pk}"]')).to_be_visible()  # now under it
    shot(page, "tree-after-relink-phone")
    target = StrategicTarget.objects.get(pk=plan.strategic.pk)
    assert target.regional_target is None and target.priority_program == plan.program
    assert page.console_errors == []
