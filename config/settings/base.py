"""Settings shared by every environment. Environment reads go through ``config.env``."""

from __future__ import annotations

from typing import Any

import dj_database_url
import django_stubs_ext
from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, VAR_DIR, env_bool, env_int, env_list, env_str, local_secret

# Django's generic classes (``ModelAdmin[Member]``…) subscriptable at run time, for typing.
django_stubs_ext.monkeypatch()

SECRET_KEY = local_secret("DJANGO_SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # serves Swagger UI from its own static files, not from a CDN
    "csp",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # one-time recovery codes for the second factor
    "huey.contrib.djhuey",
    "treebeard",
    "zhigong.core",
    "zhigong.accounts",
    "zhigong.unions",
    "zhigong.members",
    "zhigong.cases",
    "zhigong.volunteers",
    "zhigong.hardship",
    "zhigong.matchmaking",
    "zhigong.events",
    "zhigong.centres",
    "zhigong.surveys",
    "zhigong.appeals",
    "zhigong.notifications",
    "zhigong.audit",
    "zhigong.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "zhigong.core.middleware.SecurityHeadersMiddleware",
    "zhigong.core.middleware.RefuseNulMiddleware",
    "zhigong.core.middleware.SessionIdleTimeoutMiddleware",
    "zhigong.core.middleware.DomainErrorMiddleware",
    "zhigong.accounts.middleware.StaffMfaMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "zhigong" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    {
        # The shared layout's parts and the hottest pages (zhigong/core/jinja.py, docs/ui.md)
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "zhigong" / "jinja2"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "zhigong.core.jinja.environment",
            "extensions": ["jinja2.ext.i18n"],
        },
    },
]

# --- database: SQLite under var/ unless DATABASE_URL names another -------------------------
VAR_DIR.mkdir(parents=True, exist_ok=True)
_default_db = f"sqlite:///{VAR_DIR / 'zhigong.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", _default_db),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while a job writes; the pragmas are set on connect.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
            " PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- accounts and login safety ------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# The lock-out goes around the identifier backends (zhigong/accounts/lockout.py): its gate
# first refuses a login naming a locked account, its counter last counts a failure against
# every account the login names. Every channel (login page, API token, admin) passes here.
AUTHENTICATION_BACKENDS = [
    "zhigong.accounts.lockout.LockoutGate",
    "zhigong.accounts.backends.UsernameOrPhoneBackend",
    "zhigong.members.auth.MemberLoginBackend",
    "zhigong.accounts.lockout.LockoutCounter",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:landing"
LOGOUT_REDIRECT_URL = "portal:home"

# LOGIN_FAILURE_LIMIT failures within LOGIN_LOCK_MINUTES lock the account for as long. The
# lock-out is per account, as the requirement says; locking by address too would lock out a
# whole union office behind one NAT after a few typos.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCK_MINUTES = env_int("LOGIN_LOCK_MINUTES", 15)

# Self-registration and password reset by a code sent by SMS (docs/accounts.md). Every
# accepted request sends one text; the limits count per mobile number (both purposes
# together) and per client address, and hold whether or not the number has an account.
SMS_CODE_DIGITS = 6
SMS_CODE_MINUTES = env_int("SMS_CODE_MINUTES", 10)  # a code expires this long after it is sent
SMS_CODE_MAX_TRIES = env_int("SMS_CODE_MAX_TRIES", 5)  # wrong tries that spend a code
SMS_CODE_RESEND_SECONDS = env_int("SMS_CODE_RESEND_SECONDS", 60)  # per number
SMS_CODES_PER_NUMBER_HOUR = env_int("SMS_CODES_PER_NUMBER_HOUR", 5)
SMS_CODES_PER_NUMBER_DAY = env_int("SMS_CODES_PER_NUMBER_DAY", 10)
# Per client address: a union office or a factory dormitory behind one NAT shares it.
SMS_CODES_PER_ADDRESS_HOUR = env_int("SMS_CODES_PER_ADDRESS_HOUR", 20)
# The request header holding the client's address when a reverse proxy stands in front (it
# must overwrite what the client sent, e.g. nginx ``proxy_set_header X-Real-IP
# $remote_addr`` and ``CLIENT_ADDRESS_HEADER=HTTP_X_REAL_IP``); empty: REMOTE_ADDR.
CLIENT_ADDRESS_HEADER = env_str("CLIENT_ADDRESS_HEADER", "")

# When set, every role holding a permission of unions.roles.SECOND_FACTOR_PERMS (revealing or
# exporting full personal data, granting roles, reading the audit log) uses a second factor
# (django-otp TOTP, with recovery codes) on the pages and on the API: the policy withholds
# those permissions from a session or token that has not passed it.
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", False)
OTP_TOTP_ISSUER = "职工服务平台"
# Operators in /admin/ never see an authenticator's secret or QR code.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# The OpenAPI document (/api/v1/openapi.json) and Swagger UI (/api/v1/docs): public only
# when this is on (development and tests); production turns it off unless told otherwise.
API_DOCS_PUBLIC = env_bool("API_DOCS_PUBLIC", False)
# How long an Idempotency-Key's answer is replayed (core.idempotency).
IDEMPOTENCY_KEY_HOURS = 24
# Bearer tokens for the API: lifetime in days.
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 30)
# The function that turns a bearer key into its user (core's API authentication calls it).
API_TOKEN_RESOLVER = "zhigong.accounts.services.api_token_user"
# The QR code on a member card is valid this long; a screenshot soon stops working.
CARD_TOKEN_SECONDS = env_int("CARD_TOKEN_SECONDS", 300)
# A membership transfer nobody decides within this many days lapses (a nightly job).
TRANSFER_EXPIRY_DAYS = env_int("TRANSFER_EXPIRY_DAYS", 30)
# A running roster import that shows no progress for this long has lost its worker.
IMPORT_STALLED_MINUTES = env_int("IMPORT_STALLED_MINUTES", 15)
# A queued job that no worker has picked up after this long says so on its page.
JOB_UNCLAIMED_SECONDS = env_int("JOB_UNCLAIMED_SECONDS", 60)
# Retention (docs/operations.md): error reports of imports (masked values) are kept this many
# days; a member who left keeps their record, but their phone is erased this many days after
# they left (0: kept). Audit events and the access log are never purged.
RETENTION_IMPORT_REPORT_DAYS = env_int("RETENTION_IMPORT_REPORT_DAYS", 30)
RETENTION_LEFT_MEMBER_CONTACT_DAYS = env_int("RETENTION_LEFT_MEMBER_CONTACT_DAYS", 3 * 365)

# --- notices outside the site (zhigong/notifications/backends.py) ---------------------------
# Where text messages go: the embedded default writes them (codes included) to the server's
# output when DEBUG is on, and withholds the text otherwise; a gateway is one class and this
# setting. Tests use MemorySmsBackend.
SMS_BACKEND = env_str("SMS_BACKEND", "zhigong.notifications.backends.ConsoleSmsBackend")

# --- personal information: key ring for AES-GCM and the blind index -----------------------
# ZHIGONG_ENCRYPTION_KEYS: "id:base64key,id:base64key" (the first encrypts; all decrypt).
ZHIGONG_ENCRYPTION_KEYS = env_str("ZHIGONG_ENCRYPTION_KEYS") or (
    "k1:" + local_secret("ZHIGONG_ENCRYPTION_KEY_K1")
)
ZHIGONG_BLIND_INDEX_KEY = local_secret("ZHIGONG_BLIND_INDEX_KEY")
# The key of the audit chains' HMAC (core.audit). It is not in the database, so whoever can
# write there cannot recompute the chain after an edit; keep it with the encryption keys.
ZHIGONG_AUDIT_KEY = local_secret("ZHIGONG_AUDIT_KEY")

# --- language, time -----------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
# Our catalogue first; then our wording of Django's own messages ("This field is required."
# is "此项必填。", not "这个字段是必填项。"), kept by hand: see docs/ui.md.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "django"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- static files -------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "zhigong" / "static"]
MEDIA_ROOT = VAR_DIR / "private"  # private uploads: served only through permission checks

# --- background jobs, caches and sessions -------------------------------------------------
# Fragments drawn once per process and language (the portal home's sections that show the
# same to every visitor, ``core.home.HomeSection.fixed``): labels and links, never anything
# about a person; each process keeps its own.
FRAGMENTS_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "TIMEOUT": None,
}
_redis_url = env_str("REDIS_URL")
if _redis_url:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": "zhigong",
        "url": _redis_url,
        "immediate": False,
    }
    # With Redis, sessions are read from it and written through to the database
    # (``cached_db``): a request reads no session row, and a restart of Redis logs nobody out.
    # Sessions still end by the password hash (Django's check), the idle and absolute limits
    # (core.middleware) and logout; nothing enumerates session rows.
    CACHES = {
        "default": {
            "BACKEND": "zhigong.core.cache.RedisCache",
            "LOCATION": _redis_url,
            "KEY_PREFIX": "zhigong",
        },
        "fragments": FRAGMENTS_CACHE,
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # The embedded default: sessions in the database, Django's per-process memory cache.
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "zhigong",
        "filename": str(VAR_DIR / "huey.sqlite3"),
        "immediate": False,
    }
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "fragments": FRAGMENTS_CACHE,
    }

# --- security headers ---------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8  # the absolute limit of a session
# A session ends after this long without a request (core.middleware.SessionIdleTimeoutMiddleware).
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): scripts only from our own static files (htmx from
# django-htmx; no inline script, no eval: htmx's ``hx-on`` and inline handlers are not used,
# see static/zhigong/site.js). Styles also allow inline: pygal's server-side SVG charts carry
# their own <style>, and Swagger UI sets style attributes; a style cannot run code.
CONTENT_SECURITY_POLICY: dict[str, dict[str, Any]] = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Permissions-Policy (core.middleware.SecurityHeadersMiddleware): features no page uses.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
