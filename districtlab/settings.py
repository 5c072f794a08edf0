"""Project wiring. Configuration comes from the environment:

- ``DISTRICTLAB_DATA_DIR``: where the SQLite database, secret key and uploads live (default ``./var``).
- ``DATABASE_URL``: switch to PostgreSQL, e.g. ``postgres://user@127.0.0.1:5432/districtlab``.
- ``DISTRICTLAB_DEBUG``: ``1`` for Django's debug pages (never in production).
- ``DISTRICTLAB_ALLOWED_HOSTS``: comma-separated host names (default ``127.0.0.1,localhost``).
- ``DISTRICTLAB_DB_POOL_SIZE``: the most PostgreSQL connections one server process keeps (default 10).
- ``EMAIL_HOST`` (with ``EMAIL_PORT``, ``EMAIL_HOST_USER``, ``EMAIL_HOST_PASSWORD``, ``EMAIL_USE_TLS``,
  ``DEFAULT_FROM_EMAIL``): send visit summaries and invitations by SMTP; without it, mail is printed to
  the console, as in the demo.
"""
import datetime as dt
import os
import secrets
from pathlib import Path

import dj_database_url
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("DISTRICTLAB_DATA_DIR", Path.cwd() / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
DATA_DIR.chmod(0o700)  # the database, uploads and secret key: readable by their owner only (issue 12)


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
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "districtlab.core",
    "districtlab.org",
    "districtlab.inquiry",
    "districtlab.visits",
    "districtlab.practices",
    "districtlab.matching",
    "districtlab.evaluation",
    "districtlab.research",
    "districtlab.demo",
]

MIDDLEWARE = [
    "districtlab.core.requestlog.RequestLogMiddleware",  # first, so every request is timed and logged (issue 12)
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
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # a pool per process (issue 12)
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1, "max_size": int(os.environ.get("DISTRICTLAB_DB_POOL_SIZE", "10")), "timeout": 20}
else:
    # An embedded database for concurrent writers (issue 12): WAL lets readers and one writer work at once; a
    # write transaction takes its lock when it begins (IMMEDIATE) and a writer waits up to 20 s for it, never
    # failing with "database is locked" mid-transaction. The file is its owner's only, like the data directory.
    # Each server thread keeps its connection (issue 13): opening one and reading the schema again cost about 4 ms of
    # every request; reads go through a memory map of the file, shared by every process, rather than copies.
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "districtlab.sqlite3",
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=268435456;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
        }
    }
    os.close(os.open(DATABASES["default"]["NAME"], os.O_CREAT | os.O_RDONLY, 0o600))
    DATABASES["default"]["NAME"].chmod(0o600)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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
# WhiteNoise's own list, and source maps: only a browser's developer tools fetch them
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
STORAGES = {  # compressed files under hashed names once `districtlab serve` has collected them (issue 12)
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "districtlab.core.staticfiles.StaticStorage"},
}
MEDIA_ROOT = Path(os.environ.get("DISTRICTLAB_MEDIA_DIR", DATA_DIR / "media")).resolve()  # shared when several serve
# charts drawn by one server process, read by the others (districtlab.core.charts; issue 13)
DISTRICTLAB_CHART_DIR = Path(os.environ.get("DISTRICTLAB_CHART_DIR", DATA_DIR / "charts")).resolve()

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
        "knox.auth.TokenAuthentication",  # expiring, revocable tokens (issue 12); first, so a missing sign-in is a 401
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

LOGGING = {  # one JSON line per record, one record per request (districtlab.core.requestlog; issue 12)
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "districtlab.core.requestlog.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "districtlab.request": {"level": "INFO"},
        "django.request": {"level": "ERROR"},  # 4xx are in the request log at INFO; no tracebacks for 403/404
    },
}

# Visit summaries and invitations: printed to the console unless an SMTP host is configured.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "60"))  # seconds: a silent mail server fails the job, not hangs it
EMAIL_BACKEND = ("django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
                 else "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "DistrictLab <districtlab@localhost>")

# Sign-in and security (issue 12): lockout (django-axes), password rules, sessions, expiring API tokens
# (django-rest-knox), single sign-on by OpenID Connect (django-allauth). See districtlab/accounts.
from districtlab.accounts.oidc_config import oidc_providers  # noqa: E402  (reads only the environment)

# accounts first: its password pages' templates replace the admin's of the same name
INSTALLED_APPS = ["districtlab.accounts", *INSTALLED_APPS, "axes", "knox", "allauth", "allauth.account",
                  "allauth.socialaccount", "allauth.socialaccount.providers.openid_connect"]
MIDDLEWARE += ["allauth.account.middleware.AccountMiddleware", "axes.middleware.AxesMiddleware"]  # axes last
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AXES_FAILURE_LIMIT = int(os.environ.get("DISTRICTLAB_SIGN_IN_FAILURES", "5"))  # wrong passwords before a lockout
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("DISTRICTLAB_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # one account from one address; others still sign in
# The client's address behind DISTRICTLAB_PROXY_COUNT trusted proxies (README "Deploying"): read from the
# X-Forwarded-For entries those proxies appended, so a lockout is per client, not per proxy (0: REMOTE_ADDR).
DISTRICTLAB_PROXY_COUNT = max(0, int(os.environ.get("DISTRICTLAB_PROXY_COUNT", "0")))
AXES_CLIENT_IP_CALLABLE = "districtlab.accounts.lockout.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "districtlab.accounts.lockout.locked_out"
AXES_VERBOSE = False
SESSION_COOKIE_AGE = int(float(os.environ.get("DISTRICTLAB_SESSION_HOURS", "12")) * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = os.environ.get("DISTRICTLAB_SESSION_ENDS_WITH_BROWSER", "") == "1"
PASSWORD_RESET_TIMEOUT = 3 * 3600  # a reset link works for three hours
REST_KNOX = {
    "TOKEN_TTL": dt.timedelta(days=int(os.environ.get("DISTRICTLAB_API_TOKEN_DAYS", "90"))),
    "AUTH_HEADER_PREFIX": "Token",
    "TOKEN_PREFIX": "dl_",
}
ACCOUNT_ADAPTER = "districtlab.accounts.sso.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "districtlab.accounts.sso.SocialAccountAdapter"
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": oidc_providers(os.environ), "OAUTH_PKCE_ENABLED": True}}
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # matching by email is ours (districtlab.accounts.sso), never allauth's
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"  # the provider vouches for the email (only verified emails match)
ACCOUNT_EMAIL_VERIFICATION = "none"
KNOX_TOKEN_MODEL = "accounts.ApiToken"
# knox's migrations create its own token table even when the model is swapped for ours, and that unused table's
# foreign key to users would block emptying the users table (PostgreSQL refuses the truncate): skip them.
MIGRATION_MODULES = {"knox": None}

# Serving (issue 12): `districtlab serve` (gunicorn), /healthz and /readyz. Load balancers probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

# History and concurrent edits (issue 12): every change to a record people edit, with who made it
# (django-simple-history; districtlab.core.history).
INSTALLED_APPS += ["simple_history"]
MIDDLEWARE.insert(MIDDLEWARE.index("axes.middleware.AxesMiddleware"),
                  "simple_history.middleware.HistoryRequestMiddleware")

# Deployment (issue 12): HTTPS behind a proxy, a Content-Security-Policy, and what several servers share (README
# "Deploying").
if os.environ.get("DISTRICTLAB_HTTPS", "") == "1":  # a proxy terminates HTTPS and says so in X-Forwarded-Proto
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DISTRICTLAB_HSTS_SECONDS", 365 * 24 * 3600))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("DISTRICTLAB_CSRF_TRUSTED_ORIGINS", "").split(",") if o]
if os.environ.get("REDIS_URL"):  # sessions stay in the database, and every server reads them from the shared cache
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# No inline script, event handler or style anywhere (charts are SVG attributes: districtlab.core.charts); no
# form-action, so single sign-on may redirect to the district's provider.
INSTALLED_APPS += ["csp"]
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "csp.middleware.CSPMiddleware")
CONTENT_SECURITY_POLICY = {"DIRECTIVES": {
    "default-src": ["'self'"], "script-src": ["'self'"], "style-src": ["'self'"], "img-src": ["'self'", "data:"],
    "object-src": ["'none'"], "base-uri": ["'self'"], "frame-ancestors": ["'none'"],
}}

# Background work (issue 12): Django's tasks API (the django-tasks backport) on the database queue, run by
# `districtlab worker`; with REDIS_URL, on Redis (RQ) instead, and Redis is the cache too. See districtlab/jobs.
REDIS_URL = os.environ.get("REDIS_URL", "")
DISTRICTLAB_TASK_QUEUE = os.environ.get("DISTRICTLAB_TASK_QUEUE", "default")
DISTRICTLAB_TASK_ATTEMPTS = int(os.environ.get("DISTRICTLAB_TASK_ATTEMPTS", "3"))  # tries before a job fails
DISTRICTLAB_TASK_RETRY_SECONDS = float(os.environ.get("DISTRICTLAB_TASK_RETRY_SECONDS", "30"))  # doubled each time
DISTRICTLAB_EXPORT_BACKGROUND_ROWS = int(os.environ.get("DISTRICTLAB_EXPORT_BACKGROUND_ROWS", "5000"))
# finished jobs (and their downloads) are forgotten after this many days
DISTRICTLAB_JOBS_KEEP_DAYS = float(os.environ.get("DISTRICTLAB_JOBS_KEEP_DAYS", "30"))
DISTRICTLAB_ANALYTICS_MAX_AGE = int(os.environ.get("DISTRICTLAB_ANALYTICS_MAX_AGE", "300"))  # seconds
INSTALLED_APPS += ["districtlab.jobs", "django_tasks", "django_tasks_db", "django_rq"]
RQ_QUEUES = {name: {"URL": REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 900}
             for name in {"default", DISTRICTLAB_TASK_QUEUE}}  # django-tasks-rq reads results through "default"
TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend" if REDIS_URL else "django_tasks_db.DatabaseBackend",
                     "QUEUES": [DISTRICTLAB_TASK_QUEUE]}}
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                          "KEY_PREFIX": "districtlab"}}
