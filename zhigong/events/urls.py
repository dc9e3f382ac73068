"""The events app's addresses, mounted by ``config/urls.py``: the workbench's pages under
``/staff/events/`` (``staff:events:…``) and the member's under ``/me/events/``
(``portal:events:…``)."""

from django.urls import path

from zhigong.events.views import door, figures, portal, staff

staff_patterns = [
    path("events/", staff.event_list_page, name="list"),
    path("events/new/", staff.event_new_page, name="new"),
    path("events/figures/", figures.event_figures_page, name="figures"),
    path("events/<int:pk>/", staff.event_page, name="detail"),
    path("events/<int:pk>/edit/", staff.event_edit_page, name="edit"),
    path("events/<int:pk>/check-in/", door.check_in_page, name="check_in"),
    path("events/<int:pk>/export/", door.export_page, name="export"),
    path("events/<int:pk>/counselling/", door.counselling_page, name="counselling"),
]

portal_patterns = [
    path("me/events/", portal.events_page, name="list"),
    path("me/events/<int:pk>/", portal.event_page, name="detail"),
]

staff_urls = (staff_patterns, "events")
portal_urls = (portal_patterns, "events")
