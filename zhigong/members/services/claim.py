"""A member their union registered (a roster import, an officer's entry) links the account
they registered to that record: "我已是会员，绑定会员信息".

Two things prove it is them: the ID number on the record, typed by the account's holder, and
a code texted to the phone number **on the member record** (never to a number they type),
read back within its minutes. A recycled phone number alone does not do (its new holder does
not know the ID number), nor does an ID number alone (a colleague may know it).

No answer tells the asker whether an ID number is a member anywhere (DESIGN §3.1): the
request answers the same whether a text went out or not, and a code for a number that is
no member's, or whose record has no phone or a login already, fails like a wrong code. The
texts are counted by the limits of the registration codes (per number and per address).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zhigong.accounts.models import PhoneCodePurpose
from zhigong.accounts.services.signup import (
    phone_code_request,
    phone_code_spend,
    phone_code_take,
)
from zhigong.core.actors import SYSTEM, Actor, acting_user
from zhigong.core.errors import Conflict, DomainError, NotFound
from zhigong.core.idnumber import parse_id_number
from zhigong.core.service import service
from zhigong.members.choices import MemberStatus
from zhigong.members.models import Member
from zhigong.members.personal import id_index, phone_of
from zhigong.members.services.registry import member_changing


def _asker(actor: Actor) -> Any:
    """The logged-in person claiming, who has no member record yet."""
    user = acting_user(actor)
    if user is None:
        raise NotFound()
    if Member.objects.filter(user=user).exists():
        raise Conflict(_("您的账号已经绑定了会员信息。"))
    return user


def _id_number(raw: str) -> str:
    info = parse_id_number(raw or "")
    if info.errors:
        message = info.errors[0]
        raise DomainError(message, fields={"id_number": message})
    return info.number


def _claimable(id_number: str) -> Member | None:
    """The member this ID number names if their record can be claimed: in the union, no
    login yet, a phone on file to text."""
    member = (
        Member.objects.filter(id_number_index=id_index(id_number), user__isnull=True)
        .exclude(status=MemberStatus.LEFT)
        .first()
    )
    if member is None or not phone_of(member):
        return None
    return member


@service(atomic=False)  # the text is sent after the code's row is written (its own commit)
def member_claim_request(*, actor: Actor, id_number: str, address: str) -> None:
    """Text a code to the phone on the member record of ``id_number``, if there is one that
    can be claimed; the same answer (none) either way."""
    _asker(actor)
    member = _claimable(_id_number(id_number))
    if member is not None:
        phone_code_request(
            actor=SYSTEM, purpose=PhoneCodePurpose.CLAIM, phone=phone_of(member), address=address
        )


@service(atomic=False)  # a wrong code stays counted although the claim is refused
def member_claim(*, actor: Actor, id_number: str, code: str) -> Member:
    """Link the asker's account to the member record of ``id_number``, with the code texted
    to the record's phone. Recorded in the member's history and the audit log."""
    user = _asker(actor)
    member = _claimable(_id_number(id_number))
    if member is None:
        message = _("验证码已失效（超时、已使用、已换新或错误次数过多），请重新获取。")
        raise DomainError(message, code="code_spent", fields={"code": message})
    row = phone_code_take(PhoneCodePurpose.CLAIM, phone_of(member), code)
    with transaction.atomic():
        member = Member.objects.select_for_update().select_related("union").get(pk=member.pk)
        if member.user_id is not None:
            raise Conflict(_("这条会员信息刚刚已被绑定。如非本人操作，请联系所在工会。"))
        with member_changing(
            member,
            actor=user,
            action="claim",
            reason=_("身份证号和登记手机号收到的验证码核对一致"),
        ):
            member.user = user
        phone_code_spend(row)
    return member
