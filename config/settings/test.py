"""Test settings: PostgreSQL when PAMONG_DATABASE_URL is set, SQLite otherwise."""

from __future__ import annotations

import os
import sys

from config.env import env_bool, parse_database_url

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105 - tests only
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]

_url = os.environ.get("PAMONG_DATABASE_URL", "")
if _url:
    DATABASES = {"default": parse_database_url(_url).as_django()}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # test_<database of the URL>: two checkouts (or two people) on one server do not share a test database.
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}"}
    DATABASE_VENDOR_NOTICE = "PostgreSQL"
else:
    if env_bool("PAMONG_REQUIRE_POSTGRES"):
        sys.exit("PAMONG_REQUIRE_POSTGRES=1 but PAMONG_DATABASE_URL is not set: refusing to fall back to SQLite")
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
    DATABASE_VENDOR_NOTICE = "SQLite (set PAMONG_DATABASE_URL for PostgreSQL)"

# Fast hashing in tests; argon2 itself is covered by a dedicated test that overrides this.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", "django.contrib.auth.hashers.Argon2PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = True
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
