"""Settings, driven by the environment with safe offline defaults.

Environment: ``DATABASE_URL`` (default SQLite under ``var/``), ``SECRET_KEY`` (default: generated
once and kept in ``var/secret_key``), ``DEBUG``, ``ALLOWED_HOSTS``, ``LAWSTATION_PROFILE``
(``production``, the default, or ``local`` for plain HTTP on loopback), ``SESSION_IDLE_MINUTES``,
``SESSION_ABSOLUTE_HOURS``, ``FIELD_ENCRYPTION_KEY`` (+ ``_FALLBACKS``), ``FIELD_HASH_KEY``,
``STATS_PSEUDONYM_KEY`` and the ``STATS_*`` settings of the statistics (near the end).
"""

import os
import secrets
import tempfile
from datetime import date, timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("LAWSTATION_VAR_DIR", BASE_DIR / "var"))


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


PROFILE = os.environ.get("LAWSTATION_PROFILE", "production")
LOCAL = PROFILE == "local"

SECRET_KEY = _secret_key()
# Old keys still accepted for existing sessions while a new SECRET_KEY is rolled out.
SECRET_KEY_FALLBACKS = _env_list("SECRET_KEY_FALLBACKS", "")


def _field_key(name: str, size: int) -> str:
    """Identifier protection keys (cases/crypto.py): from the environment (hex or base64); in the
    local profile generated once into var/ (mode 0600); in production never generated (the
    deployment check cases.E001 fails instead)."""
    if key := os.environ.get(name):
        return key
    path = VAR_DIR / name.lower()
    if LOCAL and not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        descriptor, scratch = tempfile.mkstemp(dir=VAR_DIR)  # created with mode 0600
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(size))
        try:
            os.link(scratch, path)  # atomic: a concurrent first run keeps one key
        except FileExistsError:
            pass
        finally:
            os.unlink(scratch)
    return path.read_text().strip() if LOCAL else ""


FIELD_ENCRYPTION_KEY = _field_key("FIELD_ENCRYPTION_KEY", 16)
FIELD_ENCRYPTION_KEY_FALLBACKS = _env_list("FIELD_ENCRYPTION_KEY_FALLBACKS", "")
FIELD_HASH_KEY = _field_key("FIELD_HASH_KEY", 32)
DEBUG = _env_bool("DEBUG", False)
ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if LOCAL else "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "csp",
    "axes",
    "regions",
    "accounts",
    "audit",
    "reports",
    "people",
    "workstations",
    "cases",
    "outbox",
    "portal",
    "compliance",
    "stats",
]

MIDDLEWARE = [
    "lawstation.proxy.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "lawstation.middleware.RequestContextMiddleware",
    "lawstation.middleware.RejectNullBytesMiddleware",
    "lawstation.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionLifetimeMiddleware",
    "regions.middleware.ScopeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lawstation.urls"
WSGI_APPLICATION = "lawstation.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lawstation.context_processors.scope",
                "lawstation.context_processors.display",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite (WAL) under var/ by default; PostgreSQL when DATABASE_URL names it.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 10,
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
        "PRAGMA secure_delete=ON; PRAGMA foreign_keys=ON;"
    ),
}


def _database() -> dict:
    url = os.environ.get("DATABASE_URL")
    if not url:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "lawstation.sqlite3",
            "OPTIONS": dict(SQLITE_OPTIONS),
        }
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = dict(SQLITE_OPTIONS)
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and sessions ------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        # Our users have a full_name, not Django's first_name/last_name.
        "OPTIONS": {"user_attributes": ("username", "full_name", "email")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.passwords.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
]

# Idle timeout: the cookie and the server-side session expire after this much inactivity.
SESSION_IDLE_SECONDS = int(os.environ.get("SESSION_IDLE_MINUTES", "30")) * 60
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Absolute lifetime: a session ends this long after login, however active.
SESSION_ABSOLUTE_SECONDS = int(os.environ.get("SESSION_ABSOLUTE_HOURS", "8")) * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_ENGINE = "lawstation.sessions"
SESSION_COOKIE_SAMESITE = "Lax"

# Lockout (django-axes): 5 failures for one username from one address lock that pair.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.lockout_response"
AXES_VERBOSE = False
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Limits ---------------------------------------------------------------------------------
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
# Case documents (cases/storage.py): outside the static and media paths, under random names. A
# file may be 20 MB (cases/filetypes.py); bigger uploads stream to a temporary file, never memory.
DOCUMENT_ROOT = Path(os.environ.get("LAWSTATION_DOCUMENT_ROOT", VAR_DIR / "documents"))

# --- Security headers -----------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "lawstation.views.csrf_failure"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

if LOCAL:
    # Plain HTTP on loopback for `make run`; never a deployment profile.
    SESSION_COOKIE_SECURE = False
    CSRF_COOKIE_SECURE = False
    SECURE_SSL_REDIRECT = False
else:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Behind a TLS-terminating proxy that sets this header (see docs/deploy.md).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS", "")

# Reverse proxies whose X-Real-IP header names the client (addresses or networks, comma-separated).
TRUSTED_PROXIES = _env_list("TRUSTED_PROXIES", "")

# --- Caches ---------------------------------------------------------------------------------
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if redis_url := os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    }

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Reports --------------------------------------------------------------------------------
# A PDF of more rows takes too long to lay out; such exports are offered as XLSX or CSV instead.
REPORT_PDF_MAX_ROWS = int(os.environ.get("REPORT_PDF_MAX_ROWS", "2000"))
REPORT_PDF_FONT_FAMILY = os.environ.get(
    "REPORT_PDF_FONT_FAMILY", '"Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Zen Hei", sans-serif'
)

LAWSTATION_NAME = _("Legal assistance workstations")

# The date by which every level must have a coordination group and a workstation (the notice:
# "before the end of the year", 2020-12-31). The coverage view measures against it.
COVERAGE_TARGET_DATE = date.fromisoformat(os.environ.get("COVERAGE_TARGET_DATE", "2020-12-31"))

# The public portal's address, printed on notice-board posters (``/stations/<code>/``).
PUBLIC_BASE_URL = os.environ.get("LAWSTATION_PUBLIC_BASE_URL", "http://127.0.0.1:8000")

# Outgoing SMS and e-mail (outbox/): the sender by dotted path, and where the development file
# sender writes. Production plugs its SMS gateway or SMTP sender in here (docs/deploy.md).
OUTBOX_BACKEND = os.environ.get("LAWSTATION_OUTBOX_BACKEND", "outbox.backends.FileBackend")
OUTBOX_DIR = Path(os.environ.get("LAWSTATION_OUTBOX_DIR", str(VAR_DIR / "outbox")))

# --- Public portal (issue 5) ----------------------------------------------------------------
# Rate limits on the public endpoints: (hits, window in seconds) per client address, counted in
# the database (portal.RateCounter) so every server process shares them.
# LAWSTATION_PORTAL_RATE_LIMIT_FACTOR multiplies every limit (the browser tests' server, where
# every test comes from one address, sets it; a deployment behind one NAT may too).
_RATE_FACTOR = max(1, int(os.environ.get("LAWSTATION_PORTAL_RATE_LIMIT_FACTOR", "1")))
PORTAL_RATE_LIMITS = {
    bucket: (hits * _RATE_FACTOR, seconds)
    for bucket, (hits, seconds) in {
        "status": (10, 60),
        "status_reference": (10, 3600),
        "help": (5, 600),
        "help_daily": (20, 86400),
    }.items()
}
# Version of the plain-language notice on processing disability information (PIPL Art. 29)
# shown beside the consent box; stored with each request's consent.
PORTAL_CONSENT_NOTICE_VERSION = "2026-12"
PORTAL_MATTER_MAX_LENGTH = 5000

# --- Compliance (issue 6) -------------------------------------------------------------------
# Premises evidence counts when checked within this many months before the period's end.
COMPLIANCE_PREMISES_EVIDENCE_MONTHS = int(
    os.environ.get("COMPLIANCE_PREMISES_EVIDENCE_MONTHS", "12")
)
# A case counts as registered on time within this many days of its intake.
COMPLIANCE_REGISTRATION_DAYS = int(os.environ.get("COMPLIANCE_REGISTRATION_DAYS", "7"))

# Statistics (issue 7). Small-cell suppression in exported statistics: a count about persons
# from 1 to STATS_SMALL_CELL_THRESHOLD - 1 in an area of one of these levels (3 = county) shows
# as "<5" (stats/suppression.py). Set the threshold to 0 to switch suppression off.
STATS_SMALL_CELL_THRESHOLD = int(os.environ.get("STATS_SMALL_CELL_THRESHOLD", "5"))
STATS_SMALL_CELL_LEVELS = [
    int(level) for level in os.environ.get("STATS_SMALL_CELL_LEVELS", "3").split(",") if level
]


def _stats_pseudonym_key() -> str:
    """The key of the case pseudonyms in the de-identified case export
    (reports/exporters/deidentified.py), kept apart from SECRET_KEY: rotating SECRET_KEY leaves
    the pseudonyms alone, and a leaked SECRET_KEY cannot map them back to case ids. From the
    environment (at least 32 characters); the local and test profiles derive one from SECRET_KEY;
    production never does (empty: the export refuses to run, ImproperlyConfigured)."""
    if key := os.environ.get("STATS_PSEUDONYM_KEY"):
        return key
    if not LOCAL:
        return ""
    import hashlib
    import hmac

    label = b"lawstation.stats.pseudonym-key"
    return hmac.new(SECRET_KEY.encode(), label, hashlib.sha256).hexdigest()


STATS_PSEUDONYM_KEY = _stats_pseudonym_key()
# Days after the end of a period by which a county's report is due; each level above gets
# STATS_DUE_DAYS_PER_LEVEL more (stats/deadlines.py).
STATS_DUE_DAYS = {"month": 5, "quarter": 10, "year": 20}
STATS_DUE_DAYS_PER_LEVEL = int(os.environ.get("STATS_DUE_DAYS_PER_LEVEL", "5"))
