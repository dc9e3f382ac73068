"""Login by username or by the account's mobile phone number (found through its blind
index). Members may also log in with the ID number or phone on their member record: that
backend is the members app's (``zhigong.members.auth``), built on ``IdentifierBackend``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from zhigong.accounts.models import PHONE_PURPOSE, User
from zhigong.core import crypto


class IdentifierBackend(ModelBackend):
    """Password login where the login names an account in some way: ``find`` says which."""

    def find(self, login: str) -> User | None:
        raise NotImplementedError

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not username or password is None:
            return None
        user = self.find(username.strip())
        if user is None:
            # Spend the same time as a real check so the reply does not tell who exists.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


class UsernameOrPhoneBackend(IdentifierBackend):
    def find(self, login: str) -> User | None:
        user = User.objects.filter(username=login).first()
        if user is None and login.isdigit():
            user = User.objects.filter(
                phone_index=crypto.blind_index(login, purpose=PHONE_PURPOSE)
            ).first()
        return user
