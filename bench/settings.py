"""Benchmark settings on PostgreSQL: the local settings with ``PAMONG_DATABASE_URL`` as the database.

Used by ``bench.harness`` only when that variable is set; otherwise benchmarks run on
``config.settings.local`` with their own SQLite file (``PAMONG_SQLITE_PATH``).
"""

from __future__ import annotations

import os

from config.env import parse_database_url
from config.settings.local import *  # noqa: F403

DATABASES = {"default": parse_database_url(os.environ["PAMONG_DATABASE_URL"]).as_django()}
