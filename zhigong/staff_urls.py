"""The staff workbench at /staff/: one namespace over the apps' page views."""

from django.urls import path

from zhigong.accounts import views as accounts
from zhigong.audit import views as audit
from zhigong.members.urls import staff_urlpatterns as member_urlpatterns
from zhigong.unions import import_views
from zhigong.unions import views as unions

app_name = "staff"
urlpatterns = [
    path("", accounts.staff_home, name="home"),
    path("unions/", unions.union_tree, name="union_tree"),
    path("unions/import/", import_views.union_import_page, name="union_import"),
    path(
        "unions/import/report/<str:token>.xlsx",
        import_views.union_import_report,
        name="union_import_report",
    ),
    path("unions/<str:code>/", unions.union_detail, name="union_detail"),
    path("unions/<str:code>/children/", unions.union_children, name="union_children"),
    path("unions/<str:code>/new/", unions.union_create, name="union_create"),
    path("unions/<str:code>/edit/", unions.union_update, name="union_update"),
    path("unions/<str:code>/move/", unions.union_move, name="union_move"),
    path("unions/<str:code>/active/", unions.union_set_active, name="union_set_active"),
    path("unions/<str:code>/departments/new/", unions.department_create, name="department_create"),
    path("unions/<str:code>/centres/new/", unions.centre_create, name="centre_create"),
    path("unions/<str:code>/roles/", accounts.union_roles, name="union_roles"),
    path("roles/<int:pk>/revoke/", accounts.role_revoke, name="role_revoke"),
    path("audit/", audit.audit_page, name="audit"),
    *member_urlpatterns,
]
