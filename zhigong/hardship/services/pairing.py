"""One-to-one pairs (一助一结对, VOL-4, seed 001 §4.1): staff pair an approved volunteer with a
hardship file, or a volunteer chooses a file offered to them and staff other than the
volunteer confirm it; the volunteer (or staff) logs visits; a pair without a visit for 30
days is an alert; a staff member hands a pair over to another volunteer; when a volunteer
leaves (``volunteers.hooks``) their pairs end and the files show as unpaired.

A file has at most one pair that holds it (asked for or active): a database constraint, so
two volunteers choosing the same file at the same moment cannot both hold it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.core.actors import Actor, acting_user
from zhigong.core.audit import audit_record
from zhigong.core.errors import Conflict, DomainError, NotFound
from zhigong.core.service import service
from zhigong.core.workflow import transition
from zhigong.hardship import permissions
from zhigong.hardship.choices import (
    EndReason,
    FileStatus,
    Frequency,
    PairingStatus,
    Satisfaction,
)
from zhigong.hardship.models import PAIRING_FLOW, HardshipFile, Pairing, Visit
from zhigong.notifications.services import notify
from zhigong.volunteers.choices import VolunteerStatus
from zhigong.volunteers.models import Volunteer

P = PairingStatus


@dataclass(frozen=True)
class Agreement:
    """The service agreement: what help, how often, from when."""

    service: str
    frequency: str
    starts_on: dt.date


def _check_agreement(agreement: Agreement) -> None:
    errors: dict[str, str] = {}
    if not agreement.service.strip():
        errors["service"] = _("请填写服务内容。")
    if agreement.frequency not in Frequency.values:
        errors["frequency"] = _("请选择服务频次。")
    if errors:
        raise DomainError(next(iter(errors.values())), fields=errors)


def covers(volunteer: Volunteer, file: HardshipFile) -> bool:
    """A volunteer serves the files of their district/county or industry union's subtree
    (the union their quota counts in), else of their own union's."""
    area = volunteer.quota_union or volunteer.union
    return file.union.path.startswith(area.path)


def _check_volunteer(volunteer: Volunteer, file: HardshipFile) -> None:
    if volunteer.status != VolunteerStatus.APPROVED:
        raise DomainError(
            _("只有已批准的志愿者可以结对。"), fields={"volunteer": _("该志愿者未获批准或已退出。")}
        )
    if not covers(volunteer, file):
        raise DomainError(
            _("该志愿者不在这位职工所在的区县（产业）工会范围内。"),
            fields={"volunteer": _("请选择本区域的志愿者。")},
        )


def _hold(pairing: Pairing) -> Pairing:
    try:
        with transaction.atomic():
            pairing.save()
    except IntegrityError:
        raise Conflict(
            _("这位职工已有结对志愿者（或已有志愿者认领，等待确认）。"), code="already_paired"
        ) from None
    return pairing


def _open_file(file: HardshipFile) -> HardshipFile:
    file = HardshipFile.objects.select_for_update().select_related("union").get(pk=file.pk)
    if file.status != FileStatus.OPEN:
        raise DomainError(_("这份档案已结档，不能结对。"), code="file_closed")
    return file


def _pairing(
    file: HardshipFile,
    volunteer: Volunteer,
    agreement: Agreement,
    *,
    actor: Actor,
    status: str,
    **decided: Any,
) -> Pairing:
    """A new pair on the terms of the service agreement, asked for by ``actor`` (saved by
    ``_hold``)."""
    return Pairing(
        file=file,
        volunteer=volunteer,
        status=status,
        service=agreement.service.strip(),
        frequency=agreement.frequency,
        starts_on=agreement.starts_on,
        last_seen_on=agreement.starts_on,
        requested_by=acting_user(actor),
        **decided,
    )


@service
def pairing_create(
    *,
    actor: Actor,
    file: HardshipFile,
    volunteer: Volunteer,
    agreement: Agreement,
    follows: Pairing | None = None,
) -> Pairing:
    """Staff pair a volunteer with the file directly (the pair is active at once)."""
    file = _open_file(file)
    permissions.require(permissions.can_pair(actor, file), user=actor, file=file)
    _check_volunteer(volunteer, file)
    _check_agreement(agreement)
    pairing = _hold(
        _pairing(
            file,
            volunteer,
            agreement,
            actor=actor,
            status=P.ACTIVE,
            decided_by=acting_user(actor),
            follows=follows,
        )
    )
    audit_record(
        actor=actor,
        action="pairing.create",
        target=pairing,
        union=file.union,
        changes={"volunteer": [None, volunteer.name], "status": [None, P.ACTIVE]},
    )
    _tell_volunteer(
        volunteer, _("新的一助一结对"), _("工会为您安排了一助一结对对象，请按约定走访。")
    )
    return pairing


@service
def pairing_choose(
    *, actor: Actor, volunteer: Volunteer, file: HardshipFile, agreement: Agreement
) -> Pairing:
    """A volunteer chooses a file offered to them; it waits for staff to confirm."""
    if volunteer.applicant_id is None or acting_user(actor) is None:
        raise NotFound()
    if actor.pk != volunteer.applicant_id:
        raise NotFound()
    file = _open_file(file)
    _check_volunteer(volunteer, file)
    _check_agreement(agreement)
    pairing = _hold(_pairing(file, volunteer, agreement, actor=actor, status=P.REQUESTED))
    audit_record(
        actor=actor,
        action="pairing.choose",
        target=pairing,
        union=file.union,
        changes={"status": [None, P.REQUESTED]},
    )
    return pairing


@service
def pairing_decide(*, actor: Actor, pairing: Pairing, approve: bool, reason: str = "") -> Pairing:
    """Confirm or decline a volunteer's choice (never by the volunteer who asked)."""
    pairing = _locked(pairing)
    if not permissions.can_decide_request(actor, pairing):
        permissions.require_on_pairing(False, user=actor, pairing=pairing)
    reason = reason.strip()
    if not approve and not reason:
        raise DomainError(_("不确认须填写理由。"), fields={"reason": _("请填写理由。")})
    pairing.decided_by = acting_user(actor)
    if approve:
        today = timezone.localdate()
        if pairing.starts_on < today:
            pairing.starts_on = pairing.last_seen_on = today
    transition(
        pairing,
        PAIRING_FLOW,
        P.ACTIVE if approve else P.DECLINED,
        actor=actor,
        union=pairing.file.union,
        reason=reason,
        from_=(P.REQUESTED,),
    )
    if approve:
        _tell_volunteer(pairing.volunteer, _("结对已确认"), _("工会已确认您认领的一助一结对。"))
    else:
        _tell_volunteer(pairing.volunteer, _("结对未确认"), reason)
    return pairing


def _locked(pairing: Pairing) -> Pairing:
    return (
        Pairing.objects.select_for_update(of=("self",))
        .select_related("file__union", "volunteer")
        .get(pk=pairing.pk)
    )


@service
def visit_log(
    *,
    actor: Actor,
    pairing: Pairing,
    visited_on: dt.date,
    minutes: int,
    what: str,
    satisfaction: str,
) -> Visit:
    pairing = _locked(pairing)
    permissions.require_on_pairing(
        permissions.can_log_visit(actor, pairing), user=actor, pairing=pairing
    )
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if visited_on > today:
        errors["visited_on"] = _("走访日期不能晚于今天。")
    elif visited_on < pairing.starts_on:
        errors["visited_on"] = _("走访日期不能早于结对开始日期。")
    if not 1 <= minutes <= 24 * 60:
        errors["minutes"] = _("时长应在 1 到 1440 分钟之间。")
    if not what.strip():
        errors["what"] = _("请填写服务内容。")
    if satisfaction not in Satisfaction.values:
        errors["satisfaction"] = _("请选择职工满意度。")
    if errors:
        raise DomainError(next(iter(errors.values())), fields=errors)
    visit = Visit.objects.create(
        pairing=pairing,
        visited_on=visited_on,
        minutes=minutes,
        what=what.strip(),
        satisfaction=satisfaction,
        by=acting_user(actor),
    )
    if visited_on > pairing.last_seen_on:
        pairing.last_seen_on = visited_on
        pairing.save(update_fields=["last_seen_on", "updated_at"])
    audit_record(
        actor=actor,
        action="pairing.visit",
        target=pairing,
        union=pairing.file.union,
        changes={"visited_on": [None, str(visited_on)], "satisfaction": [None, satisfaction]},
    )
    return visit


def end_pairing_locked(pairing: Pairing, *, actor: Actor, reason: str, note: str) -> None:
    """End an active pair (or decline a waiting choice) inside the caller's transaction."""
    if pairing.status == P.REQUESTED:
        pairing.decided_by = acting_user(actor)
        transition(
            pairing,
            PAIRING_FLOW,
            P.DECLINED,
            actor=actor,
            union=pairing.file.union,
            reason=str(EndReason(reason).label),
        )
        return
    pairing.ended_on = timezone.localdate()
    pairing.end_reason, pairing.end_note = reason, note
    transition(
        pairing,
        PAIRING_FLOW,
        P.ENDED,
        actor=actor,
        union=pairing.file.union,
        reason=f"{EndReason(reason).label} {note}".strip(),
        from_=(P.ACTIVE,),
        message=_("这个结对已经结束。"),
    )


@service
def pairing_end(*, actor: Actor, pairing: Pairing, note: str) -> Pairing:
    """Staff end a pair (the file goes back to the unpaired list)."""
    pairing = _locked(pairing)
    permissions.require_on_pairing(permissions.can_end(actor, pairing), user=actor, pairing=pairing)
    if not note.strip():
        raise DomainError(_("请填写结束结对的理由。"), fields={"note": _("请填写理由。")})
    end_pairing_locked(pairing, actor=actor, reason=EndReason.OTHER, note=note.strip())
    _tell_volunteer(pairing.volunteer, _("结对已结束"), note.strip())
    return pairing


@service
def pairing_handover(
    *, actor: Actor, pairing: Pairing, volunteer: Volunteer, note: str = ""
) -> Pairing:
    """Hand the pair over to another volunteer: the old pair ends (its history stays), a
    new one starts today with the same agreement."""
    pairing = _locked(pairing)
    permissions.require_on_pairing(permissions.can_end(actor, pairing), user=actor, pairing=pairing)
    if volunteer.pk == pairing.volunteer_id:
        raise DomainError(
            _("请选择另一位志愿者。"), fields={"volunteer": _("请选择另一位志愿者。")}
        )
    _check_volunteer(volunteer, pairing.file)
    end_pairing_locked(pairing, actor=actor, reason=EndReason.HANDOVER, note=note.strip())
    _tell_volunteer(pairing.volunteer, _("结对已移交"), _("您的一助一结对已移交其他志愿者。"))
    return pairing_create(
        actor=actor,
        file=pairing.file,
        volunteer=volunteer,
        agreement=Agreement(pairing.service, pairing.frequency, timezone.localdate()),
        follows=pairing,
    )


@service
def end_pairs_of_volunteer(*, actor: Actor, volunteer: Volunteer, reason: str) -> int:
    """``volunteers.hooks.on_leave``: the leaving volunteer's pairs end ("volunteer left"),
    inside the leaving's transaction; their files show on the unpaired page. Only for a
    volunteer who has left: ``volunteer_leave`` authorised that."""
    if volunteer.status != VolunteerStatus.LEFT:
        raise DomainError(_("该志愿者没有退出。"), code="not_left")
    pairs = list(
        Pairing.objects.select_for_update(of=("self",))
        .filter(volunteer=volunteer, status__in=(P.ACTIVE, P.REQUESTED))
        .select_related("file__union", "volunteer")
    )
    for pairing in pairs:
        end_pairing_locked(pairing, actor=actor, reason=EndReason.VOLUNTEER_LEFT, note=reason)
    return len(pairs)


def _tell_volunteer(volunteer: Volunteer, title: str, body: str) -> None:
    if volunteer.applicant_id is None:
        return
    user: Any = volunteer.applicant
    notify(user, title=title, body=body)
