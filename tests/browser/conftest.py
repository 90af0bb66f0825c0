"""Fixtures for the browser walkthroughs: Debian's Chromium driven by Playwright against ``live_server``.

Never ``playwright install``: the browser is the system's ``/usr/bin/chromium`` (tests are skipped when
it is absent, see the root conftest). Screenshots go to ``var/screenshots/`` (git-ignored) for a person
to look at; the tests themselves assert on the page, never on pixels or timings.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from pamong.core.scope import SystemActor
from pamong.core.testing.personas import Cast, build_cast
from pamong.core.views import tenant_today
from pamong.people.choices import AssignmentKind
from pamong.people.services import assignment_start

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


@pytest.fixture
def walkthrough_cast(transactional_db: None) -> Cast:
    """The persona cast (password ``persona-pass-123``) plus a current Plt, so histories show one."""
    cast = build_cast()
    assignment_start(
        actor=SystemActor(tenant_id=cast.tenant.pk, label="walkthrough"),
        employee=cast.employees["asn"],
        position=cast.positions["kabid_sd"],
        kind=AssignmentKind.PLT,
        starts_on=tenant_today(cast.users["bupati"]) - dt.timedelta(days=20),
        decree_number="800/45/BKPSDM/2026",
    )
    return cast


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A headless Chromium; the ORM may be used from the test while Playwright's loop runs."""
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def screenshot() -> Any:
    """``screenshot(page, name)`` saves a full-page PNG under var/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page: Any, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
