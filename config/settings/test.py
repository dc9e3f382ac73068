"""Tests: fixed keys, fast hashing, jobs run inline."""

from config.settings.base import *  # noqa: F403
from config.settings.base import FRAGMENTS_CACHE, HUEY

SECRET_KEY = "test-secret-key-not-for-production-0123456789abcdef"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ZHIGONG_ENCRYPTION_KEYS = (
    "t2:dGVzdC1rZXktdHdvLTAxMjM0NTY3ODlhYmNkZWYwMXg=,"
    "t1:dGVzdC1rZXktb25lLTAxMjM0NTY3ODlhYmNkZWYwMXg="
)
ZHIGONG_BLIND_INDEX_KEY = "test-blind-index-key"
ZHIGONG_AUDIT_KEY = "test-audit-chain-key"
HUEY = {**HUEY, "immediate": True}
LOGGING = {"version": 1, "disable_existing_loggers": False}
API_DOCS_PUBLIC = True
SMS_BACKEND = "zhigong.notifications.backends.MemorySmsBackend"
# The embedded default whatever the environment says (a REDIS_URL of the machine's).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "fragments": FRAGMENTS_CACHE,
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
