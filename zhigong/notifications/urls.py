"""The notifications app's addresses: the user's own notices (``portal:notifications:…``)."""

from django.urls import path

from zhigong.notifications import views

portal_patterns = [path("me/notices/", views.notice_list_page, name="notices")]

portal_urls = (portal_patterns, "notifications")
