"""The unions app's staff pages (``staff:unions:…``), mounted by ``config/urls.py``."""

from django.urls import path

from zhigong.unions.views import imports, pick, tree

# "pick", "new" and "import" come before ``<code>``: they are no union's code
# (``validation.RESERVED_CODES``).
staff_patterns = [
    path("unions/", tree.union_tree_page, name="union_tree"),
    path("unions/pick/", pick.union_pick_page, name="union_pick"),
    path("unions/new/", tree.union_new_page, name="union_new"),
    path("unions/import/", imports.union_import_page, name="union_import"),
    path(
        "unions/import/report/<str:token>.xlsx",
        imports.union_import_report_page,
        name="union_import_report",
    ),
    path("unions/<str:code>/", tree.union_detail_page, name="union_detail"),
    path("unions/<str:code>/children/", tree.union_children_page, name="union_children"),
    path("unions/<str:code>/new/", tree.union_create_page, name="union_create"),
    path("unions/<str:code>/edit/", tree.union_update_page, name="union_update"),
    path("unions/<str:code>/move/", tree.union_move_page, name="union_move"),
    path("unions/<str:code>/active/", tree.union_set_active_page, name="union_set_active"),
    path(
        "unions/<str:code>/departments/new/",
        tree.department_create_page,
        name="department_create",
    ),
    path("unions/<str:code>/centres/new/", tree.centre_create_page, name="centre_create"),
]

staff_urls = (staff_patterns, "unions")
