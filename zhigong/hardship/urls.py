"""The hardship app's addresses, mounted by ``config/urls.py``: the workbench's pages under
``/staff/hardship/`` (``staff:hardship:…``) and the volunteer's under ``/me/pairing/``
(``portal:hardship:…``)."""

from django.urls import path

from zhigong.hardship.views import figures, files, pairs, portal

staff_patterns = [
    path("hardship/", files.file_list_page, name="list"),
    path("hardship/export/", files.file_export_page, name="export"),
    path("hardship/unpaired/", files.unpaired_page, name="unpaired"),
    path("hardship/figures/", figures.figures_page, name="figures"),
    path("hardship/new/", files.file_create_page, name="create"),
    path("hardship/<int:pk>/", files.file_detail_page, name="detail"),
    path("hardship/<int:pk>/edit/", files.file_edit_page, name="edit"),
    path("hardship/<int:pk>/documents/<int:doc>/", files.document_page, name="document"),
    path("hardship/<int:pk>/pair/", pairs.pair_page, name="pair"),
    path("hardship/pairs/requests/", pairs.requests_page, name="requests"),
    path("hardship/pairs/overdue/", pairs.overdue_page, name="overdue"),
    path("hardship/pairs/<int:pk>/", pairs.pairing_page, name="pairing"),
]

portal_patterns = [
    path("me/pairing/", portal.my_pairings_page, name="mine"),
    path("me/pairing/offers/", portal.offers_page, name="offers"),
    path("me/pairing/offers/<int:pk>/", portal.offer_page, name="offer"),
    path("me/pairing/<int:pk>/visit/", portal.visit_page, name="visit"),
]

staff_urls = (staff_patterns, "hardship")
portal_urls = (portal_patterns, "hardship")
