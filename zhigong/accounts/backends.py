"""Login by username, by mobile phone number, or (for members) by resident ID number.

A user's own phone is found through its blind index on ``User``; a member may also give the
phone or ID number on their member record (blind indexes on ``Member``), which logs in the
user linked to that member.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from zhigong.accounts.models import PHONE_PURPOSE, User
from zhigong.core import crypto


def _member_user(login: str) -> User | None:
    """The user linked to the member whose ID number or phone is ``login``."""
    from zhigong.members.models import Member
    from zhigong.members.personal import id_index, phone_index

    if len(login) == 18:
        member = Member.objects.filter(id_number_index=id_index(login)).first()
    elif len(login) == 11 and login.isdigit():
        member = Member.objects.filter(phone_index=phone_index(login)).first()
    else:
        return None
    if member is None or member.user_id is None:
        return None
    return User.objects.filter(pk=member.user_id).first()


class UsernameOrPhoneBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not username or password is None:
            return None
        login = username.strip()
        user = User.objects.filter(username=login).first()
        if user is None and login.isdigit():
            user = User.objects.filter(
                phone_index=crypto.blind_index(login, purpose=PHONE_PURPOSE)
            ).first()
        if user is None:
            user = _member_user(login.upper())
        if user is None:
            # Spend the same time as a real check so the reply does not tell who exists.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
