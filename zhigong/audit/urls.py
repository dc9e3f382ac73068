"""The audit app's staff pages (``staff:audit:…``), mounted by ``config/urls.py``."""

from django.urls import path

from zhigong.audit import views

staff_patterns = [
    path("audit/", views.audit_page, name="events"),
    path("audit/access/", views.access_log_page, name="access_log"),
    path("audit/access.xlsx", views.access_log_xlsx_page, name="access_log_xlsx"),
]

staff_urls = (staff_patterns, "audit")
