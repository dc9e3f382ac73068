"""The centres app's addresses, mounted by ``config/urls.py``: the workbench's pages under
``/staff/centres/`` (``staff:centres:…``) and the public finder at ``/centres/``
(``portal:centres:…``)."""

from django.urls import path

from zhigong.centres.views import acceptance, planning, portal, staff

staff_patterns = [
    path("centres/", staff.centre_list_page, name="list"),
    path("centres/new/", staff.centre_register_page, name="register"),
    path("centres/standards/", planning.standards_page, name="standards"),
    path("centres/standards/<int:pk>/", planning.standard_edit_page, name="standard_edit"),
    path("centres/coverage/", planning.coverage_page, name="coverage"),
    path("centres/models/", planning.model_centres_page, name="models"),
    path("centres/acceptances/", acceptance.acceptance_list_page, name="acceptances"),
    path("centres/acceptances/rounds/", acceptance.rounds_page, name="acceptance_rounds"),
    path("centres/acceptances/figures/", acceptance.figures_page, name="acceptance_figures"),
    path(
        "centres/acceptances/applications/new/",
        acceptance.application_new_page,
        name="application_new",
    ),
    path(
        "centres/acceptances/applications/<int:pk>/",
        acceptance.application_page,
        name="application",
    ),
    path(
        "centres/acceptances/applications/<int:pk>/xlsx/",
        acceptance.application_xlsx_page,
        name="application_xlsx",
    ),
    path("centres/acceptances/<int:pk>/", acceptance.acceptance_page, name="acceptance"),
    path(
        "centres/acceptances/<int:pk>/report/",
        acceptance.report_file_page,
        name="acceptance_report",
    ),
    path(
        "centres/acceptances/<int:pk>/items/<int:item_pk>/evidence/",
        acceptance.evidence_page,
        name="acceptance_evidence",
    ),
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
    path("centres/results/", portal.results_page, name="results"),
]

staff_urls = (staff_patterns, "centres")
portal_urls = (portal_patterns, "centres")
