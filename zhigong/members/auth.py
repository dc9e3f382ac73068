"""Members log in with the resident ID number or the phone on their member record.

An authentication backend beside the accounts app's username-or-phone backend (both are
listed in ``AUTHENTICATION_BACKENDS``), so that ``accounts`` knows nothing of members. It
finds the member through the blind indexes and logs in the user linked to that member.
"""

from __future__ import annotations

from zhigong.accounts.backends import IdentifierBackend
from zhigong.accounts.models import User
from zhigong.core.idnumber import normalise as normalise_id_number
from zhigong.members.models import Member
from zhigong.members.personal import id_index, phone_index


class MemberLoginBackend(IdentifierBackend):
    def find(self, login: str) -> User | None:
        """The user linked to the member whose ID number (18 digits, or a first-generation
        15-digit one) or phone is ``login``."""
        number = normalise_id_number(login)
        if len(number) == 18:
            member = Member.objects.filter(id_number_index=id_index(number)).first()
        elif len(login) == 11 and login.isdigit():
            member = Member.objects.filter(phone_index=phone_index(login)).first()
        else:
            return None
        if member is None or member.user_id is None:
            return None
        return User.objects.filter(pk=member.user_id).first()
