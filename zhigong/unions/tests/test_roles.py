from pathlib import Path

from zhigong.unions.roles import ROLE_PERMISSIONS, ROLE_RANK, Role, permissions_table_markdown


def test_docs_permissions_table_matches_code():
    docs = (Path(__file__).resolve().parents[3] / "docs" / "permissions.md").read_text()
    assert permissions_table_markdown() in docs, "run: python manage.py permissions_table"


def test_every_role_has_permissions_and_rank():
    assert set(ROLE_PERMISSIONS) == set(Role.values) == set(ROLE_RANK)
