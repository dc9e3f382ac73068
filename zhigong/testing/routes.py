"""What a route entry says: how to build the URL for the cast, and who may reach it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from zhigong.testing.cast import CAST_ACTORS, Cast

ADMINS_OVER_DA = {"city_admin", "district_admin"}
STAFF_OVER_DA = ADMINS_OVER_DA | {"city_org", "dept_legal", "volunteer", "auditor"}
# role.view over DA: the administrators, the departments above and at DA, the auditor.
ROLE_VIEWERS_OVER_DA = ADMINS_OVER_DA | {"city_org", "dept_legal", "auditor"}
LOGGED_IN = set(CAST_ACTORS) - {"anonymous"}
EVERYONE = set(CAST_ACTORS)


@dataclass(frozen=True)
class Route:
    name: str
    url: Callable[[Cast], str]
    allowed: set[str]
    public: bool = False  # reachable without login
    # A page for visitors (login, registration, a forgotten password): a logged-in user is
    # sent on (302) rather than refused.
    visitors_only: bool = False
    api: bool = False
    method: str = "get"
    ok: int = 200
    # Answers with full personal data or a member's record (or a typed one shown back):
    # ``Cache-Control: no-store`` (every API answer is, whatever this says).
    no_store: bool = False
