"""The matchmaking addresses, mounted by ``config/urls.py``: the workbench's under
``/staff/matchmaking/`` (``staff:matchmaking:…``) and the member's own under
``/me/matchmaking/`` (``portal:matchmaking:…``)."""

from django.urls import path

from zhigong.matchmaking.views import figures, portal, staff

staff_patterns = [
    path("matchmaking/", staff.queue_page, name="queue"),
    path("matchmaking/figures/", figures.figures_page, name="figures"),
    path("matchmaking/<int:pk>/", staff.profile_page, name="profile"),
    path("matchmaking/<int:pk>/screen/", staff.screen_page, name="screen"),
    path("matchmaking/<int:pk>/files/<int:doc_pk>/", staff.document_page, name="document"),
    path("matchmaking/introductions/<int:pk>/", staff.introduction_page, name="introduction"),
]

portal_patterns = [
    path("me/matchmaking/", portal.home_page, name="home"),
    path("me/matchmaking/register/", portal.register_page, name="register"),
    path("me/matchmaking/public/", portal.public_page, name="public"),
    path("me/matchmaking/request/", portal.request_page, name="request"),
    path("me/matchmaking/pool/", portal.pool_page, name="pool"),
    path("me/matchmaking/pool/<int:pk>/", portal.pool_profile_page, name="pool_profile"),
    path("me/matchmaking/introductions/<int:pk>/", portal.introduction_page, name="introduction"),
    path(
        "me/matchmaking/introductions/<int:pk>/photo/",
        portal.introduction_photo_page,
        name="introduction_photo",
    ),
    path("me/matchmaking/files/<int:pk>/", portal.own_document_page, name="document"),
]

staff_urls = (staff_patterns, "matchmaking")
portal_urls = (portal_patterns, "matchmaking")
