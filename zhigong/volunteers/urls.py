"""The volunteers app's addresses, mounted by ``config/urls.py``: the workbench's pages under
``/staff/volunteers/`` (``staff:volunteers:…``) and the applicant's under ``/me/volunteer/``
(``portal:volunteers:…``)."""

from django.urls import path

from zhigong.volunteers.views import portal, quotas, staff

staff_patterns = [
    path("volunteers/", staff.volunteer_list_page, name="list"),
    path("volunteers/waiting/", staff.volunteer_waiting_page, name="waiting"),
    path("volunteers/new/", staff.volunteer_register_page, name="register"),
    path("volunteers/quotas/", quotas.quota_page, name="quotas"),
    path("volunteers/roster/", quotas.roster_page, name="roster"),
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
]

staff_urls = (staff_patterns, "volunteers")
portal_urls = (portal_patterns, "volunteers")
