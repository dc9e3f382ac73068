"""The volunteers app's addresses, mounted by ``config/urls.py``: the workbench's pages under
``/staff/volunteers/`` (``staff:volunteers:…``) and the applicant's under ``/me/volunteer/``
(``portal:volunteers:…``)."""

from django.urls import path

from zhigong.volunteers.views import offers, portal, projects, quotas, service_portal, staff

staff_patterns = [
    path("volunteers/", staff.volunteer_list_page, name="list"),
    path("volunteers/waiting/", staff.volunteer_waiting_page, name="waiting"),
    path("volunteers/new/", staff.volunteer_register_page, name="register"),
    path("volunteers/quotas/", quotas.quota_page, name="quotas"),
    path("volunteers/roster/", quotas.roster_page, name="roster"),
    path("volunteers/projects/", projects.project_list_page, name="projects"),
    path("volunteers/projects/new/", projects.project_new_page, name="project_new"),
    path("volunteers/projects/<int:pk>/", projects.project_detail_page, name="project"),
    path("volunteers/hours/", projects.hours_queue_page, name="hours"),
    path("volunteers/honours/candidates/", projects.candidates_page, name="candidates"),
    path("volunteers/offers/", offers.offer_list_page, name="offers"),
    path("volunteers/offers/<int:pk>/", offers.offer_detail_page, name="offer"),
    path("volunteers/help/", offers.help_queue_page, name="help_requests"),
    path("volunteers/help/<int:pk>/", offers.help_detail_page, name="help_request"),
    path("volunteers/<int:pk>/", staff.volunteer_detail_page, name="detail"),
    path("volunteers/<int:pk>/form/", staff.volunteer_form_page, name="form"),
    path("volunteers/<int:pk>/correct/", staff.volunteer_correct_page, name="correct"),
    path("volunteers/<int:pk>/photo/", staff.volunteer_photo_page, name="photo"),
]

portal_patterns = [
    path("me/volunteer/", portal.my_volunteer_page, name="mine"),
    path("me/volunteer/apply/", portal.volunteer_apply_page, name="apply"),
    path("me/volunteer/withdraw/", portal.volunteer_withdraw_page, name="withdraw"),
    path("me/volunteer/leave/", portal.volunteer_leave_page, name="leave"),
    path("me/volunteer/photo/", portal.my_photo_page, name="photo"),
    path("volunteers/honours/", portal.honours_page, name="honours"),
    path("volunteers/projects/", service_portal.projects_page, name="projects"),
    path("volunteers/projects/<int:pk>/", service_portal.project_page, name="project"),
    path("me/volunteer/projects/new/", service_portal.project_propose_page, name="propose"),
    path("volunteers/offers/", service_portal.offers_page, name="offers"),
    path("volunteers/offers/<int:pk>/", service_portal.offer_page, name="offer"),
    path("me/volunteer/offers/new/", service_portal.offer_new_page, name="offer_new"),
    path(
        "me/volunteer/offers/<int:pk>/withdraw/",
        service_portal.offer_withdraw_page,
        name="offer_withdraw",
    ),
]

staff_urls = (staff_patterns, "volunteers")
portal_urls = (portal_patterns, "volunteers")
