"""Showing the worker's full ID number, phone and address: with a reason, in the access log."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zhigong.appeals import permissions
from zhigong.appeals.models import HardshipAppeal
from zhigong.appeals.personal import address_of
from zhigong.core.actors import Actor
from zhigong.core.audit import log_access
from zhigong.core.errors import DomainError
from zhigong.core.service import service
from zhigong.members.personal import id_number_of, phone_of


@service
def appeal_reveal(*, actor: Actor, appeal: HardshipAppeal, reason: str) -> tuple[str, str, str]:
    permissions.require(permissions.can_reveal(actor, appeal), user=actor, appeal=appeal)
    reason = reason.strip()
    if len(reason) < 2:
        raise DomainError(_("请填写查看理由。"), fields={"reason": _("请填写理由。")})
    log_access(
        actor=actor,
        subject=appeal,
        fields="id_number,phone,address",
        reason=reason,
        union_path=appeal.union.path,
    )
    return id_number_of(appeal), phone_of(appeal), address_of(appeal)
