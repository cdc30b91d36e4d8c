"""Django settings. Everything an operator may change comes from ``RATHAUSNETZ_*`` variables.

See ``docs/konfiguration.md``. The embedded default (no variables set) is SQLite in WAL mode plus
local files under ``./data``; ``RATHAUSNETZ_DATABASE_URL`` switches to PostgreSQL.
"""

from __future__ import annotations

import os
from pathlib import Path

from rathausnetz.env import (
    env_bool,
    env_choice,
    env_database_url,
    env_int,
    env_list,
    env_path,
    env_str,
    read_or_create_secret,
)

PACKAGE_DIR = Path(__file__).resolve().parent

DATA_DIR = env_path("RATHAUSNETZ_DATA_DIR", Path.cwd() / "data")

DEBUG = env_bool("RATHAUSNETZ_DEBUG", False)
SECRET_KEY = env_str("RATHAUSNETZ_SECRET_KEY") or read_or_create_secret(DATA_DIR / "secret_key")
ALLOWED_HOSTS = env_list("RATHAUSNETZ_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("RATHAUSNETZ_CSRF_TRUSTED_ORIGINS", [])

HOST = env_str("RATHAUSNETZ_HOST", "127.0.0.1")
PORT = env_int("RATHAUSNETZ_PORT", 8000, minimum=1, maximum=65535)
#: threads per web process; 1 means plain processes, which answer CPU-bound pages fastest
SERVER_THREADS = env_int("RATHAUSNETZ_THREADS", 1, minimum=1, maximum=64)
EMBEDDED_WORKER = env_bool("RATHAUSNETZ_EMBEDDED_WORKER", True)
#: address of the reverse proxy whose X-Forwarded-For/-Proto headers are trusted
TRUSTED_PROXY = env_str("RATHAUSNETZ_TRUSTED_PROXY")

# Behind a TLS-terminating reverse proxy: secure cookies, HSTS and trust of X-Forwarded-Proto.
HTTPS = env_bool("RATHAUSNETZ_HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_SSL_REDIRECT = env_bool("RATHAUSNETZ_SSL_REDIRECT", True)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("RATHAUSNETZ_SESSION_MINUTES", 480, minimum=5) * 60
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

INSTALLED_APPS = [
    # Our apps first: their templates (e.g. registration/*) take precedence over the admin's.
    "rathausnetz.web",
    "rathausnetz.kommunen",
    "rathausnetz.zugang",
    "rathausnetz.protokoll",
    "rathausnetz.akten",
    "rathausnetz.suche",
    "rathausnetz.eingang",
    "rathausnetz.geschaeftsgang",
    "rathausnetz.austausch",
    "rathausnetz.ikz",
    "rathausnetz.netzwerk",
    "rathausnetz.veranstaltungen",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "ninja",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "rathausnetz.web.middleware.SecurityHeadersMiddleware",
    "rathausnetz.web.middleware.ApiMethodeMiddleware",
    "rathausnetz.web.middleware.NulZeichenMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "rathausnetz.zugang.middleware.ZugriffMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rathausnetz.urls"
WSGI_APPLICATION = "rathausnetz.wsgi.application"

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
                "rathausnetz.zugang.context_processors.zugriff",
                "rathausnetz.web.context_processors.allgemein",
                "rathausnetz.geschaeftsgang.context_processors.aufgaben",
            ],
        },
    },
]

_postgres = env_database_url("RATHAUSNETZ_DATABASE_URL")
if _postgres:
    DATABASES = {"default": _postgres}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "rathausnetz.sqlite3",
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so two writers queue up instead of one
                # failing with "database is locked" when it upgrades a read lock.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA cache_size=-20000;"
                ),
            },
            # Tests use a file too (not shared-cache memory), so that concurrency behaves as in
            # production: WAL, separate connections, IMMEDIATE transactions.
            "TEST": {"NAME": str(DATA_DIR / "test.sqlite3")},
        }
    }

# Each web process keeps its connection instead of opening one per request: opening a SQLite
# file and setting its pragmas cost more than a cached page. A broken connection is noticed before
# the next request uses it.
DATABASES["default"]["CONN_MAX_AGE"] = 600
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

#: web processes of `rathausnetz serve`. PostgreSQL: gunicorn's rule of thumb, two per core plus
#: one, since processes often wait for the database server. SQLite has one write lock and no
#: waiting on a network: one per core plus one keeps the cores busy, and fewer writers wait for
#: the lock (50 concurrent registrations on 2 cores, six runs each: p95 alike, the slowest
#: registration 108–181 ms with 3 processes, 194–358 ms with 5; bench/README.md).
_kerne = os.cpu_count() or 1
WEB_PROCESSES = env_int(
    "RATHAUSNETZ_WEB_PROCESSES",
    min(2 * _kerne + 1 if _postgres else _kerne + 1, 9),
    minimum=1,
    maximum=64,
)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_USER_MODEL = "zugang.Benutzer"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
#: registrations are anonymised this many days after their event (data minimisation)
ANMELDUNGEN_AUFBEWAHREN_TAGE = env_int(
    "RATHAUSNETZ_ANMELDUNGEN_AUFBEWAHREN_TAGE", 90, minimum=0, maximum=3650
)
#: largest upload accepted, in MB
UPLOAD_MAX_MB = env_int("RATHAUSNETZ_UPLOAD_MAX_MB", 100, minimum=1, maximum=10_000)
#: the Posteingang refuses documents with more pages or larger images (protects the worker)
EINGANG_MAX_SEITEN = env_int("RATHAUSNETZ_EINGANG_MAX_SEITEN", 2000, minimum=1, maximum=100_000)
EINGANG_MAX_PIXEL = env_int("RATHAUSNETZ_EINGANG_MAX_MEGAPIXEL", 150, minimum=1, maximum=2000) * 1_000_000
#: consume folder: one subfolder per organisation (its AGS or id); empty = no watching
EINGANG_ORDNER = env_path("RATHAUSNETZ_EINGANG_ORDNER", DATA_DIR / "eingang")
#: folder with the official XDOMEA 3.1.0 schemas (xdomea.xsd, or 3.1.0/xdomea.xsd below it);
#: without it Rathausnetz neither writes nor reads XDOMEA messages (docs/austausch.md)
XDOMEA_SCHEMA_DIR = env_str("RATHAUSNETZ_XDOMEA_SCHEMA_DIR")
# Uploads are streamed to a temporary file, never held in memory as a whole.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 200

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:start"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 3 * 3600

# Brute force: lock a user name + address pair after repeated failures (django-axes).
AXES_FAILURE_LIMIT = env_int("RATHAUSNETZ_LOGIN_MAX_FAILURES", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("RATHAUSNETZ_LOGIN_LOCK_MINUTES", 15, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/gesperrt.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Client address for the lockout: behind a trusted reverse proxy the last X-Forwarded-For hop,
# otherwise the connection's address.
if TRUSTED_PROXY:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    AXES_IPWARE_PROXY_COUNT = 1
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

EMAIL_HOST = env_str("RATHAUSNETZ_SMTP_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("RATHAUSNETZ_SMTP_PORT", 587, minimum=1, maximum=65535)
    EMAIL_HOST_USER = env_str("RATHAUSNETZ_SMTP_USER")
    EMAIL_HOST_PASSWORD = env_str("RATHAUSNETZ_SMTP_PASSWORD")
    EMAIL_USE_TLS = env_bool("RATHAUSNETZ_SMTP_STARTTLS", True)
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("RATHAUSNETZ_EMAIL_FROM", "Rathausnetz <rathausnetz@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
LOCALE_PATHS = [PACKAGE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"  # only for operators who run collectstatic for a proxy
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": DATA_DIR / "dateien"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files are few and small: WhiteNoise serves them straight from the apps, no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOG_LEVEL = env_choice("RATHAUSNETZ_LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# The API answers errors as JSON; these pages are German HTML.
NINJA_PAGINATION_MAX_LIMIT = 1000
CSRF_FAILURE_VIEW = "rathausnetz.web.views.csrf_fehler"
BASE_URL = env_str("RATHAUSNETZ_BASE_URL", f"http://{HOST}:{PORT}").rstrip("/")
