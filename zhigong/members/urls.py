"""The members app's addresses, mounted by ``config/urls.py``: its staff pages under
``/staff/`` (``staff:members:…``) and the member's own pages under ``/me/``
(``portal:members:…``)."""

from django.urls import path

from zhigong.members.views import claim, figures, imports, portal, queues, staff

staff_patterns = [
    # search, one member, reveal, card and status
    path("members/", staff.member_list_page, name="member_list"),
    path("members/verifiers/", staff.verifier_list_page, name="verifier_list"),
    path("members/<int:pk>/", staff.member_detail_page, name="member_detail"),
    path("members/<int:pk>/reveal/", staff.member_reveal_page, name="member_reveal"),
    path("members/<int:pk>/card/", staff.member_card_page, name="member_card"),
    path("members/<int:pk>/status/", staff.member_status_page, name="member_status"),
    # the queues of the workflows
    path("members/applications/", queues.application_list_page, name="application_list"),
    path("members/applications/new/", queues.application_new_page, name="application_new"),
    path(
        "members/applications/<int:pk>/",
        queues.application_detail_page,
        name="application_detail",
    ),
    path("members/changes/", queues.change_list_page, name="change_list"),
    path("members/changes/<int:pk>/", queues.change_detail_page, name="change_detail"),
    path("members/transfers/", queues.transfer_list_page, name="transfer_list"),
    path("members/transfers/new/", queues.transfer_new_page, name="transfer_new"),
    path("members/transfers/<int:pk>/", queues.transfer_detail_page, name="transfer_detail"),
    # rosters in and out
    path("members/import/", imports.member_import_page, name="member_import"),
    path(
        "members/import/template.xlsx",
        imports.member_import_template_page,
        name="member_import_template",
    ),
    path(
        "members/import/<uuid:pk>/",
        imports.member_import_detail_page,
        name="member_import_detail",
    ),
    path(
        "members/import/<uuid:pk>/progress/",
        imports.member_import_progress_page,
        name="member_import_progress",
    ),
    path(
        "members/import/<uuid:pk>/report.xlsx",
        imports.member_import_report_page,
        name="member_import_report",
    ),
    path("members/roster/", imports.member_roster_page, name="member_roster"),
    path("members/roster.xlsx", imports.member_roster_xlsx_page, name="member_roster_xlsx"),
    path(
        "members/roster/full.xlsx",
        imports.member_roster_reveal_page,
        name="member_roster_reveal",
    ),
    # figures
    path("members/figures/", figures.member_figures_page, name="member_figures"),
]

portal_patterns = [
    path("me/", portal.me, name="me"),
    path("me/apply/", portal.apply, name="apply"),
    path("me/claim/", claim.claim_page, name="claim"),
    path("me/apply/union-search", portal.apply_union_search, name="apply_union_search"),
    path("me/application/", portal.my_application, name="my_application"),
    path("me/card/", portal.my_card_page, name="card"),
    path("me/card/qr/", portal.my_card_qr, name="card_qr"),
    path("me/change/", portal.my_change, name="change"),
    path("me/consents/", portal.my_consents, name="consents"),
    path("me/access/", portal.my_access_log, name="access_log"),
    path("privacy/member-records/", portal.privacy_notice, name="privacy_notice"),
    path("me/export.json", portal.export_json_page, name="export_json"),
    path("me/export.xlsx", portal.export_xlsx_page, name="export_xlsx"),
    path("me/leave/", portal.leave, name="leave"),
]

staff_urls = (staff_patterns, "members")
portal_urls = (portal_patterns, "members")
