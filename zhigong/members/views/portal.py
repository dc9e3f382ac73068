"""The member's own pages at /me/."""

from django.urls import URLPattern

portal_urlpatterns: list[URLPattern] = []
