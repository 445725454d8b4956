"""Django settings for Tuntas.

Every value comes from an environment variable. Defaults are the safe
production ones; the embedded development setup (``scripts/run``) sets
``TUNTAS_DEBUG=true`` and the SQLite database explicitly.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from tuntas.core.csp import directives as csp_directives
from tuntas.core.env import env_bool, env_int, env_list, env_str, env_url

django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("TUNTAS_DEBUG", False)
SECRET_KEY = env_str("TUNTAS_SECRET_KEY", "")
# Commands that only read the code (nothing is served, signed or stored) also run on a bare
# checkout without the production secrets, e.g. `manage.py makemigrations --check`.
CODE_ONLY_COMMANDS = frozenset({"makemigrations", "makemessages", "compilemessages"})
_CODE_ONLY = (
    len(sys.argv) > 1
    and Path(sys.argv[0]).name == "manage.py"
    and sys.argv[1] in CODE_ONLY_COMMANDS
)
if not SECRET_KEY:
    if _CODE_ONLY:
        SECRET_KEY = "unused-by-code-only-commands-" + "0" * 40
    elif not DEBUG:
        raise ImproperlyConfigured(
            "TUNTAS_SECRET_KEY must be set (at least 50 random characters) in production. "
            "For the embedded development setup use ./scripts/run, or set TUNTAS_DEBUG=true "
            "TUNTAS_DATABASE=sqlite before running manage.py."
        )
    else:
        SECRET_KEY = "insecure-development-key-only-for-the-embedded-setup-0123456789abcdef"  # noqa: S105

ALLOWED_HOSTS = env_list("TUNTAS_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("TUNTAS_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # The Django admin on Tuntas's site: signs in through /akun/masuk/ (the sign-in guard,
    # the second factor) and asks for the verified second factor (tuntas.accounts.admin_site).
    "tuntas.accounts.admin_apps.TuntasAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_otp",
    "tuntas.accounts.admin_apps.TuntasTotpConfig",  # django_otp.plugins.otp_totp
    "tuntas.accounts.admin_apps.TuntasStaticConfig",  # django_otp.plugins.otp_static
    "csp",
    "tuntas.core",
    "tuntas.accounts",
    "tuntas.organisations",
    "tuntas.reference",
    "tuntas.workdays",
    "tuntas.standards",
    "tuntas.audit",
    "tuntas.reports",
    "tuntas.outbox",
    "tuntas.inbound",
    "tuntas.citizen",
    "tuntas.staff",
    "tuntas.api",
    "tuntas.apikeys",
    "tuntas.open311",
    "tuntas.webhooks",
    "tuntas.federation",
    "tuntas.exports",
    "tuntas.kpi",
    "tuntas.oversight",
    "tuntas.privacy",
    "tuntas.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tuntas.core.middleware.IndonesianByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Whether the session passed its second factor; then the idle timeout and the
    # second factor before any page (tuntas/accounts/middleware.py).
    "django_otp.middleware.OTPMiddleware",
    "tuntas.accounts.middleware.AccountSecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "tuntas.apikeys.middleware.ApiKeyUseMiddleware",
]

ROOT_URLCONF = "tuntas.urls"
WSGI_APPLICATION = "tuntas.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "tuntas" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tuntas.outbox.context_processors.navigation",
            ],
        },
    },
]

# Database: PostgreSQL in production (TUNTAS_DATABASE=postgres), SQLite for the
# embedded setup.
DATABASE_ENGINE = env_str("TUNTAS_DATABASE", "postgres")
DATABASES: dict[str, dict[str, Any]]
if DATABASE_ENGINE == "sqlite":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("TUNTAS_SQLITE_PATH", str(BASE_DIR / "var" / "tuntas.sqlite3")),
            "OPTIONS": {
                "timeout": 30,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
elif DATABASE_ENGINE == "postgres":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": env_str("TUNTAS_DB_NAME", "tuntas"),
            "USER": env_str("TUNTAS_DB_USER", "tuntas"),
            "PASSWORD": env_str("TUNTAS_DB_PASSWORD", ""),
            "HOST": env_str("TUNTAS_DB_HOST", "127.0.0.1"),
            "PORT": env_str("TUNTAS_DB_PORT", "5432"),
            "CONN_MAX_AGE": env_int("TUNTAS_DB_CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
        }
    }
else:
    raise ImproperlyConfigured(
        f"TUNTAS_DATABASE must be 'postgres' or 'sqlite', got {DATABASE_ENGINE!r}"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
# Every password check goes through the sign-in guard (tuntas/accounts/guard.py).
AUTHENTICATION_BACKENDS = ["tuntas.accounts.guard.GuardedModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "staff:home"
LOGOUT_REDIRECT_URL = "citizen:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "tuntas" / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("TUNTAS_STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded attachments live outside the web root and are only served through
# access-checked views; there is deliberately no MEDIA_URL route.
MEDIA_ROOT = Path(env_str("TUNTAS_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/_protected_media/"
TUNTAS_MAX_UPLOAD_BYTES = env_int("TUNTAS_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
TUNTAS_MAX_ATTACHMENTS = env_int("TUNTAS_MAX_ATTACHMENTS", 5)
# How long a reporter has to answer a request to lower their privacy choice.
TUNTAS_PRIVACY_REQUEST_DAYS = env_int("TUNTAS_PRIVACY_REQUEST_DAYS", 14)
TUNTAS_SITE_URL = env_str("TUNTAS_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Exports (docs/exports.md): CSV separator (";" with decimal commas for Excel in Indonesian,
# "," with decimal points) and the longest table printed in a PDF (the XLSX has every row).
TUNTAS_EXPORT_CSV_DELIMITER = env_str("TUNTAS_EXPORT_CSV_DELIMITER", ";")
if TUNTAS_EXPORT_CSV_DELIMITER not in {";", ","}:
    raise ImproperlyConfigured("TUNTAS_EXPORT_CSV_DELIMITER must be ';' or ','")
TUNTAS_EXPORT_PDF_MAX_ROWS = env_int("TUNTAS_EXPORT_PDF_MAX_ROWS", 1000)
if TUNTAS_EXPORT_PDF_MAX_ROWS < 1:
    raise ImproperlyConfigured("TUNTAS_EXPORT_PDF_MAX_ROWS must be at least 1")
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# A file over TUNTAS_MAX_UPLOAD_BYTES stops being written once past it (core/uploadhandlers.py).
FILE_UPLOAD_HANDLERS = [
    "tuntas.core.uploadhandlers.UploadSizeCap",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Security
SESSION_COOKIE_SECURE = env_bool("TUNTAS_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("TUNTAS_SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("TUNTAS_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("TUNTAS_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("TUNTAS_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
TUNTAS_BEHIND_PROXY = env_bool("TUNTAS_BEHIND_PROXY", False)
if TUNTAS_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many reverse proxies append to X-Forwarded-For in front of the application; the
# client's address is the entry that many places from the right (tuntas/core/clients.py).
TUNTAS_PROXY_COUNT = env_int("TUNTAS_PROXY_COUNT", 1 if TUNTAS_BEHIND_PROXY else 0)
if TUNTAS_PROXY_COUNT < 0 or TUNTAS_PROXY_COUNT > 5:
    raise ImproperlyConfigured("TUNTAS_PROXY_COUNT must be between 0 and 5")
if TUNTAS_PROXY_COUNT and not TUNTAS_BEHIND_PROXY:
    raise ImproperlyConfigured("TUNTAS_PROXY_COUNT needs TUNTAS_BEHIND_PROXY=true")

# Content-Security-Policy (django-csp): every script and style is a file served by Tuntas
# (tuntas/core/csp.py says what is allowed and why).
CONTENT_SECURITY_POLICY = {"DIRECTIVES": csp_directives()}

# Accounts and sign-in security (docs/security.md).
TUNTAS_SIGN_IN_MAX_FAILURES = env_int("TUNTAS_SIGN_IN_MAX_FAILURES", 10)
TUNTAS_SIGN_IN_MAX_FAILURES_PER_ADDRESS = env_int("TUNTAS_SIGN_IN_MAX_FAILURES_PER_ADDRESS", 30)
TUNTAS_SIGN_IN_MAX_FAILURES_PER_USERNAME = env_int("TUNTAS_SIGN_IN_MAX_FAILURES_PER_USERNAME", 100)
TUNTAS_SIGN_IN_LOCK_MINUTES = env_int("TUNTAS_SIGN_IN_LOCK_MINUTES", 15)
for _name in (
    "TUNTAS_SIGN_IN_MAX_FAILURES",
    "TUNTAS_SIGN_IN_MAX_FAILURES_PER_ADDRESS",
    "TUNTAS_SIGN_IN_MAX_FAILURES_PER_USERNAME",
    "TUNTAS_SIGN_IN_LOCK_MINUTES",
):
    if globals()[_name] < 1:
        raise ImproperlyConfigured(f"{_name} must be at least 1")
# Registrations and password-reset requests per address per hour.
TUNTAS_REGISTER_PER_HOUR = env_int("TUNTAS_REGISTER_PER_HOUR", 10)
TUNTAS_PASSWORD_RESET_PER_HOUR = env_int("TUNTAS_PASSWORD_RESET_PER_HOUR", 5)
if TUNTAS_REGISTER_PER_HOUR < 1 or TUNTAS_PASSWORD_RESET_PER_HOUR < 1:
    raise ImproperlyConfigured(
        "TUNTAS_REGISTER_PER_HOUR and TUNTAS_PASSWORD_RESET_PER_HOUR must be at least 1"
    )
PASSWORD_RESET_TIMEOUT = 60 * 60  # a reset link works for one hour
# Staff sessions end after this many minutes without a request.
TUNTAS_STAFF_IDLE_MINUTES = env_int("TUNTAS_STAFF_IDLE_MINUTES", 8 * 60)
if TUNTAS_STAFF_IDLE_MINUTES < 1:
    raise ImproperlyConfigured("TUNTAS_STAFF_IDLE_MINUTES must be at least 1")
# Personal data (UU PDP 27/2022, docs/privacy.md). An erasure request is carried out after
# this many hours (the reporter may cancel it until then; a coordinator or the national
# admin may carry it out sooner). Keep it well under 72 (3 x 24 hours).
TUNTAS_ERASURE_WAIT_HOURS = env_int("TUNTAS_ERASURE_WAIT_HOURS", 48)
if not 0 <= TUNTAS_ERASURE_WAIT_HOURS <= 72:
    raise ImproperlyConfigured("TUNTAS_ERASURE_WAIT_HOURS must be between 0 and 72")
# Retention, in days, applied by the hourly purge (manage.py purge_personal_data); 0 keeps
# that kind of data for ever. Closed reports count from their close (or archive).
TUNTAS_RETENTION_REPORTER_IDENTITY_DAYS = env_int("TUNTAS_RETENTION_REPORTER_IDENTITY_DAYS", 730)
TUNTAS_RETENTION_ATTACHMENT_DAYS = env_int("TUNTAS_RETENTION_ATTACHMENT_DAYS", 730)
TUNTAS_RETENTION_INBOUND_RAW_DAYS = env_int("TUNTAS_RETENTION_INBOUND_RAW_DAYS", 90)
TUNTAS_RETENTION_OUTBOX_BODY_DAYS = env_int("TUNTAS_RETENTION_OUTBOX_BODY_DAYS", 90)
TUNTAS_RETENTION_API_KEY_USE_DAYS = env_int("TUNTAS_RETENTION_API_KEY_USE_DAYS", 180)
TUNTAS_RETENTION_FAILED_SIGN_IN_DAYS = env_int("TUNTAS_RETENTION_FAILED_SIGN_IN_DAYS", 180)
for _name in (
    "TUNTAS_RETENTION_REPORTER_IDENTITY_DAYS",
    "TUNTAS_RETENTION_ATTACHMENT_DAYS",
    "TUNTAS_RETENTION_INBOUND_RAW_DAYS",
    "TUNTAS_RETENTION_OUTBOX_BODY_DAYS",
    "TUNTAS_RETENTION_API_KEY_USE_DAYS",
    "TUNTAS_RETENTION_FAILED_SIGN_IN_DAYS",
):
    if not 0 <= globals()[_name] <= 36500:
        raise ImproperlyConfigured(f"{_name} must be between 0 (keep for ever) and 36500 days")
# API tokens (POST /api/auth/token/) expire after this many days.
TUNTAS_API_TOKEN_DAYS = env_int("TUNTAS_API_TOKEN_DAYS", 30)
if not 1 <= TUNTAS_API_TOKEN_DAYS <= 365:
    raise ImproperlyConfigured("TUNTAS_API_TOKEN_DAYS must be between 1 and 365")
# Two-factor sign-in (TOTP with recovery codes, django-otp): the roles that must use it.
TWO_FACTOR_ROLE_CHOICES = frozenset(
    {
        "superuser",
        "national_admin",
        "coordinator",
        "liaison_officer",
        "liaison_admin",
        "agency_head",
        "division_staff",
        "section_head",
        "division_head",
        "regional_secretary",
        "viewer",
    }
)
TUNTAS_2FA_REQUIRED_ROLES = frozenset(
    env_list("TUNTAS_2FA_REQUIRED_ROLES", ["superuser", "national_admin", "coordinator"])
)
if TUNTAS_2FA_REQUIRED_ROLES - TWO_FACTOR_ROLE_CHOICES:
    raise ImproperlyConfigured(
        "TUNTAS_2FA_REQUIRED_ROLES: unknown roles "
        + ", ".join(sorted(TUNTAS_2FA_REQUIRED_ROLES - TWO_FACTOR_ROLE_CHOICES))
        + "; use superuser or role codes such as national_admin, coordinator"
    )
# The embedded demo (scripts/run) lets the personas sign in with the password alone and
# says so in a banner; never in production.
TUNTAS_2FA_DEMO_RELAXED = env_bool("TUNTAS_2FA_DEMO_RELAXED", False)
if TUNTAS_2FA_DEMO_RELAXED and not DEBUG:
    raise ImproperlyConfigured("TUNTAS_2FA_DEMO_RELAXED is only for the embedded demo (debug)")
OTP_TOTP_ISSUER = env_str("TUNTAS_2FA_ISSUER", "Tuntas").strip() or "Tuntas"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the admin never shows a TOTP key or QR code
# Access codes of reports: HMAC keys, newest first (tuntas/reports/access_codes.py).
# Empty: one key derived from the secret key (and its fallbacks).
TUNTAS_ACCESS_CODE_KEYS = env_list("TUNTAS_ACCESS_CODE_KEYS", [])
if any(len(k) < 32 for k in TUNTAS_ACCESS_CODE_KEYS):
    raise ImproperlyConfigured("Every TUNTAS_ACCESS_CODE_KEYS key must be 32+ characters")
# One web process may keep its rate-limit counters in its own memory; several need a
# shared cache (TUNTAS_CACHE_URL). See tuntas/core/deployment.py.
TUNTAS_SINGLE_WEB_PROCESS = env_bool("TUNTAS_SINGLE_WEB_PROCESS", False)
SILENCED_SYSTEM_CHECKS = env_list("TUNTAS_SILENCED_CHECKS", [])

# E-mail
EMAIL_BACKEND = env_str(
    "TUNTAS_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("TUNTAS_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("TUNTAS_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("TUNTAS_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("TUNTAS_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("TUNTAS_EMAIL_TLS", False)
EMAIL_FILE_PATH = env_str("TUNTAS_EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
DEFAULT_FROM_EMAIL = env_str("TUNTAS_FROM_EMAIL", "Tuntas <no-reply@tuntas.invalid>")

# Notification channels beyond in-app and e-mail (docs/notifications.md). A channel
# without its settings is switched off: no messages are queued for it.
TUNTAS_WHATSAPP_API_URL = env_url("TUNTAS_WHATSAPP_API_URL", "https://graph.facebook.com/v21.0")
TUNTAS_WHATSAPP_PHONE_NUMBER_ID = env_str("TUNTAS_WHATSAPP_PHONE_NUMBER_ID", "").strip()
TUNTAS_WHATSAPP_TOKEN = env_str("TUNTAS_WHATSAPP_TOKEN", "").strip()
# A folder instead of the Cloud API (the demo of ./scripts/run, training rooms): each
# WhatsApp message is written there as the JSON the API would receive. Never in production.
TUNTAS_WHATSAPP_OUTBOX_DIR = env_str("TUNTAS_WHATSAPP_OUTBOX_DIR", "").strip()
TUNTAS_SMS_GATEWAY_URL = env_url("TUNTAS_SMS_GATEWAY_URL", "")
TUNTAS_SMS_GATEWAY_TOKEN = env_str("TUNTAS_SMS_GATEWAY_TOKEN", "").strip()
# How long a worker holds a claimed outbox message before another may retry it
# (a worker killed mid-send); longer than the slowest channel's request timeout.
TUNTAS_OUTBOX_CLAIM_SECONDS = env_int("TUNTAS_OUTBOX_CLAIM_SECONDS", 300)
if TUNTAS_OUTBOX_CLAIM_SECONDS < 1:
    raise ImproperlyConfigured("TUNTAS_OUTBOX_CLAIM_SECONDS must be at least 1")
# Outgoing webhooks (docs/webhooks.md): https only and no internal addresses, unless
# these allow them (the embedded development setup, tests).
TUNTAS_WEBHOOKS_ALLOW_HTTP = env_bool("TUNTAS_WEBHOOKS_ALLOW_HTTP", DEBUG)
TUNTAS_WEBHOOKS_ALLOW_PRIVATE = env_bool("TUNTAS_WEBHOOKS_ALLOW_PRIVATE", DEBUG)
# Machine-to-machine calls must end well within a claim (default: 10 s, or half a short lease).
_CALL_TIMEOUT_CAP = max(1, TUNTAS_OUTBOX_CLAIM_SECONDS // 2)
TUNTAS_WEBHOOKS_TIMEOUT_SECONDS = env_int(
    "TUNTAS_WEBHOOKS_TIMEOUT_SECONDS", min(10, _CALL_TIMEOUT_CAP)
)
if not 1 <= TUNTAS_WEBHOOKS_TIMEOUT_SECONDS <= _CALL_TIMEOUT_CAP:
    raise ImproperlyConfigured(
        "TUNTAS_WEBHOOKS_TIMEOUT_SECONDS must be at least 1 and at most half of "
        "TUNTAS_OUTBOX_CLAIM_SECONDS"
    )

# Incoming messages (docs/inbound.md). A webhook is switched off (404) until its
# secret is set; IMAP polling runs only when TUNTAS_IMAP_HOST is set.
TUNTAS_WHATSAPP_VERIFY_TOKEN = env_str("TUNTAS_WHATSAPP_VERIFY_TOKEN", "").strip()
TUNTAS_WHATSAPP_APP_SECRET = env_str("TUNTAS_WHATSAPP_APP_SECRET", "").strip()
TUNTAS_SMS_WEBHOOK_SECRET = env_str("TUNTAS_SMS_WEBHOOK_SECRET", "").strip()
TUNTAS_EMAIL_WEBHOOK_SECRET = env_str("TUNTAS_EMAIL_WEBHOOK_SECRET", "").strip()
TUNTAS_INBOUND_MAX_BYTES = env_int("TUNTAS_INBOUND_MAX_BYTES", 10 * 1024 * 1024)
TUNTAS_INBOUND_CLASSIFICATION = env_str("TUNTAS_INBOUND_CLASSIFICATION", "complaint").strip()
TUNTAS_IMAP_HOST = env_str("TUNTAS_IMAP_HOST", "").strip()
TUNTAS_IMAP_SSL = env_bool("TUNTAS_IMAP_SSL", True)
TUNTAS_IMAP_PORT = env_int("TUNTAS_IMAP_PORT", 993 if TUNTAS_IMAP_SSL else 143)
TUNTAS_IMAP_USER = env_str("TUNTAS_IMAP_USER", "")
TUNTAS_IMAP_PASSWORD = env_str("TUNTAS_IMAP_PASSWORD", "")
TUNTAS_IMAP_FOLDER = env_str("TUNTAS_IMAP_FOLDER", "INBOX")
if TUNTAS_INBOUND_MAX_BYTES < 1024:
    raise ImproperlyConfigured("TUNTAS_INBOUND_MAX_BYTES must be at least 1024")
if not 1 <= TUNTAS_IMAP_PORT <= 65535:
    raise ImproperlyConfigured(f"TUNTAS_IMAP_PORT must be a port number, got {TUNTAS_IMAP_PORT}")
if TUNTAS_IMAP_HOST and not TUNTAS_IMAP_USER:
    raise ImproperlyConfigured("TUNTAS_IMAP_USER must be set when TUNTAS_IMAP_HOST is set")

# Celery: Redis in production; the embedded setup uses kombu's filesystem
# transport so that no broker server is needed.
CELERY_BROKER_URL = env_str("TUNTAS_BROKER_URL", "redis://127.0.0.1:6379/0")
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {}
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue_dir = Path(env_str("TUNTAS_QUEUE_DIR", str(BASE_DIR / "var" / "queue")))
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir / "out"),
        "data_folder_out": str(_queue_dir / "out"),
        "processed_folder": str(_queue_dir / "processed"),
        "control_folder": str(_queue_dir / "control"),
        "store_processed": False,
    }
CELERY_TASK_ALWAYS_EAGER = env_bool("TUNTAS_TASKS_EAGER", False)
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = env_str(
    "TUNTAS_BEAT_SCHEDULE_FILE", str(BASE_DIR / "var" / "celerybeat-schedule")
)

# API rate limits per throttle scope ("count/second|minute|hour|day").
API_RATES = {
    "anon_submit": env_str("TUNTAS_API_RATE_ANON_SUBMIT", "30/hour"),
    "tracking": env_str("TUNTAS_API_RATE_TRACKING", "120/hour"),
    "sign_in": env_str("TUNTAS_API_RATE_SIGN_IN", "20/hour"),
    "sign_in_address": env_str("TUNTAS_API_RATE_SIGN_IN_ADDRESS", "60/hour"),
}
for rate_scope, rate in API_RATES.items():
    rate_count, _slash, rate_period = rate.partition("/")
    if not (rate_count.isdigit() and rate_period[:1] in {"s", "m", "h", "d"}):
        raise ImproperlyConfigured(
            f"The API rate for {rate_scope} must look like 30/hour, got {rate!r}"
        )
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "tuntas.accounts.tokens.ExpiringTokenAuthentication",
        "tuntas.accounts.tokens.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "tuntas.api.errors.exception_handler",
    # JSON with a size and nesting limit (tuntas/api/parsers.py), forms, multipart.
    "DEFAULT_PARSER_CLASSES": [
        "tuntas.api.parsers.SafeJSONParser",
        "tuntas.api.parsers.SafeFormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_THROTTLE_RATES": API_RATES,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tuntas API",
    "DESCRIPTION": "Public-service complaint handling (SP4N-LAPOR! procedures).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

# Cache: rate limits (API keys) and other short-lived counters. In-process memory unless
# TUNTAS_CACHE_URL names Redis (redis://..., shared by every web process) or a directory
# (file:///path, shared by the processes of one machine).
TUNTAS_CACHE_URL = env_str("TUNTAS_CACHE_URL", "").strip()
if TUNTAS_CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": TUNTAS_CACHE_URL,
        }
    }
elif TUNTAS_CACHE_URL.startswith("file://"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": TUNTAS_CACHE_URL.removeprefix("file://"),
        }
    }
elif TUNTAS_CACHE_URL:
    raise ImproperlyConfigured(
        "TUNTAS_CACHE_URL must start with redis://, rediss://, unix:// or file://, "
        f"got {TUNTAS_CACHE_URL!r}"
    )
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# API keys (docs/open311.md): requests per key per minute unless the key says otherwise.
TUNTAS_API_KEY_RATE_LIMIT = env_int("TUNTAS_API_KEY_RATE_LIMIT", 120)
if TUNTAS_API_KEY_RATE_LIMIT < 1:
    raise ImproperlyConfigured("TUNTAS_API_KEY_RATE_LIMIT must be at least 1")
# Open311 GeoReport v2 discovery document (docs/open311.md).
TUNTAS_OPEN311_CONTACT = env_str(
    "TUNTAS_OPEN311_CONTACT",
    "Hubungi admin koordinator pemerintah daerah Anda atau pengelola Tuntas.",
)
TUNTAS_OPEN311_KEY_SERVICE = env_str(
    "TUNTAS_OPEN311_KEY_SERVICE",
    "Kunci API diberikan admin koordinator pemerintah daerah "
    "(halaman petugas: Integrasi → Kunci API).",
)

# Federation (docs/federation.md): this deployment's name in the timelines of the
# reports it forwards to or receives from other Tuntas deployments.
TUNTAS_FEDERATION_NAME = env_str("TUNTAS_FEDERATION_NAME", "Tuntas").strip()[:120]
TUNTAS_FEDERATION_TIMEOUT_SECONDS = env_int(
    "TUNTAS_FEDERATION_TIMEOUT_SECONDS", min(15, _CALL_TIMEOUT_CAP)
)
if not TUNTAS_FEDERATION_NAME:
    raise ImproperlyConfigured("TUNTAS_FEDERATION_NAME must not be empty")
if not 1 <= TUNTAS_FEDERATION_TIMEOUT_SECONDS <= _CALL_TIMEOUT_CAP:
    raise ImproperlyConfigured(
        "TUNTAS_FEDERATION_TIMEOUT_SECONDS must be at least 1 and at most half of "
        "TUNTAS_OUTBOX_CLAIM_SECONDS"
    )

# Secrets sent in URLs (Open311's api_key) never reach a log line or an error report.
DEFAULT_EXCEPTION_REPORTER_FILTER = "tuntas.core.redaction.SecretsExceptionReporterFilter"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_secrets": {"()": "tuntas.core.redaction.RedactSecretsFilter"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_secrets"]},
        # runserver's request lines (they carry the query string).
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["redact_secrets"],
        },
    },
    "root": {"handlers": ["console"], "level": env_str("TUNTAS_LOG_LEVEL", "INFO")},
    # WeasyPrint logs every layout step of every PDF export at INFO.
    "loggers": {
        "weasyprint.progress": {"level": "WARNING"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}
