"""Revealing a full ID number or phone: a deliberate act, with a reason, always logged."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zhigong.accounts.roles import Perm
from zhigong.audit.models import AccessLog
from zhigong.core.errors import DomainError
from zhigong.members.models import Member
from zhigong.members.personal import id_number_of, phone_of
from zhigong.unions import policy

REVEALABLE = ("id_number", "phone")


def log_access(
    actor: Any, *, subject: Any, fields: str, reason: str, union_path: str, channel: str = "page"
) -> AccessLog:
    return AccessLog.objects.create(
        actor=actor,
        actor_label=getattr(actor, "username", "system"),
        subject_type=subject._meta.label_lower,
        subject_id=str(subject.pk),
        subject_label=str(subject)[:255],
        fields=fields,
        reason=reason,
        union_path=union_path,
        channel=channel,
    )


@transaction.atomic
def member_reveal(
    actor: Any, *, member: Member, fields: list[str], reason: str, channel: str = "page"
) -> dict[str, str]:
    """The plain values of ``fields`` for a member, after checking and logging."""
    policy.require_perm(actor, Perm.MEMBER_VIEW, member.union)
    policy.require_perm(actor, Perm.MEMBER_REVEAL, member.union)
    wanted = [f for f in fields if f in REVEALABLE]
    if not wanted:
        raise DomainError(_("请选择要查看的字段。"), fields={"fields": _("请选择。")})
    if len(reason.strip()) < 2:
        raise DomainError(_("查看完整信息必须填写理由。"), fields={"reason": _("请填写理由。")})
    log_access(
        actor,
        subject=member,
        fields=",".join(wanted),
        reason=reason.strip(),
        union_path=member.union.path,
        channel=channel,
    )
    values = {"id_number": id_number_of, "phone": phone_of}
    return {field: values[field](member) for field in wanted}
