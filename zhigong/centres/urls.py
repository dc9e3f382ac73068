"""The centres app's addresses, mounted by ``config/urls.py``: the workbench's pages under
``/staff/centres/`` (``staff:centres:…``) and the public finder at ``/centres/``
(``portal:centres:…``)."""

from django.urls import path

from zhigong.centres.views import planning, portal, staff

staff_patterns = [
    path("centres/", staff.centre_list_page, name="list"),
    path("centres/new/", staff.centre_register_page, name="register"),
    path("centres/standards/", planning.standards_page, name="standards"),
    path("centres/standards/<int:pk>/", planning.standard_edit_page, name="standard_edit"),
    path("centres/coverage/", planning.coverage_page, name="coverage"),
    path("centres/models/", planning.model_centres_page, name="models"),
    path("centres/<int:pk>/", staff.centre_detail_page, name="detail"),
    path("centres/<int:pk>/edit/", staff.centre_edit_page, name="edit"),
    path(
        "centres/<int:pk>/essentials/<slug:key>/photo/",
        staff.essential_photo_page,
        name="essential_photo",
    ),
    path("centres/<int:pk>/rules/<int:rule_pk>/", staff.rule_file_page, name="rule_file"),
]

portal_patterns = [
    path("centres/", portal.finder_page, name="finder"),
]

staff_urls = (staff_patterns, "centres")
portal_urls = (portal_patterns, "centres")
