"""Settings shared by every environment.

Environment-specific modules (local, test, production) import from here and
override only what differs. Secrets are read from the environment only.
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"
NODE_MODULES = BASE_DIR / "node_modules"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "pamong.core",
    "pamong.org",
    "pamong.people",
    "pamong.access",
    "pamong.imports",
    "pamong.planning",
    "pamong.notices",
    "pamong.agreements",
    "pamong.reports",
    "pamong.performance",
    "pamong.attendance",
    "pamong.discipline",
    "pamong.meetings",
    "pamong.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "pamong.core.middleware.RequestIdMiddleware",
    "pamong.core.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "pamong.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "pamong.access.middleware.SecondFactorMiddleware",
    "pamong.core.middleware.TenantTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "pamong" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pamong.access.context_processors.navigation",
                "pamong.notices.context_processors.unread_notices",
            ],
        },
    },
]

AUTH_USER_MODEL = "access.User"
LOGIN_URL = "access:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "access:login"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Argon2 first: new and re-saved passwords are hashed with it.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login lock-out (django-axes): 5 failures for the same username from the same
# address lock that pair out for 30 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "access/locked_out.html"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "pamong.access.client_ip.client_ip"
# How many reverse proxies stand in front of the app (production reads PAMONG_TRUSTED_PROXIES).
PAMONG_TRUSTED_PROXIES = 0

SESSION_COOKIE_AGE = 8 * 60 * 60  # one working day
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

OTP_TOTP_ISSUER = "Pamong"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Jakarta"
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["pamong.core.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/echarts", NODE_MODULES / "echarts" / "dist"),
]
MEDIA_ROOT = VAR_DIR / "media"
# Uploaded files are never served from MEDIA_URL directly: views check scope first.
MEDIA_URL = "/media-not-served/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "pamong.core.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "pamong.core.api.errors.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}

SPECTACULAR_SETTINGS = {
    # Tags collapsed: the docs page renders a few hundred operations only when their tag is opened.
    "SWAGGER_UI_SETTINGS": {"docExpansion": "none", "filter": True, "deepLinking": True},
    "TITLE": "Pamong API",
    "DESCRIPTION": "Performance and discipline management for regional governments.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # The schema and the docs are for signed-in users only, like every other page.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Swagger UI and ReDoc are served from the installed sidecar package: never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several models have a field named "kind" or "role": give each choice set its own schema name.
    "ENUM_NAME_OVERRIDES": {
        "OrgUnitKindEnum": "pamong.org.choices.OrgUnitKind",
        "PositionTypeEnum": "pamong.org.choices.PositionTypeChoice",
        "EselonEnum": "pamong.org.choices.EselonChoice",
        "EmployeeKindEnum": "pamong.people.choices.EmployeeKindChoice",
        "GenderEnum": "pamong.people.choices.GenderChoice",
        "AssignmentKindEnum": "pamong.people.choices.AssignmentKind",
        "RoleEnum": "pamong.access.roles.Role",
        "ImportKindEnum": "pamong.imports.choices.ImportKind",
        "PlanPeriodStatusEnum": "pamong.planning.choices.PeriodStatus",
        "ProgramKindEnum": "pamong.planning.choices.ProgramKind",
        "ImportBatchStatusEnum": "pamong.imports.choices.BatchStatus",
        "ReportStatusEnum": "pamong.reports.choices.ReportStatus",
        "ReportKindEnum": "pamong.reports.choices.ReportKind",
        "ConsequenceStatusEnum": "pamong.performance.choices.ConsequenceStatus",
        "ConsequenceKindEnum": "pamong.performance.choices.ConsequenceKind",
        "PerformanceColourEnum": "pamong.performance.choices.Colour",
        "AgreementStatusEnum": "pamong.agreements.choices.AgreementStatus",
        "AttendanceScheduleKindEnum": "pamong.attendance.choices.ScheduleKind",
        "AttendanceHolidayKindEnum": "pamong.attendance.choices.HolidayKind",
        "AttendancePunchSourceEnum": "pamong.attendance.choices.PunchSource",
        "AttendanceCommandStatusEnum": "pamong.attendance.choices.CommandStatus",
        "AttendanceExcuseKindEnum": "pamong.attendance.choices.ExcuseKind",
        "AttendanceExcuseStatusEnum": "pamong.attendance.choices.ExcuseStatus",
        "AttendanceDayStatusEnum": "pamong.attendance.choices.DayStatusChoice",
        "AttendanceAnomalyKindEnum": "pamong.attendance.choices.AnomalyKind",
        "DisciplineSanctionEnum": "pamong.discipline.choices.SanctionChoice",
        "DisciplineLevelEnum": "pamong.discipline.choices.LevelChoice",
        "DisciplineWarningKindEnum": "pamong.discipline.choices.WarningKind",
        "DisciplineWarningStatusEnum": "pamong.discipline.choices.WarningStatus",
        "DisciplineCaseStatusEnum": "pamong.discipline.choices.CaseStatus",
        "DisciplineSupervisionReportStatusEnum": "pamong.discipline.choices.ReportStatus",
        "AttendanceAnomalyStatusEnum": "pamong.attendance.choices.AnomalyStatus",
    },
}

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# Core resolves a user's scope through this callable, so core imports no domain app.
PAMONG_SCOPE_RESOLVER = "pamong.access.scope.scope_for"
# Home page blocks contributed by domain apps (core.views.HomePanel), in the order listed.
PAMONG_HOME_PANELS = [
    "pamong.people.views.home_panels",
    "pamong.performance.views.home.home_panels",
    "pamong.attendance.views.home.home_panels",
    "pamong.discipline.views.ladder_home.home_panels",
]
# Called (keyword arguments actor, employee, old_org_unit_id, new_org_unit_id) inside the transaction in which
# an employee changes unit; attendance queues the device user-sync commands.
PAMONG_EMPLOYEE_MOVED_HOOKS = ["pamong.attendance.services.devices.employee_moved"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    # WeasyPrint and fontTools log every layout step at INFO; only their warnings matter.
    "loggers": {name: {"level": "WARNING"} for name in ("axes", "weasyprint", "fontTools")},
}
