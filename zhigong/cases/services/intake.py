"""How a case comes in (CASE-1, CASE-5): submitted by the requester on the portal or the app,
or recorded by staff for a hotline caller, a visitor or a letter.

The case goes to the holder its routing gives (``routing.route_new``: the service centre of
the requester's county or district federation) and waits there to be accepted. A member's
name and phone come from their member record; a worker who is not a member gives their name
and phone and chooses the district. A hotline caller's phone finds their member record
through the blind index."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.cases import figures, files, permissions, routing
from zhigong.cases.choices import CaseKind, CaseStatus, Category, Channel, StepKind
from zhigong.cases.models import Case
from zhigong.cases.personal import set_requester
from zhigong.cases.timeline import case_url, new_reference, step
from zhigong.core.actors import Actor, SystemActor, acting_user
from zhigong.core.audit import audit_record
from zhigong.core.errors import DomainError, PermissionDenied
from zhigong.core.phones import check_mobile, normalise_mobile
from zhigong.core.service import service
from zhigong.members.choices import MemberStatus
from zhigong.members.models import Member
from zhigong.members.personal import phone_index, phone_of
from zhigong.notifications.services import notify
from zhigong.unions.models import Union, UnionKind

DESCRIPTION_MAX = 5000
CALL_SECONDS_MAX = 24 * 3600


@dataclass(frozen=True)
class CaseInput:
    """What a requester (or the staff member taking a call) says about the case."""

    kind: str
    category: str
    description: str
    employer: str = ""
    channel: str = Channel.PORTAL
    name: str = ""  # a worker who is not a member
    phone: str = ""
    district: Union | None = None


def _choice(value: str, choices: Any, field: str, message: str) -> str:
    if value not in choices.values:
        raise DomainError(message, fields={field: message})
    return value


def _text(value: str, field: str, *, limit: int, required: str = "") -> str:
    text = (value or "").strip()
    if required and not text:
        raise DomainError(required, fields={field: required})
    if len(text) > limit:
        message = _("不能超过 %(n)d 个字。") % {"n": limit}
        raise DomainError(message, fields={field: message})
    return text


def _checked(data: CaseInput) -> CaseInput:
    return CaseInput(
        kind=_choice(data.kind, CaseKind, "kind", _("请选择诉求类型。")),
        category=_choice(data.category, Category, "category", _("请选择问题类别。")),
        channel=_choice(data.channel, Channel, "channel", _("渠道无效。")),
        description=_text(
            data.description, "description", limit=DESCRIPTION_MAX, required=_("请写明您的诉求。")
        ),
        employer=_text(data.employer, "employer", limit=200),
        name=_text(data.name, "name", limit=64),
        phone=normalise_mobile(data.phone or ""),
        district=data.district,
    )


def _phone(phone: str, *, required: bool) -> str:
    if not phone:
        if required:
            raise DomainError(
                _("请填写手机号。"), fields={"phone": _("请填写手机号，以便联系您。")}
            )
        return ""
    problem = check_mobile(phone)
    if problem:
        raise DomainError(problem, fields={"phone": problem})
    return phone


def _district(district: Union | None) -> Union:
    if district is None or not district.is_active or district.kind != UnionKind.FEDERATION:
        message = _("请选择您工作所在的区（县）总工会。")
        raise DomainError(message, fields={"district": message})
    return district


def active_member_of(user: Any) -> Member | None:
    if user is None or isinstance(user, SystemActor) or not getattr(user, "pk", None):
        return None
    return (
        Member.objects.select_related("union").filter(user=user, status=MemberStatus.ACTIVE).first()
    )


def member_by_phone(phone: str) -> Member | None:
    """The active member with this phone (the blind index, no decryption); None when the
    number is unknown or shared by several members (staff then choose the district)."""
    phone = normalise_mobile(phone or "")
    if not phone or check_mobile(phone):
        return None
    found = list(
        Member.objects.select_related("union", "user").filter(
            phone_index=phone_index(phone), status=MemberStatus.ACTIVE
        )[:2]
    )
    return found[0] if len(found) == 1 else None


def _create(
    *,
    actor: Actor,
    data: CaseInput,
    origin: Union,
    name: str,
    phone: str,
    requester: Any,
    member: Member | None,
    **extra: Any,
) -> Case:
    holder = routing.route_new(origin, data.kind)
    for _attempt in range(5):
        case = Case(
            reference=new_reference(data.kind),
            kind=data.kind,
            channel=data.channel,
            category=data.category,
            status=CaseStatus.SUBMITTED,
            requester=requester,
            member=member,
            origin=origin,
            employer=data.employer,
            description=data.description,
            union=holder.union,
            centre=holder.centre,
            **extra,
        )
        set_requester(case, name=name, phone=phone)
        try:
            with transaction.atomic():
                case.save()
            break
        except IntegrityError:  # the random reference was taken meanwhile: draw again
            continue
    else:  # pragma: no cover - five collisions of a 1-in-100,000 draw
        raise DomainError(_("编号生成失败，请重试。"))
    figures.received(case)
    audit_record(
        actor=actor,
        action="case.submit",
        target=case,
        union=case.union,
        changes={
            "kind": [None, case.kind],
            "channel": [None, case.channel],
            "category": [None, case.category],
            "union": [None, case.union.code],
        },
    )
    return case


@service
def case_submit(*, actor: Actor, data: CaseInput, uploads: Iterable[Any] = ()) -> Case:
    """The requester's own case, from the portal or the app."""
    if isinstance(actor, SystemActor):
        raise PermissionDenied(_("诉求须由职工本人提交；热线来电请用登记来电。"))
    data = _checked(data)
    if data.channel not in (Channel.PORTAL, Channel.APP):
        raise DomainError(_("渠道无效。"), fields={"channel": _("渠道无效。")})
    checked = files.check_uploads(uploads)
    member = active_member_of(actor)
    if member is not None:
        origin: Union = member.union
        name = member.name
        phone = _phone(data.phone, required=False) or phone_of(member)
    else:
        origin = _district(data.district)
        name = data.name or str(getattr(actor, "full_name", "") or "")
        if not name:
            raise DomainError(_("请填写姓名。"), fields={"name": _("请填写姓名。")})
        phone = _phone(data.phone, required=True)
    case = _create(
        actor=actor,
        data=data,
        origin=origin,
        name=name,
        phone=phone,
        requester=actor,
        member=member,
    )
    submitted = step(case, StepKind.SUBMITTED, actor=actor, union=case.union)
    notify(
        actor,
        title=_("已收到您的诉求"),
        body=_("编号 %(ref)s，已转到%(holder)s，受理后会告诉您答复期限。")
        % {"ref": case.reference, "holder": case.centre.name if case.centre else case.union.name},
        url=case_url(case),
    )
    files.save_attachments(
        case, checked, uploader=actor, step=submitted
    )  # last: nothing after it can fail
    return case


@dataclass(frozen=True)
class CallInput:
    """A hotline call: when it started and how long it took."""

    started_at: dt.datetime
    seconds: int


@service
def case_record_call(
    *, actor: Actor, data: CaseInput, call: CallInput | None = None, uploads: Iterable[Any] = ()
) -> Case:
    """Staff record a case on a worker's behalf: a hotline call (with its time and
    duration), a visit or a letter. The caller's phone finds their member record; a caller
    who is not a member (or not found) gives a name and the district."""
    if not permissions.can_record_call(actor):
        raise PermissionDenied()
    data = _checked(data)
    if data.channel not in (Channel.HOTLINE, Channel.WALK_IN, Channel.LETTER):
        raise DomainError(_("渠道无效。"), fields={"channel": _("渠道无效。")})
    extra: dict[str, Any] = {"entered_by": acting_user(actor)}
    if data.channel == Channel.HOTLINE:
        if call is None:
            raise DomainError(_("请填写来电时间。"), fields={"call_started_at": _("请填写。")})
        if call.started_at > timezone.now() + dt.timedelta(minutes=5):
            message = _("来电时间不能晚于现在。")
            raise DomainError(message, fields={"call_started_at": message})
        if not 0 <= call.seconds <= CALL_SECONDS_MAX:
            message = _("通话时长应在 0 至 24 小时之间。")
            raise DomainError(message, fields={"call_seconds": message})
        extra.update(call_started_at=call.started_at, call_seconds=call.seconds)
    checked = files.check_uploads(uploads)
    phone = _phone(data.phone, required=data.channel == Channel.HOTLINE)
    member = member_by_phone(phone) if phone else None
    if member is not None:
        origin: Union = member.union
        name = data.name or member.name
        requester = member.user
    else:
        origin = _district(data.district)
        name = data.name
        if not name:
            raise DomainError(_("请填写来电人姓名。"), fields={"name": _("请填写姓名。")})
        requester = None
    case = _create(
        actor=actor,
        data=data,
        origin=origin,
        name=name,
        phone=phone,
        requester=requester,
        member=member,
        **extra,
    )
    if data.channel == Channel.HOTLINE:
        assert call is not None
        minutes, seconds = divmod(call.seconds, 60)
        note = _("来电 %(at)s，通话 %(m)d 分 %(s)d 秒") % {
            "at": timezone.localtime(call.started_at).strftime("%Y-%m-%d %H:%M"),
            "m": minutes,
            "s": seconds,
        }
        kind = StepKind.HOTLINE
    else:
        note = str(Channel(data.channel).label)
        kind = StepKind.SUBMITTED
    made = step(case, kind, actor=actor, note=note, union=case.union)
    if requester is not None:
        notify(
            requester,
            title=_("您的来电诉求已登记"),
            body=_("编号 %(ref)s，可在“我的诉求”中查看办理进度。") % {"ref": case.reference},
            url=case_url(case),
        )
    files.save_attachments(
        case, checked, uploader=actor, step=made
    )  # last: nothing after it can fail
    return case
