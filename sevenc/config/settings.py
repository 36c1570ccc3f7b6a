"""sevenc settings: every value comes from an environment variable with a safe development default."""

from pathlib import Path

import dj_database_url

from sevenc.lib.env import env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("SEVENC_DATA_DIR", str(BASE_DIR.parent / "data")))

DEBUG = env_bool("SEVENC_DEBUG", False)
SECRET_KEY = env_secret("SEVENC_SECRET_KEY", "dev-only-insecure-key-change-me-in-production")
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
    "sevenc.tenancy",
    "sevenc.catalogue",
    "sevenc.clients",
    "sevenc.assessments",
    "sevenc.web",
    "sevenc.reports",
    "sevenc.goals",
    "sevenc.roadmap",
    # later domains add themselves here: goals, roadmap, reports …
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
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
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve app static files straight from their folders, so `sevenc serve` works without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_SECURE = env_bool("SEVENC_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("SEVENC_LOG_LEVEL", "WARNING")},
}
