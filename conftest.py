"""Project-wide test set-up: database notice, browser availability, shared fixtures."""

from __future__ import annotations

import os
import shutil

import pytest
from django.conf import settings

pytest_plugins = ["pamong.core.testing.fixtures"]

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)


def pytest_report_header(config: pytest.Config) -> list[str]:
    browser = CHROMIUM or "absent: browser tests will be SKIPPED (install Debian's chromium)"
    return [f"pamong database: {settings.DATABASE_VENDOR_NOTICE}", f"pamong browser: {browser}"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CHROMIUM:
        return
    if os.environ.get("PAMONG_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError("PAMONG_REQUIRE_BROWSER=1 but Chromium is not installed")
    skip = pytest.mark.skip(reason="Chromium not installed (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter: object, exitstatus: int, config: pytest.Config) -> None:
    tr = terminalreporter
    tr.write_line(f"pamong: ran on {settings.DATABASE_VENDOR_NOTICE}")  # type: ignore[attr-defined]
    if not CHROMIUM:
        tr.write_line("pamong: browser tests were skipped: Chromium is not installed")  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> None:
    """The test database, with the attendance tables partitioned by month as the migrations make them."""
    from django.db import connection

    from pamong.attendance.partitions import partition_test_tables

    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        partition_test_tables(connection)


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache and no remembered partitions (ids repeat across rolled-back tests,
    and a rolled-back test drops the partitions it made; cached reads must not outlive either)."""
    from django.core.cache import cache

    from pamong.attendance.partitions import forget_partitions

    cache.clear()
    forget_partitions()
