"""In a real browser: the OPD head's today board shows the counts and updates itself (HTMX polling) after a punch."""

import datetime as dt
import re
import shutil

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect, sync_playwright

from pamong.attendance.choices import PunchSource
from pamong.attendance.services.punches import PunchIn, punches_ingest
from pamong.core.scope import SystemActor

from .test_board import five_day_schedule

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser(live_server, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = shutil.which("chromium") or "/usr/bin/chromium"
        instance = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield instance
        instance.close()


def tab_for(browser, cast, live_server, persona):
    cookie = cast.client_for(persona).cookies["sessionid"].value
    context = browser.new_context(viewport={"width": 390, "height": 844})  # a Camat's phone
    context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
    tab = context.new_page()
    tab.console_errors = []
    tab.on("console", lambda message: message.type == "error" and tab.console_errors.append(message.text))
    return tab


def test_the_board_refreshes_itself_after_a_punch(cast, live_server, browser, settings):
    settings.PAMONG_ATTENDANCE_BOARD_POLL_SECONDS = 1
    five_day_schedule(cast, day=cast.tenant.today(), every_day=True)
    asn = cast.employees["asn"]
    tab = tab_for(browser, cast, live_server, "kepala_opd")
    tab.goto(live_server.url + reverse("attendance:board"))
    live = tab.locator('[data-testid="board-live"]')
    expect(live).to_have_attribute("data-poll-seconds", "1")
    row = tab.locator(f'[data-testid="row-{asn.pk}"]')
    expect(row).to_contain_text("Citra Staf")
    before = row.get_attribute("data-status")
    assert before in ("not_in", "absent"), before  # nobody has punched yet
    came = int(tab.locator('[data-testid="count-in"]').inner_text()) + int(
        tab.locator('[data-testid="count-late"]').inner_text()
    )
    assert came == 0

    now = timezone.now()
    at = timezone.localtime(now, cast.tenant.zone).replace(tzinfo=None, second=0, microsecond=0) - dt.timedelta(
        minutes=1
    )
    punches_ingest(
        actor=SystemActor(tenant_id=cast.tenant.pk, label="test"),
        tenant_id=cast.tenant.pk,
        source=PunchSource.MANUAL,
        punches=[PunchIn(punched_at=at, natural_key=f"manual|{asn.pk}|{at:%Y-%m-%d %H:%M}", employee_id=asn.pk)],
        now=now,
    )
    # No reload: the polled fragment replaces itself and the row and the counts follow.
    expect(row).to_have_attribute("data-status", re.compile("^(in|late)$"), timeout=10000)
    expect(row).to_contain_text(f"{at:%H.%M}")
    came = int(tab.locator('[data-testid="count-in"]').inner_text()) + int(
        tab.locator('[data-testid="count-late"]').inner_text()
    )
    assert came == 1
    assert tab.url.endswith(reverse("attendance:board"))
    assert tab.console_errors == [], tab.console_errors
