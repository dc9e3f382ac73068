"""Member cards: numbers, lifecycle, reissue on loss, and the short-lived QR token.

A card number is 16 digits: 15 random digits and a Luhn check digit. It is random so that
it says nothing about the member and cannot be guessed from a neighbour's. The QR code on
the member's card page carries a signed token with the card number that is valid for
``CARD_TOKEN_SECONDS``; verification checks the card and the member *now*, so a suspended
member's card fails everywhere at once, even with a token issued a minute earlier.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.core.actors import Actor
from zhigong.core.audit import audit_record
from zhigong.core.compiled import CompiledQuery
from zhigong.core.errors import DomainError
from zhigong.core.masking import mask_name
from zhigong.core.service import service
from zhigong.core.workflow import transition
from zhigong.members import permissions
from zhigong.members.choices import CardStatus, MemberStatus
from zhigong.members.models import (
    CARD_FLOW,
    CardVerifier,
    Consent,
    ConsentPurpose,
    Member,
    MemberCard,
)
from zhigong.unions import policy
from zhigong.unions.models import Union

_SALT = "zhigong.member-card"


def luhn_digit(digits: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def is_valid_card_number(number: str) -> bool:
    return len(number) == 16 and number.isdigit() and luhn_digit(number[:15]) == number[15]


def new_card_number() -> str:
    while True:
        body = str(secrets.randbelow(9 * 10**14) + 10**14)  # 15 digits, no leading zero
        number = body + luhn_digit(body)
        if not MemberCard.objects.filter(number=number).exists():
            return number


def current_card(member: Member) -> MemberCard | None:
    return member.cards.exclude(status=CardStatus.REVOKED).order_by("-created_at").first()


def _move(actor: Actor, card: MemberCard, status: str, reason: str = "") -> MemberCard:
    now = timezone.now()
    if status == CardStatus.ISSUED:
        card.issued_at = now
    if status == CardStatus.REVOKED:
        card.revoked_at = now
    transition(card, CARD_FLOW, status, actor=actor, union=card.member.union, reason=reason)
    return card


@service
def card_issue(*, actor: Actor, member: Member, reason: str = "") -> MemberCard:
    """A new card for an archived member: requested, then issued (the member activates it)."""
    policy.require(permissions.can_issue_card(actor, member), user=actor, union=member.union)
    if member.status != MemberStatus.ACTIVE:
        raise DomainError(_("只有正常状态的会员可以发卡。"), code="member_not_active")
    if current_card(member) is not None:
        raise DomainError(_("该会员已有有效的会员卡。"), code="card_exists")
    card = MemberCard.objects.create(member=member, number=new_card_number())
    audit_record(
        actor=actor, action="card.requested", target=card, union=member.union, reason=reason
    )
    return _move(actor, card, CardStatus.ISSUED, reason)


@service
def card_activate(*, actor: Actor, card: MemberCard) -> MemberCard:
    """The member (or staff) switches an issued card on."""
    policy.require(permissions.can_use_card(actor, card), user=actor, union=card.member.union)
    return _move(actor, card, CardStatus.ACTIVE)


@service
def card_set_suspended(
    *, actor: Actor, card: MemberCard, suspended: bool, reason: str
) -> MemberCard:
    policy.require(permissions.can_manage_card(actor, card), user=actor, union=card.member.union)
    return _move(actor, card, CardStatus.SUSPENDED if suspended else CardStatus.ACTIVE, reason)


@service
def card_reissue(*, actor: Actor, card: MemberCard, reason: str) -> MemberCard:
    """Replace a lost card: the old number stops working at once, the new one is active."""
    policy.require(permissions.can_use_card(actor, card), user=actor, union=card.member.union)
    CARD_FLOW.expect(
        card,
        CardStatus.ACTIVE,
        CardStatus.ISSUED,
        CardStatus.SUSPENDED,
        message=_("只能补办正在使用的会员卡。"),
    )
    if card.member.status != MemberStatus.ACTIVE:
        raise DomainError(_("只有正常状态的会员可以补卡。"), code="member_not_active")
    _move(actor, card, CardStatus.REVOKED, reason or _("挂失补办"))
    new = MemberCard.objects.create(member=card.member, number=new_card_number(), replaces=card)
    audit_record(
        actor=actor,
        action="card.reissue",
        target=new,
        union=card.member.union,
        reason=reason,
        changes={"replaces": [card.number, new.number]},
    )
    _move(actor, new, CardStatus.ISSUED, reason)
    return _move(actor, new, CardStatus.ACTIVE, reason)


def cards_follow_member_status(*, actor: Actor, member: Member, reason: str = "") -> None:
    """Suspending or removing a member acts on the card at once; reinstating re-enables it."""
    card = current_card(member)
    if card is None:
        return
    if member.status == MemberStatus.SUSPENDED and card.status == CardStatus.ACTIVE:
        _move(actor, card, CardStatus.SUSPENDED, reason)
    elif member.status == MemberStatus.ACTIVE and card.status == CardStatus.SUSPENDED:
        _move(actor, card, CardStatus.ACTIVE, reason)
    elif member.status == MemberStatus.LEFT:
        _move(actor, card, CardStatus.REVOKED, reason)


# --- the QR token and its verification ------------------------------------------------------


# A token's time is rounded down to this step, so a card shows one token (and one drawn QR
# code, ``views.portal.card_qr_svg``) for the step's length instead of a new one each second.
# It only shortens a token's life (by up to the step), never lengthens it.
CARD_TOKEN_STEP = 30


class _SteppedSigner(signing.TimestampSigner):
    def timestamp(self) -> str:
        now = int(time.time())
        return signing.b62_encode(now - now % CARD_TOKEN_STEP)


def card_token(card: MemberCard) -> str:
    return _SteppedSigner(salt=_SALT).sign_object({"n": card.number})


def card_token_expires_in() -> int:
    """Seconds a token made now stays valid (its time was rounded down to the step)."""
    return int(settings.CARD_TOKEN_SECONDS) - int(time.time()) % CARD_TOKEN_STEP


@dataclass(frozen=True)
class Verification:
    valid: bool
    name: str = ""  # masked
    union: str = ""


def _token_number(token: str) -> str | None:
    """The card number a scanned QR token names, if the token is genuine and not expired."""
    try:
        data = signing.TimestampSigner(salt=_SALT).unsign_object(
            token, max_age=settings.CARD_TOKEN_SECONDS
        )
    except (signing.BadSignature, ValueError, TypeError, AttributeError):
        return None
    return str(data.get("n", "")) if isinstance(data, dict) else None


def card_from_token(token: str) -> MemberCard | None:
    """The card a scanned QR token names, if the token is genuine and not expired (whether
    the card may be used now is ``usable_card``'s answer)."""
    number = _token_number(token)
    if number is None:
        return None
    return MemberCard.objects.select_related("member__union").filter(number=number).first()


def usable_card(card: MemberCard | None) -> MemberCard | None:
    """``card`` if it is valid right now (``card_usable``)."""
    if card is None or not card_usable(
        card.status, card.member.status, card.member.union.is_active
    ):
        return None
    return card


def card_usable(card_status: str, member_status: str, union_active: bool) -> bool:
    """The rule every reader of cards follows: an active card of an active member of an
    active union (suspending the member stops the card everywhere at once)."""
    return (
        card_status == CardStatus.ACTIVE
        and member_status == MemberStatus.ACTIVE
        and bool(union_active)
    )


def card_holder(*, token: str = "", number: str = "") -> Member | None:
    """The member a card identifies at a desk (an event's door, a counter): by the QR token
    read from the card page, or by the card number typed. None unless the card is usable now.
    The one path every reader of cards takes (``card_verify`` for merchants, event check-in)."""
    if token:
        card = card_from_token(token.strip())
    else:
        digits = "".join(number.split())
        if not is_valid_card_number(digits):
            return None
        card = MemberCard.objects.select_related("member__union").filter(number=digits).first()
    found = usable_card(card)
    return found.member if found is not None else None


# What a check reads of a card: the columns of ``card_usable`` and the answer, and whether
# the member consents to the answer, in one query compiled once (``core.compiled``): a
# checkout waits for one round trip and no query building.
_CARD_CHECK = CompiledQuery(
    lambda number: (
        MemberCard.objects.filter(number=number)
        .annotate(
            consented=Exists(
                Consent.objects.filter(
                    member=OuterRef("member"),
                    purpose=ConsentPurpose.MERCHANT_VERIFY,
                    withdrawn_at__isnull=True,
                )
            )
        )
        .values_list(
            "status",
            "member__status",
            "member__union__is_active",
            "member__name",
            "member__union__name",
            "consented",
        )[:1]
    ),
)


def card_verify(token: str) -> Verification:
    """Check a scanned token: valid only for an active card of an active member, right now
    (``card_usable``, the rule every reader of cards follows). The masked name and the union
    are told only when the member consents to it."""
    number = _token_number(token) if token else None
    if number is None:
        return Verification(False)
    found = _CARD_CHECK.run(number)
    if not found:
        return Verification(False)
    card_status, member_status, union_active, name, union, consented = found[0]
    if not card_usable(card_status, member_status, union_active):
        return Verification(False)
    if not consented:
        return Verification(True)
    return Verification(True, mask_name(name), union)


def verifier_key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@service
def card_verifier_create(*, actor: Actor, name: str, union: Union) -> tuple[CardVerifier, str]:
    """A credential for a merchant or event desk; the plain key is shown once."""
    policy.require(permissions.can_create_verifier(actor, union), user=actor, union=union)
    key = "cv_" + secrets.token_urlsafe(32)
    verifier = CardVerifier.objects.create(
        name=name.strip(), union=union, key_hash=verifier_key_hash(key)
    )
    audit_record(actor=actor, action="card_verifier.create", target=verifier, union=union)
    return verifier, key


# The verifier key's look-up on every check, compiled once (``core.compiled``).
_ACTIVE_VERIFIER = CompiledQuery(
    lambda key_hash: CardVerifier.objects.filter(key_hash=key_hash, is_active=True)[:1]
)


def card_verifier_for_key(key: str) -> CardVerifier | None:
    """The active verifier with this key (a revoked one is inactive: it fails at once)."""
    verifier: CardVerifier | None = _ACTIVE_VERIFIER.first(verifier_key_hash(key))
    return verifier
