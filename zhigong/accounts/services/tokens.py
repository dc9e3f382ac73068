"""API bearer tokens: issued to their owner after the password (and the second factor where
the owner's roles need one), listed and revoked by the owner, revoked by administrators over
the owner's roles, and revoked by a password change, a deactivation or the loss of a role.

Revoked tokens are kept with when, why and by whom, never deleted. ``api_token_user`` (the
API's bearer resolver, ``settings.API_TOKEN_RESOLVER``) refuses a revoked, expired or stale
token (the password changed since it was issued, by whatever path) and marks the user it
returns with whether the token passed the second factor, as django-otp marks a session's
user, so the policy answers the same for both channels.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from zhigong.accounts import permissions
from zhigong.accounts.models import ApiToken, TokenRevoked, User
from zhigong.core.actors import Actor, SystemActor, acting_user, same_person
from zhigong.core.audit import Placed, Target, audit_record
from zhigong.core.compiled import CompiledQuery
from zhigong.core.errors import DomainError, NotFound
from zhigong.core.service import service


@service
def api_token_create(
    *, actor: Actor, user: User, second_factor: bool = False, name: str = ""
) -> tuple[ApiToken, str]:
    """Issue a bearer token for ``user``; the plain key is returned once and only its hash is
    stored. Only the user themself (after their credentials, ``accounts.api``) or the platform
    (commands, tests) issue one. ``second_factor``: the caller has just verified it."""
    if not (isinstance(actor, SystemActor) or same_person(actor, user.pk)):
        raise NotFound()
    if not user.is_active:
        raise DomainError(_("该账号已停用。"), code="user_inactive")
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        key_hash=ApiToken.hash_key(key),
        name=name.strip()[:64],
        second_factor=second_factor,
        password_stamp=ApiToken.stamp_of(user),
        expires_at=timezone.now() + timedelta(days=settings.API_TOKEN_DAYS),
    )
    audit_record(
        actor=actor,
        action="token.create",
        target=token,
        changes={"second_factor": [None, second_factor]},
    )
    return token, key


# What the bearer look-up reads on every request: the token and its account in one query,
# compiled once (``core.compiled``). The conditions are ``ApiToken.objects.live()``'s and
# the account's: not revoked and an active account here in SQL; the expiry is compared
# below (the time would be a second changing parameter), with the same ``>`` as ``live()``.
_LIVE_TOKEN = CompiledQuery(
    lambda key_hash: ApiToken.objects.select_related("user").filter(
        key_hash=key_hash, revoked_at__isnull=True, user__is_active=True
    )[:1]
)


def api_token_user(key: str) -> User | None:
    """The user behind a bearer key, if the token is live: not revoked, not expired, its
    account active, and issued under the account's current password."""
    now = timezone.now()
    token: ApiToken | None = _LIVE_TOKEN.first(ApiToken.hash_key(key))
    if token is None or token.expires_at <= now:  # live() says expires_at > now
        return None
    if not constant_time_compare(token.password_stamp, ApiToken.stamp_of(token.user)):
        return None
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    user: User = token.user
    # What django-otp's middleware gives a session's user: has this request passed the second
    # factor? For a token, whether it was issued after one.
    passed = token.second_factor
    user.is_verified = lambda: passed  # type: ignore[attr-defined]
    user.api_token = token  # type: ignore[attr-defined]
    return user


def revoke_tokens(
    user: User, *, actor: Actor, why: str, union: Placed | None = None, reason: str = ""
) -> int:
    """A step of services that have authorised already (a password change, a deactivation,
    a role revoked, an administrator's revocation): end every live token of ``user``."""
    return _revoke(
        user.api_tokens.all(), user=user, actor=actor, why=why, union=union, reason=reason
    )


def _revoke(
    tokens: QuerySet[ApiToken],
    *,
    user: User,
    actor: Actor,
    why: str,
    union: Placed | None = None,
    reason: str = "",
) -> int:
    ids = list(tokens.filter(revoked_at__isnull=True).values_list("pk", flat=True))
    if not ids:
        return 0
    ApiToken.objects.filter(pk__in=ids).update(
        revoked_at=timezone.now(), revoked_by=acting_user(actor), revoked_reason=why
    )
    audit_record(
        actor=actor,
        action="token.revoke",
        target=Target("accounts.user", str(user.pk), user.username),
        union=union,
        reason=reason or str(TokenRevoked(why).label),
        changes={"tokens": [sorted(ids), None]},
    )
    return len(ids)


@service
def api_token_revoke(*, actor: Actor, token: ApiToken, reason: str = "") -> ApiToken:
    """Revoke one token: its owner, or an administrator over the owner's roles."""
    own = same_person(actor, token.user_id)
    union = None if own else permissions.token_admin_union(actor, token.user)
    if not own and union is None:
        raise NotFound()
    _revoke(
        ApiToken.objects.filter(pk=token.pk),
        user=token.user,
        actor=actor,
        why=TokenRevoked.OWNER if own else TokenRevoked.ADMIN,
        union=union,
        reason=reason,
    )
    token.refresh_from_db()
    return token


@service
def api_tokens_revoke_all(*, actor: Actor, user: User, reason: str = "") -> int:
    """Revoke every live token of ``user``: the user themself ("sign out everywhere"), an
    administrator over the user's roles, or the platform's operators."""
    own = same_person(actor, user.pk)
    union = None if own else permissions.token_admin_union(actor, user)
    if not own and union is None and not permissions.can_administer_accounts(actor):
        raise NotFound()
    why = TokenRevoked.OWNER if own else TokenRevoked.ADMIN
    return revoke_tokens(user, actor=actor, why=why, union=union, reason=reason)
