"""The cases app's addresses, mounted by ``config/urls.py``: the workbench's pages under
``/staff/cases/`` (``staff:cases:…``) and the requester's own under ``/me/cases/``
(``portal:cases:…``)."""

from django.urls import path

from zhigong.cases.views import figures, files, hotline, portal, routing, staff

staff_patterns = [
    path("cases/", staff.case_queue_page, name="queue"),
    path("cases/call/", hotline.case_call_page, name="call"),
    path("cases/figures/", figures.case_figures_page, name="figures"),
    path("cases/routing/", routing.case_routing_page, name="routing"),
    path("cases/<int:pk>/", staff.case_detail_page, name="detail"),
    path(
        "cases/<int:pk>/files/<int:file_pk>/",
        files.staff_attachment_page,
        name="attachment",
    ),
]

portal_patterns = [
    path("me/cases/", portal.my_cases_page, name="mine"),
    path("me/cases/new/", portal.case_new_page, name="new"),
    path("me/cases/<int:pk>/", portal.my_case_page, name="detail"),
    path("me/cases/<int:pk>/files/<int:file_pk>/", files.own_attachment_page, name="attachment"),
]

staff_urls = (staff_patterns, "cases")
portal_urls = (portal_patterns, "cases")
