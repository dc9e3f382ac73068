"""The appeals app's addresses, mounted by ``config/urls.py``: the workbench's pages under
``/staff/appeals/`` (``staff:appeals:…``) and the portal's under ``/appeals/``
(``portal:appeals:…``), open to everyone."""

from django.urls import path

from zhigong.appeals.views import portal, staff

staff_patterns = [
    path("appeals/", staff.appeal_list_page, name="list"),
    path("appeals/waiting/", staff.appeal_waiting_page, name="waiting"),
    path("appeals/new/", staff.appeal_new_page, name="new"),
    path("appeals/<int:pk>/", staff.appeal_detail_page, name="detail"),
    path("appeals/<int:pk>/edit/", staff.appeal_edit_page, name="edit"),
    path("appeals/<int:pk>/pictures/<int:picture>/", staff.appeal_picture_page, name="picture"),
]

portal_patterns = [
    path("appeals/", portal.appeals_page, name="list"),
    path("appeals/<int:pk>/", portal.appeal_page, name="detail"),
    path("appeals/<int:pk>/pictures/<int:picture>/", portal.appeal_picture_page, name="picture"),
]

staff_urls = (staff_patterns, "appeals")
portal_urls = (portal_patterns, "appeals")
