"""Local demo and development: embedded SQLite (or PAMONG_DATABASE_URL), debug on, a throwaway key."""

from __future__ import annotations

import os

from config.env import env_bool, env_str, parse_database_url

from .base import *  # noqa: F403
from .base import VAR_DIR

VAR_DIR.mkdir(exist_ok=True)

DEBUG = env_bool("PAMONG_DEBUG", default=True)
# A fixed development key is acceptable only here; production reads it from the environment.
SECRET_KEY = env_str("PAMONG_SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

# The demo runs on embedded SQLite; PAMONG_DATABASE_URL points it at PostgreSQL instead.
DATABASES: dict[str, dict[str, object]] = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        # PAMONG_SQLITE_PATH lets benchmarks and experiments use their own file (default var/pamong.sqlite3).
        "NAME": env_str("PAMONG_SQLITE_PATH", str(VAR_DIR / "pamong.sqlite3")),
        "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"},
    }
}
if os.environ.get("PAMONG_DATABASE_URL"):
    DATABASES = {"default": parse_database_url(os.environ["PAMONG_DATABASE_URL"]).as_django()}

# Notice e-mails (ADR 0022) are printed to the console instead of sent.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
