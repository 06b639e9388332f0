"""Pufa Ledger settings, read from the environment.

Zero configuration gives a development-safe SQLite setup only when DJANGO_DEBUG=1;
production (the default) needs DJANGO_SECRET_KEY and refuses to start without it.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    value = value.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {value!r}")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from None


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string in production, "
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "places",
    "accounts",
    "jobs",
    "topics",
    "advisors",
    "people",
    "legalsavvy",
    "outreach",
    "works",
    "notifications",
    "quality",
    "imports",
    "offline",
    "coverage",
    "needs",
    "reports",
    "demo",
    "api",
]

MIDDLEWARE = [
    # First: a JSON check-in skips what it does not need (api/events/checkin_lean.py); others pass through.
    "api.events.checkin_lean.PublicCheckinMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "common.replica.AnalyticsReadsMiddleware",
    "accounts.middleware.DatabaseUnavailableMiddleware",
    "accounts.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",  # last: answers a locked-out login with accounts.lockout
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "accounts.context_processors.role_navigation",
                "notifications.context_processors.unread_notifications",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers wait for each other instead of failing at once with "database is locked".
    # IMMEDIATE transactions take the write lock up front, so concurrent check-ins wait instead
    # of failing with "database is locked" when a read lock cannot be upgraded.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})

# A read replica for analytics reads (common/replica.py): coverage, figures, exports, the report.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
ANALYTICS_DATABASE = None
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0))
    ANALYTICS_DATABASE = "replica"
DATABASE_ROUTERS = ["common.replica.AnalyticsRouter"]
# URL names whose GET requests read from the replica ("namespace:*" for a whole app).
ANALYTICS_URL_NAMES = [
    "coverage:*",
    "figures:page",
    "figures:xlsx",
    "advisors:ledger_csv",
    "advisors:ledger_xlsx",
    "advisors:compliance_csv",
    "advisors:compliance_xlsx",
    "api-coverage",
    "api-coverage-geojson",
    "api-coverage-areas",
    "api-figures",
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    # Shared across gunicorn workers, so rate limits and sessions hold everywhere.
    CACHES = {"default": {"BACKEND": "common.cache.ReusingRedisCache", "LOCATION": CACHE_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
elif CACHE_URL:
    raise ImproperlyConfigured("CACHE_URL must be a redis:// URL (or empty for the in-process cache)")
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# Background jobs (config/celery.py). No broker (the default): tasks run in-process, at once.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = None  # results live on our own Job rows, not in Celery
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True  # a job whose worker dies is delivered again
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A running job whose heartbeat (its progress updates) is older than this is failed ("worker stopped").
JOBS_STALE_MINUTES = env_int("JOBS_STALE_MINUTES", 30)
# Uploaded files and result files of jobs finished longer ago than this are deleted (the rows stay).
JOBS_RETENTION_DAYS = env_int("JOBS_RETENTION_DAYS", 90)

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Security: strict by default in production; each can be relaxed from the environment
# (e.g. an intranet deployment without TLS sets DJANGO_SECURE_SSL_REDIRECT=0).
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

REST_FRAMEWORK = {
    # Token first: DRF answers unauthenticated requests per the first class, so a missing or bad
    # token is a 401 with "WWW-Authenticate: Token" (session-only would make every such answer 403).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.tokens.TokenAuthentication",  # named ApiTokens and DRF Tokens
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": [
        "api.parsers.JSONParser",  # deeply nested JSON → 400, not a RecursionError
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "DATE_INPUT_FORMATS": ["%Y-%m-%d"],
    "TIME_FORMAT": "%H:%M",
    "TIME_INPUT_FORMATS": ["%H:%M", "%H:%M:%S"],
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Pufa Ledger API",
    "DESCRIPTION": "Legal-outreach ledger of a district justice bureau: areas, advisors, events, "
    "check-in, legal-savvy persons, coverage and annual figures.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "AudienceEnum": "outreach.models.Event.Audience",
        "AwardLevelEnum": "works.models.Award.Level",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# --- Domain rules (each one a setting so a locality can change it) ---
# Guangdong: at least 8 duty hours per village per month by the village legal advisor.
DUTY_HOURS_PER_VILLAGE_MONTH = env_int("DUTY_HOURS_PER_VILLAGE_MONTH", 8)
# Legal-savvy persons (法律明白人) per village; national minimum 3, Guangdong localities 4.
LEGAL_SAVVY_QUOTA = env_int("LEGAL_SAVVY_QUOTA", 4)
# Self check-in window around an event.
CHECKIN_OPENS_MINUTES_BEFORE = env_int("CHECKIN_OPENS_MINUTES_BEFORE", 60)
CHECKIN_CLOSES_MINUTES_AFTER = env_int("CHECKIN_CLOSES_MINUTES_AFTER", 120)
# Per client address; "0" turns the limit off.
CHECKIN_RATE_LIMIT = os.environ.get("CHECKIN_RATE_LIMIT", "30/m")
# The client address is REMOTE_ADDR; set to 1 only behind a proxy that sets X-Forwarded-For.
CHECKIN_TRUST_X_FORWARDED_FOR = env_bool("CHECKIN_TRUST_X_FORWARDED_FOR", False)
# An organizer may annul a wrong check-in this long after it was made.
CHECKIN_ANNUL_MINUTES = env_int("CHECKIN_ANNUL_MINUTES", 15)
# Base URL printed into QR codes (e.g. https://pufa.example.gov.cn); empty = the request's host.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "").rstrip("/")
# The Word report: a .docx whose styles/letterhead it is built on (empty = reports/templates_docx/report.docx),
# and the CJK font file for its charts and map (empty = found with fc-match, Debian's fonts-noto-cjk).
REPORT_DOCX_TEMPLATE = os.environ.get("REPORT_DOCX_TEMPLATE", "")
REPORT_CJK_FONT = os.environ.get("REPORT_CJK_FONT", "")

# --- Notifications and reminders (notifications/) ---
# Email: Django's backend, configured from the environment; reminders are emailed when
# NOTIFICATIONS_EMAIL is on (default: on when EMAIL_HOST is set) to users with an email address; with
# EMAIL_HOST set, the people pages also offer to send an activation link.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "pufa-ledger@localhost")
EMAIL_SUBJECT_PREFIX = os.environ.get("EMAIL_SUBJECT_PREFIX", "[普法台账] ")
NOTIFICATIONS_EMAIL = env_bool("NOTIFICATIONS_EMAIL", bool(EMAIL_HOST))
# Text messages to users with a phone: a notifications.sms.BaseSMSBackend subclass; "" = none.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "notifications.sms.ConsoleSMSBackend")
# Celery beat (`make beat`): the reminders every hour; each goes out once per period whatever the rate.
CELERY_BEAT_SCHEDULE = {
    "send-reminders": {"task": "notifications.send_reminders", "schedule": env_int("REMINDERS_EVERY_SECONDS", 3600)},
    "compute-flags": {"task": "quality.compute_flags", "schedule": env_int("FLAGS_EVERY_SECONDS", 24 * 3600)},
    "close-ended-events": {
        "task": "outreach.close_ended_events",
        "schedule": env_int("CLOSE_EVENTS_EVERY_SECONDS", 3600),
    },
    "fail-stale-jobs": {"task": "jobs.fail_stale_jobs", "schedule": env_int("STALE_JOBS_EVERY_SECONDS", 300)},
    "purge-job-files": {"task": "jobs.purge_job_files", "schedule": env_int("PURGE_JOB_FILES_EVERY_SECONDS", 86400)},
    # Coverage roll-ups (coverage/rollups.py): this year and the last; pages show "as of" the refresh.
    "refresh-rollups": {"task": "coverage.refresh_rollups", "schedule": env_int("ROLLUPS_EVERY_SECONDS", 900)},
}
# --- Data-quality flags (quality/) ---
# "Dozens of check-ins from one address within a minute": this many or more within any 60 seconds.
QUALITY_BURST_CHECKINS = env_int("QUALITY_BURST_CHECKINS", 24)

# --- People and access (issue 11) ---
SECURE_REFERRER_POLICY = "same-origin"
# Sent on every response by accounts.middleware.SecurityHeadersMiddleware: no page uses these.
PERMISSIONS_POLICY = os.environ.get(
    "PERMISSIONS_POLICY", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
)
# A one-time activation / password-reset link works this many days.
ACTIVATION_LINK_DAYS = env_int("ACTIVATION_LINK_DAYS", 7)

# Login throttling (django-axes): per account and, separately, per client address.
# Axes first (it refuses locked-out logins); session logins then load the bell's unread count with the
# user (notifications/auth.py: no extra query per page); ModelBackend for sessions made before it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "notifications.auth.UnreadCountBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("AXES_ENABLED", True)
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = LOGIN_LOCKOUT_MINUTES / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if CHECKIN_TRUST_X_FORWARDED_FOR else ["REMOTE_ADDR"]
)

# Content-Security-Policy (django-csp): our own origin only; no inline script or event handler (the
# one inline <style>, Swagger UI's, carries a nonce). Style *attributes* are allowed (style-src-attr):
# they cannot run code, and server-drawn bars and colours use them.
from csp.constants import NONCE  # noqa: E402  (the request's nonce goes where this stands)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", NONCE],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# A shift, event or check-in write decides its flags once it commits (quality/signals.py). False: nightly.
QUALITY_FLAGS_ON_WRITE = env_bool("QUALITY_FLAGS_ON_WRITE", True)
# ... and rebuilds the coverage roll-up rows of the areas it touched (coverage/signals.py). False: the job.
COVERAGE_ROLLUPS_ON_WRITE = env_bool("COVERAGE_ROLLUPS_ON_WRITE", True)
# District and town village rows read their sums from the roll-ups (coverage/rows.py). False: always live.
COVERAGE_FROM_ROLLUPS = env_bool("COVERAGE_FROM_ROLLUPS", True)
# Flags and roll-ups follow an event's check-ins at most once per this many seconds (outreach/signals.py).
CHECKIN_DEBOUNCE_SECONDS = env_int("CHECKIN_DEBOUNCE_SECONDS", env_int("QUALITY_CHECKIN_DEBOUNCE_SECONDS", 60))
