"""Project wiring. Configuration comes from the environment:

- ``DISTRICTLAB_DATA_DIR``: where the SQLite database, secret key and uploads live (default ``./var``).
- ``DATABASE_URL``: switch to PostgreSQL, e.g. ``postgres://user@127.0.0.1:5432/districtlab``.
- ``DISTRICTLAB_DEBUG``: ``1`` for Django's debug pages (never in production).
- ``DISTRICTLAB_ALLOWED_HOSTS``: comma-separated host names (default ``127.0.0.1,localhost``).
- ``EMAIL_HOST`` (with ``EMAIL_PORT``, ``EMAIL_HOST_USER``, ``EMAIL_HOST_PASSWORD``, ``EMAIL_USE_TLS``,
  ``DEFAULT_FROM_EMAIL``): send visit summaries and invitations by SMTP; without it, mail is printed to
  the console, as in the demo.
"""
import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("DISTRICTLAB_DATA_DIR", Path.cwd() / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    if key := os.environ.get("DISTRICTLAB_SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("DISTRICTLAB_DEBUG", "") == "1"
ALLOWED_HOSTS = os.environ.get("DISTRICTLAB_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "districtlab.core",
    "districtlab.org",
    "districtlab.inquiry",
    "districtlab.visits",
    "districtlab.practices",
    "districtlab.demo",
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

ROOT_URLCONF = "districtlab.urls"
WSGI_APPLICATION = "districtlab.wsgi.application"

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
                "districtlab.core.context_processors.navigation",
            ],
        },
    },
]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "districtlab.sqlite3",
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("DISTRICTLAB_TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "media"

# Spreadsheet uploads: refuse anything larger before reading it.
DISTRICTLAB_MAX_IMPORT_BYTES = int(os.environ.get("DISTRICTLAB_MAX_IMPORT_BYTES", 5 * 1024 * 1024))
# An Excel file is a zip: refuse one that unpacks to more than this, before unpacking it.
DISTRICTLAB_MAX_IMPORT_UNPACKED_BYTES = int(os.environ.get("DISTRICTLAB_MAX_IMPORT_UNPACKED_BYTES", 50 * 1024 * 1024))
DISTRICTLAB_MAX_IMPORT_ROWS = int(os.environ.get("DISTRICTLAB_MAX_IMPORT_ROWS", 100_000))  # data rows in one file
# A form's text fields: room for pasted data up to the import limit even after the browser sends each line end
# as CR LF (up to twice the size), so the page can answer with a message and the text kept, never a bare 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * DISTRICTLAB_MAX_IMPORT_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = DISTRICTLAB_MAX_IMPORT_BYTES + 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",  # first, so a missing sign-in is a 401
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["districtlab.api.permissions.PolicyPermission"],
    "DEFAULT_FILTER_BACKENDS": [
        "districtlab.api.filters.ScopedFilterBackend",  # choices from the viewer's scope (no existence oracle)
        "districtlab.api.search.SearchFilter",
        "districtlab.api.ordering.ViewerOrderingFilter",  # only by what the viewer sees
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "districtlab.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "districtlab.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "DistrictLab API",
    "DESCRIPTION": "Districts, schools, people, teams and networks of a district's learning system.",
    "VERSION": "0.1.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "COMPONENT_SPLIT_REQUEST": True,
    # choice sets shared by two records get one name (else drf-spectacular invents "Kind1d4Enum")
    "ENUM_NAME_OVERRIDES": {
        "MeetingKindEnum": "districtlab.visits.models.Meeting.Kind",
        "EvidenceKindEnum": "districtlab.inquiry.models.Evidence.Kind",
        "NetworkKindEnum": "districtlab.org.models.Network.Kind",  # a network's kind, and a designation rule's host_of
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Visit summaries and invitations: printed to the console unless an SMTP host is configured.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
EMAIL_BACKEND = ("django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
                 else "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "DistrictLab <districtlab@localhost>")
