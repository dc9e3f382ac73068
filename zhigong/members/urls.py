"""URL lists of the member pages, joined into the staff and portal namespaces."""

from zhigong.members.views import figures, imports, portal, queues, staff

staff_urlpatterns = [
    *staff.staff_urlpatterns,
    *queues.staff_urlpatterns,
    *imports.staff_urlpatterns,
    *figures.staff_urlpatterns,
]
portal_urlpatterns = portal.portal_urlpatterns
