"""Login by username or by the account's mobile phone number (found through its blind
index). Members may also log in with the ID number or phone on their member record: that
backend is the members app's (``zhigong.members.auth``), built on ``IdentifierBackend``.

``AUTHENTICATION_BACKENDS`` puts the lock-out around them (``zhigong.accounts.lockout``): its
gate first refuses a login that names a locked account, its counter last counts a failure
against every account the login names, both with the login normalised exactly as here
(``normalise_login``).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS
from django.db.models import FilteredRelation, Q, QuerySet
from django.http import HttpRequest

from zhigong.accounts.models import PHONE_PURPOSE, User
from zhigong.core import crypto
from zhigong.core.compiled import CompiledQuery
from zhigong.core.phones import normalise_mobile
from zhigong.unions import policy

_PHONE_LIKE = re.compile(r"\+?[0-9-]{11,}")
_ID_LIKE = re.compile(r"[0-9]{17}[0-9xX]")


def normalise_login(raw: str | None) -> str:
    """The login as the account is looked up by: full-width characters made ASCII (NFKC),
    every whitespace and invisible formatting character removed (spaces, tabs, newlines,
    the ideographic space, zero-width spaces), a phone without its dashes and +86 prefix, and
    an ID number with an upper-case X."""
    text = unicodedata.normalize("NFKC", raw or "")
    text = "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf")
    if _PHONE_LIKE.fullmatch(text):
        text = normalise_mobile(text)
    if _ID_LIKE.fullmatch(text):
        text = text.upper()
    return text


class IdentifierBackend(ModelBackend):
    """Password login where the login names an account in some way: ``find`` says which.
    ``find`` receives the login already normalised (``normalise_login``); the lock-out asks
    every such backend's ``find`` which accounts a login names.

    A logged-in request's account is read with its grants in one query (``get_user``)."""

    def get_user(self, user_id: Any) -> User | None:
        user = account_with_grants(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

    def find(self, login: str) -> User | None:
        raise NotImplementedError

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        login = normalise_login(username)
        if not login or password is None:
            return None
        user = self.find(login)
        if user is None:
            # Spend the same time as a real check so the reply does not tell who exists.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            from zhigong.accounts import lockout

            lockout.clear(user)
            return user
        return None


_COLUMNS = [f.attname for f in User._meta.concrete_fields]


def _account_and_grants(user_id: Any) -> QuerySet[User]:
    held = FilteredRelation("role_grants", condition=Q(role_grants__revoked_at__isnull=True))
    return (
        User.objects.annotate(held=held)
        .filter(pk=user_id)
        .values_list(
            *_COLUMNS,
            "held__union__is_active",
            "held__union__path",
            "held__role",
            "held__department__kind",
        )
    )


_ACCOUNT_AND_GRANTS = CompiledQuery(_account_and_grants)


def account_with_grants(user_id: Any) -> User | None:
    """The account of a session, with its active grants at active unions already kept for
    the request (``policy.remember_grant_rows``), in one query instead of two: every page
    asks for both (the layout's link to the workbench, the menus, the scope). The grants are
    read on every request, as ``policy.scopes_of`` reads them: a revoked role counts at once.
    """
    try:
        pk = User._meta.pk.to_python(user_id)
    except ValidationError:
        return None  # a session holding a malformed id, as ModelBackend treats it
    rows = _ACCOUNT_AND_GRANTS.run(pk)
    if not rows:
        return None
    n = len(_COLUMNS)
    user = User.from_db(DEFAULT_DB_ALIAS, _COLUMNS, rows[0][:n])
    # An active grant at an inactive union confers nothing (as in ``policy.scopes_of``).
    policy.remember_grant_rows(user, [row[n + 1 :] for row in rows if row[n]])
    return user


class UsernameOrPhoneBackend(IdentifierBackend):
    def find(self, login: str) -> User | None:
        user = User.objects.filter(username=login).first()
        if user is None and login.isdigit():
            user = User.objects.filter(
                phone_index=crypto.blind_index(login, purpose=PHONE_PURPOSE)
            ).first()
        return user
