"""The composition root of the pages: each app's URLs mounted under the face they belong to.

- ``/`` the member portal: ``portal:home`` and each app's portal pages (``portal:members:…``);
- ``/staff/`` the workbench: each app's staff pages (``staff:members:…``);
- ``/api/v1/`` the API (``config/api.py`` mounts each app's router);
- ``/accounts/`` login and second factor; ``/admin/`` for platform operators.

An app adds its mount lines here; the paths themselves live in the app's own ``urls.py``.
"""

from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path

from config.api import api
from zhigong.accounts import urls as accounts
from zhigong.audit import urls as audit
from zhigong.cases import urls as cases
from zhigong.centres import urls as centres
from zhigong.core.api import not_found as api_not_found
from zhigong.core.views import healthz, portal_home
from zhigong.events import urls as events
from zhigong.matchmaking import urls as matchmaking
from zhigong.members import urls as members
from zhigong.notifications import urls as notifications
from zhigong.surveys import urls as surveys
from zhigong.unions import urls as unions
from zhigong.volunteers import urls as volunteers

portal: list[URLPattern | URLResolver] = [
    path("", portal_home, name="home"),
    path("", include(members.portal_urls)),
    path("", include(cases.portal_urls)),
    path("", include(matchmaking.portal_urls)),
    path("", include(events.portal_urls)),
    path("", include(notifications.portal_urls)),
    path("", include(volunteers.portal_urls)),
    path("", include(centres.portal_urls)),
    path("", include(surveys.portal_urls)),
]

staff: list[URLPattern | URLResolver] = [
    path("", include(accounts.staff_urls)),
    path("", include(unions.staff_urls)),
    path("", include(audit.staff_urls)),
    path("", include(members.staff_urls)),
    path("", include(cases.staff_urls)),
    path("", include(volunteers.staff_urls)),
    path("", include(matchmaking.staff_urls)),
    path("", include(events.staff_urls)),
    path("", include(centres.staff_urls)),
    path("", include(surveys.staff_urls)),
]

urlpatterns = [
    path("", include((portal, "portal"))),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("zhigong.accounts.urls")),
    path("staff/", include((staff, "staff"))),
    path("api/v1/", api.urls),
    re_path(r"^api/", api_not_found),  # unknown API addresses: JSON, not the 404 page
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
