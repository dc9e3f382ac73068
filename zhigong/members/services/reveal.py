"""Revealing a full ID number or phone: a deliberate act, with a reason, always logged."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zhigong.core.actors import Actor
from zhigong.core.audit import log_reveal
from zhigong.core.errors import DomainError
from zhigong.core.service import service
from zhigong.members import permissions
from zhigong.members.models import Member
from zhigong.members.personal import id_number_of, phone_of
from zhigong.unions import policy

REVEALABLE = ("id_number", "phone")


@service
def member_reveal(
    *, actor: Actor, member: Member, fields: list[str], reason: str, channel: str = "page"
) -> dict[str, str]:
    """The plain values of ``fields`` for a member, after checking and logging."""
    policy.require(permissions.can_reveal_member(actor, member), user=actor, union=member.union)
    wanted = [f for f in fields if f in REVEALABLE]
    if not wanted:
        raise DomainError(_("请选择要查看的字段。"), fields={"fields": _("请选择。")})
    log_reveal(
        actor=actor,
        subject=member,
        fields=",".join(wanted),
        reason=reason,
        union_path=member.union.path,
        channel=channel,
    )
    values = {"id_number": id_number_of, "phone": phone_of}
    return {field: values[field](member) for field in wanted}
