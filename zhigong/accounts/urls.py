"""The accounts app's addresses: login and second factor under ``/accounts/``
(``accounts:…``), and its staff pages, the workbench home and the role pages
(``staff:accounts:…``), mounted by ``config/urls.py``."""

from django.contrib.auth import views as auth_views
from django.urls import path

from zhigong.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("mfa/", views.mfa, name="mfa"),
    path("landing/", views.landing, name="landing"),
]

staff_patterns = [
    path("", views.staff_home, name="home"),
    path("unions/<str:code>/roles/", views.union_roles_page, name="union_roles"),
    path("roles/<int:pk>/revoke/", views.role_revoke_page, name="role_revoke"),
]

staff_urls = (staff_patterns, "accounts")
