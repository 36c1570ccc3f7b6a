"""sevenc settings: every value comes from an environment variable with a safe development default."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

from sevenc.lib import csp as csp_policy
from sevenc.lib.env import env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("SEVENC_DATA_DIR", str(BASE_DIR.parent / "data")))

DEBUG = env_bool("SEVENC_DEBUG", False)
# Public in the source: fine for the demo on a laptop, refused by `sevenc serve` (sevenc/cli/server.py).
DEV_SECRET_KEY = "django-insecure-dev-only-key-change-me-in-production"
SECRET_KEY = env_secret("SEVENC_SECRET_KEY", DEV_SECRET_KEY)
ALLOWED_HOSTS = env_list("SEVENC_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("SEVENC_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SEVENC_SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "sevenc.web.apps.SevencAdminConfig",  # django.contrib.admin, open to MSP owners (sevenc/web/admin_site.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # serves the API docs' assets (Swagger UI) from the installed package: no CDN
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "sevenc.tenancy",
    "sevenc.catalogue",
    "sevenc.clients",
    "sevenc.assessments",
    "sevenc.team",
    "sevenc.web",
    "sevenc.reports",
    "sevenc.goals",
    "sevenc.roadmap",
    "sevenc.execution",
    "sevenc.feeds",
    "sevenc.raci",
    "sevenc.offering",
    "sevenc.tokens",
    "sevenc.audit",
    "sevenc.jobs",
    "sevenc.signin",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",  # before WhiteNoise: static files carry the policy too
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "sevenc.audit.middleware.AuditMiddleware",  # who acts: the signed-in user, for the audit trail
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # a locked-out sign-in: the form again with why (sevenc/signin)
]

ROOT_URLCONF = "sevenc.config.urls"
WSGI_APPLICATION = "sevenc.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sevenc.web.context_processors.currency",
            ],
        },
    },
]


def _database() -> dict[str, object]:
    url = env_str("SEVENC_DATABASE_URL", "")
    if not url:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{DATA_DIR / 'sevenc.sqlite3'}"
    config = dj_database_url.parse(url, conn_max_age=env_int("SEVENC_DB_CONN_MAX_AGE", 0))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets the web server read while a CLI import writes; IMMEDIATE avoids lock upgrades.
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    return dict(config)


DATABASES = {"default": _database()}


def _cache() -> dict[str, object]:
    """One cache every app server shares: a table in the database by default (created by the migration
    web 0001_shared_cache_table), or a Redis server (SEVENC_CACHE_URL=redis://…, needs the redis package).
    Never the per-process memory cache: two app servers would each keep, and trust, their own copy."""
    url = env_str("SEVENC_CACHE_URL", "")
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if url:
        raise ImproperlyConfigured(
            f"SEVENC_CACHE_URL: {url!r} is not a redis:// address (unset it for the database)"
        )
    return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": CACHE_TABLE}


CACHE_TABLE = "sevenc_cache"
CACHES = {"default": _cache()}
# Sessions in the database: a user signed in on one app server is signed in on all of them.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# django-axes' lockout check comes first (sevenc/signin/backends.py), then the passwords.
AUTHENTICATION_BACKENDS = [
    "sevenc.signin.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

EMAIL_BACKEND = env_str("SEVENC_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("SEVENC_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("SEVENC_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("SEVENC_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("SEVENC_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("SEVENC_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("SEVENC_DEFAULT_FROM_EMAIL", "sevenc@localhost")

# Background work (sevenc/jobs) through django-tasks: "database" queues each task in the database for
# `sevenc worker` to run (several workers on PostgreSQL); "immediate" runs it inside the request that
# starts it (the tests; a single-process setup without a worker, where pages wait as they used to).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_TASKS_BACKEND = env_str("SEVENC_TASKS_BACKEND", "database")
if _TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"SEVENC_TASKS_BACKEND={_TASKS_BACKEND!r}: give one of {', '.join(TASK_BACKENDS)}"
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[_TASKS_BACKEND]}}

# Sign-in throttling (sevenc/signin, docs/deploy.md). django-axes counts failed sign-ins (password and
# second step) per account and per address in the database, so every app server sees them: the
# SEVENC_SIGNIN_FAILURE_LIMIT-th failure locks both for SEVENC_SIGNIN_COOL_OFF_MINUTES, doubled for each
# further limit of failures while they go on, at most SEVENC_THROTTLE_CAP_HOURS.
SEVENC_SIGNIN_COOL_OFF_MINUTES = env_int("SEVENC_SIGNIN_COOL_OFF_MINUTES", 15)
SEVENC_THROTTLE_CAP_HOURS = env_int("SEVENC_THROTTLE_CAP_HOURS", 24)
AXES_ENABLED = env_bool("SEVENC_SIGNIN_THROTTLE", True)
AXES_FAILURE_LIMIT = env_int("SEVENC_SIGNIN_FAILURE_LIMIT", 5)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = "sevenc.signin.throttling.cool_off"
AXES_USE_ATTEMPT_EXPIRATION = True  # each record expires on its own cool-off, not on another person's
AXES_LOCKOUT_CALLABLE = "sevenc.signin.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "sevenc.signin.throttling.client_address"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
# Behind reverse proxies: how many of them append to X-Forwarded-For (0: REMOTE_ADDR is the client).
SEVENC_PROXY_COUNT = env_int("SEVENC_PROXY_COUNT", 0)
# Password-reset requests and failed API tokens: (limit, within minutes, first cool-off minutes).
SEVENC_THROTTLES = {
    "reset-address": (5, 60, 60),
    "reset-email": (3, 60, 60),
    "token-address": (10, 10, 15),
}
OTP_TOTP_ISSUER = env_str("SEVENC_OTP_ISSUER", "sevenc")

# Paper for QBR PDFs: "A4" or "Letter".
SEVENC_REPORT_PAGE_SIZE = env_str("SEVENC_REPORT_PAGE_SIZE", "A4")

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("SEVENC_TIME_ZONE", "UTC")
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# WhiteNoise scans STATIC_ROOT at start-up; an empty folder keeps it from warning before any collectstatic.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Files the app generates (reports, exports built in the background) go here: on several app servers, a
# path they all mount (or an object store behind a storage backend), never a server's own disk.
STORAGE_DIR = Path(env_str("SEVENC_STORAGE_DIR", str(DATA_DIR / "files")))
MEDIA_ROOT = STORAGE_DIR
# Static files: hashed, compressed names (`sevenc serve` collects them first, see sevenc/cli/static.py): each
# file's URL changes with its content, so WhiteNoise serves it to be cached forever. With DEBUG the plain
# names are used and no collection is needed; the tests use the plain storage (conftest.py).
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(STORAGE_DIR)},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Also serve app static files straight from their folders (DEBUG, tests, and any file not collected yet).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# Collecting compresses every file twice (gzip, brotli at its slowest setting): keep only the hashed names
# and leave source maps (the API docs' 20 MB of them, read by nobody's browser but a developer's) as they
# are — the first collection drops from ≈ 36 s to a few seconds of CPU.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")

# The Content Security Policy of every response: sevenc's own origin only, no inline scripts or styles.
CONTENT_SECURITY_POLICY = {"DIRECTIVES": csp_policy.DIRECTIVES}

SESSION_COOKIE_SECURE = env_bool("SEVENC_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Served over HTTPS (SEVENC_SECURE_COOKIES=true): plain HTTP is redirected and browsers are told to use
# HTTPS only (HSTS, a year, subdomains, preload-ready), so `sevenc manage check --deploy` reports no issues.
SECURE_SSL_REDIRECT = env_bool("SEVENC_SSL_REDIRECT", SESSION_COOKIE_SECURE)
SECURE_HSTS_SECONDS = env_int("SEVENC_HSTS_SECONDS", 31_536_000 if SESSION_COOKIE_SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SEVENC_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SEVENC_HSTS_PRELOAD", True)
# Behind a reverse proxy that ends TLS, trust its X-Forwarded-Proto (only if the proxy sets it on every
# request and the app server is reachable through the proxy alone): otherwise every request looks like
# plain HTTP and the SSL redirect would loop.
if env_bool("SEVENC_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = False
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("SEVENC_LOG_LEVEL", "WARNING")},
}
