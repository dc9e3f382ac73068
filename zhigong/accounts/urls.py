"""The accounts app's addresses: login, registering with a mobile number, second factor,
password (its change, and a forgotten one) and the user's own API tokens under
``/accounts/`` (``accounts:…``), and its staff pages, the workbench home, the
role pages and a user's tokens for their administrators (``staff:accounts:…``), mounted by
``config/urls.py``."""

from django.contrib.auth import views as auth_views
from django.urls import path

from zhigong.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("mfa/", views.mfa, name="mfa"),
    path("mfa/recovery/", views.recovery_codes_page, name="recovery_codes"),
    path("password/", views.password_change_page, name="password_change"),
    path("password/reset/", views.password_reset_page, name="password_reset"),
    path("register/", views.register_page, name="register"),
    path("tokens/", views.tokens_page, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke_page, name="token_revoke"),
    path("landing/", views.landing, name="landing"),
]

staff_patterns = [
    path("", views.staff_home, name="home"),
    path("unions/<str:code>/roles/", views.union_roles_page, name="union_roles"),
    path("roles/<int:pk>/revoke/", views.role_revoke_page, name="role_revoke"),
    path("users/<int:pk>/tokens/", views.user_tokens_page, name="user_tokens"),
]

staff_urls = (staff_patterns, "accounts")
