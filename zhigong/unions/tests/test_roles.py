from pathlib import Path

from zhigong.unions.roles import ROLE_PERMISSIONS, ROLE_RANK, Role, permissions_table_markdown


def test_docs_permissions_table_matches_code():
    docs = (Path(__file__).resolve().parents[3] / "docs" / "permissions.md").read_text()
    assert permissions_table_markdown() in docs, "run: python manage.py permissions_table"


def test_every_role_has_permissions_and_rank():
    assert set(ROLE_PERMISSIONS) == set(Role.values) == set(ROLE_RANK)


def test_each_department_line_holds_the_work_of_its_line():
    """A line of work's permissions (a dict literal that merges add to: a repeated key would
    silently drop the first line's permissions)."""
    from zhigong.unions.roles import DEPARTMENT_PERMISSIONS, DepartmentKind, Perm

    assert Perm.MATCH_SERVE in DEPARTMENT_PERMISSIONS[DepartmentKind.WOMEN]
    assert Perm.CASE_REVEAL in DEPARTMENT_PERMISSIONS[DepartmentKind.LEGAL]
    assert Perm.EVENT_MANAGE in DEPARTMENT_PERMISSIONS[DepartmentKind.PUBLICITY]
    assert Perm.VOLUNTEER_APPROVE in DEPARTMENT_PERMISSIONS[DepartmentKind.WELFARE]
    assert Perm.MEMBER_APPROVE in DEPARTMENT_PERMISSIONS[DepartmentKind.ORGANISATION]
