"""The audit app's staff pages (``staff:audit:…``), mounted by ``config/urls.py``."""

from django.urls import path

from zhigong.audit import views

staff_patterns = [path("audit/", views.audit_page, name="events")]

staff_urls = (staff_patterns, "audit")
