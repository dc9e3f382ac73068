"""Staff pages: see zhigong/members/views/__init__.py."""

from django.urls import URLPattern

staff_urlpatterns: list[URLPattern] = []
