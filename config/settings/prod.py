"""Production: everything secret or site-specific must come from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool
from config.settings.base import *  # noqa: F403

for _required in (
    "DJANGO_SECRET_KEY",
    "DATABASE_URL",
    "ZHIGONG_ENCRYPTION_KEYS",
    "ZHIGONG_BLIND_INDEX_KEY",
    "ZHIGONG_AUDIT_KEY",
):
    if not os.environ.get(_required):
        raise ImproperlyConfigured(f"{_required} must be set in production")

DEBUG = False
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# The OpenAPI document and Swagger UI are not public in production unless the operator says
# so (``API_DOCS_PUBLIC=true``); ``manage.py export_openapi_schema`` writes the document.
API_DOCS_PUBLIC = env_bool("API_DOCS_PUBLIC", False)
# Behind HTTPS, a stray http:// address on a page is fetched over HTTPS.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],  # noqa: F405
        "upgrade-insecure-requests": True,
    }
}
