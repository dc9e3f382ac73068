"""Who acts: a person (a logged-in ``User``) or the platform itself (``SYSTEM``).

Every service takes a keyword-only ``actor``. ``SYSTEM`` is for trusted paths that no person
drives at that moment: management commands run by an operator on the server, jobs, the demo
and the test cast. The policy module gives it every permission everywhere. ``None``, an
anonymous user or an inactive account is nobody: ``require_actor`` refuses them, so no service
can be tricked into skipping its checks by a missing argument.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, TypeAlias

from zhigong.core.errors import NotFound

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser


class SystemActor:
    """The platform itself. It has no account: records it writes name nobody (``by`` is
    empty) and are labelled "system"."""

    pk: Final = None
    id: Final = None
    username: Final = "system"
    full_name: Final = "系统"
    is_authenticated: Final = True
    is_active: Final = True

    def __repr__(self) -> str:
        return "SYSTEM"

    def __str__(self) -> str:
        return "system"


SYSTEM: Final = SystemActor()

# A person or the platform. ``AbstractUser`` rather than the project's ``User`` because
# ``core`` imports no domain app; the one user model, ``accounts.User``, derives from it.
Actor: TypeAlias = "AbstractUser | SystemActor"


def is_actor(actor: Any) -> bool:
    """Someone who may act at all: the platform, or an active, logged-in account."""
    if actor is SYSTEM:
        return True
    return bool(getattr(actor, "is_authenticated", False) and getattr(actor, "is_active", False))


def require_actor(actor: Any) -> None:
    """Refuse nobody. Nobody sees nothing, so the refusal looks like an unknown object."""
    if not is_actor(actor):
        raise NotFound()


def acting_user(actor: Actor) -> Any:
    """The account behind the actor, for "who did it" columns; ``None`` for the platform.

    Typed ``Any`` on purpose: the columns hold the project's user model, which ``core`` does
    not import; the value is an instance of it or ``None``."""
    return None if isinstance(actor, SystemActor) else actor


def same_person(actor: Actor, user_id: int | None) -> bool:
    """Is the actor the account ``user_id``? The platform is never anyone in particular, so
    maker-checker rules ("the reviewer may not approve") never match it."""
    return actor.pk is not None and user_id is not None and actor.pk == user_id
