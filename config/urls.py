from django.contrib import admin
from django.urls import include, path

from zhigong.core.api import api
from zhigong.core.views import healthz, portal_home
from zhigong.members.urls import portal_urlpatterns as member_portal_urlpatterns

portal_patterns = (
    [path("", portal_home, name="home"), *member_portal_urlpatterns],
    "portal",
)

urlpatterns = [
    path("", include(portal_patterns)),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("zhigong.accounts.urls")),
    path("staff/", include("zhigong.staff_urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
