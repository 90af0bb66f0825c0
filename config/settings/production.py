"""Production: every secret and host from the environment, HTTPS enforced."""

from __future__ import annotations

from config.env import env_bool, env_int, env_list, env_str, parse_database_url

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env_str("PAMONG_SECRET_KEY")
ALLOWED_HOSTS = env_list("PAMONG_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("PAMONG_CSRF_TRUSTED_ORIGINS")
DATABASES = {"default": parse_database_url(env_str("PAMONG_DATABASE_URL")).as_django()}

SECURE_SSL_REDIRECT = env_bool("PAMONG_SSL_REDIRECT", default=True)
# The load balancer probes /health/ over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
PAMONG_TRUSTED_PROXIES = env_int("PAMONG_TRUSTED_PROXIES", 0)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("PAMONG_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# E-mail copies of notices (pamong.notices, ADR 0022). Without PAMONG_EMAIL_HOST no mail is sent: the in-app
# inbox still has every notice. PAMONG_BASE_URL makes the links in mails absolute.
PAMONG_BASE_URL = env_str("PAMONG_BASE_URL", "")
if env_str("PAMONG_EMAIL_HOST", ""):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env_str("PAMONG_EMAIL_HOST")
    EMAIL_PORT = env_int("PAMONG_EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("PAMONG_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = env_str("PAMONG_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("PAMONG_EMAIL_TLS", default=True)
    DEFAULT_FROM_EMAIL = env_str("PAMONG_EMAIL_FROM", "pamong@localhost")
else:
    EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
