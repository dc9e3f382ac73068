"""The surveys app's addresses, mounted by ``config/urls.py``: the workbench's pages under
``/staff/surveys/`` (``staff:surveys:…``), the respondents' under ``/me/surveys/`` and the
one-time codes' answering page at ``/s/<code>/`` (``portal:surveys:…``, no login)."""

from django.urls import path

from zhigong.surveys.views import answer, staff

staff_patterns = [
    path("surveys/", staff.survey_list_page, name="list"),
    path("surveys/new/", staff.survey_new_page, name="new"),
    path("surveys/<int:pk>/", staff.survey_page, name="detail"),
    path("surveys/<int:pk>/edit/", staff.survey_edit_page, name="edit"),
    path("surveys/<int:pk>/codes/", staff.codes_page, name="codes"),
    path("surveys/<int:pk>/desk/", staff.desk_page, name="desk"),
    path("surveys/<int:pk>/export/", staff.export_page, name="export"),
]

portal_patterns = [
    path("me/surveys/", answer.surveys_page, name="list"),
    path("me/surveys/<int:pk>/", answer.answer_page, name="answer"),
    path("s/<str:token>/", answer.code_page, name="code"),
]

staff_urls = (staff_patterns, "surveys")
portal_urls = (portal_patterns, "surveys")
