"""Settings of the bare Django baseline: Django's defaults for a production site, no
middleware (as TechEmpower's Django entry), the cached template loader (Django's default
when DEBUG is off), and the platform's database connection settings."""

import os
from pathlib import Path

import dj_database_url

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = ["benchmarks.baseline"]
MIDDLEWARE: list[str] = []
ROOT_URLCONF = "benchmarks.baseline.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).resolve().parent / "templates"],
    }
]
DATABASES = {
    "default": dj_database_url.parse(
        os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True
    )
}
USE_TZ = True
USE_I18N = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
