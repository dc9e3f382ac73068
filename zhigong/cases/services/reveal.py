"""Revealing a requester's full name and phone (to call them back): a deliberate act, with a
reason, always in the access log."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zhigong.cases import permissions
from zhigong.cases.models import Case
from zhigong.cases.personal import name_of, phone_of
from zhigong.core.actors import Actor
from zhigong.core.audit import log_access
from zhigong.core.errors import DomainError
from zhigong.core.service import service


@service
def case_reveal_requester(
    *, actor: Actor, case: Case, reason: str, channel: str = "case-page"
) -> dict[str, str]:
    """The requester's full name and phone, after checking and logging."""
    permissions.require(permissions.can_reveal_requester(actor, case), user=actor, case=case)
    reason = (reason or "").strip()
    if len(reason) < 2:
        raise DomainError(_("查看完整信息必须填写理由。"), fields={"reason": _("请填写理由。")})
    log_access(
        actor=actor,
        subject=case,
        fields="name,phone",
        reason=reason[:500],
        union_path=case.union.path,
        channel=channel,
    )
    return {"name": name_of(case), "phone": phone_of(case)}
