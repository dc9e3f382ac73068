"""The attendance list of an event as .xlsx, through the spreadsheet kit (text stays text,
never a formula). Masked (张*丰, 138****1234) unless the exporter may reveal the members'
data at the organising union (``member.reveal``) and gives a reason: then the full names and
phones, and the export is an entry of the access log."""

from __future__ import annotations

from typing import IO

from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.core.actors import Actor, SystemActor
from zhigong.core.audit import audit_record, log_access
from zhigong.core.errors import DomainError, PermissionDenied
from zhigong.core.masking import mask_name
from zhigong.core.service import service
from zhigong.core.sheets.writing import HEADER_STYLE, open_workbook, write_row
from zhigong.events import permissions, selectors
from zhigong.events.choices import SignupStatus
from zhigong.events.models import Event
from zhigong.members.choices import Gender
from zhigong.members.personal import phone_of


def _columns() -> list[str]:
    return [
        _("序号"),
        _("姓名"),
        _("性别"),
        _("手机号"),
        _("所属工会"),
        _("报名状态"),
        _("报名时间"),
        _("签到时间"),
        _("现场登记"),
    ]


def _when(value: object) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""  # type: ignore[arg-type]


@service
def attendance_export(
    *, actor: Actor, event: Event, stream: IO[bytes], reveal: bool = False, reason: str = ""
) -> int:
    """Write the sign-ups of ``event`` (places, waiting list, cancellations) to ``stream``;
    returns the number of rows."""
    permissions.require(permissions.can_manage_event(actor, event), user=actor, event=event)
    reason = reason.strip()
    if reveal:
        if isinstance(actor, SystemActor) or not permissions.can_reveal_attendees(actor, event):
            raise PermissionDenied()
        if len(reason) < 2:
            raise DomainError(_("导出完整信息必须填写理由。"), fields={"reason": _("请填写理由。")})
    genders = {str(k): str(v) for k, v in Gender.choices}
    statuses = {str(k): str(v) for k, v in SignupStatus.choices}
    workbook = open_workbook(stream)
    sheet = workbook.add_worksheet(_("签到名单"))
    write_row(sheet, 0, _columns(), workbook.add_format(HEADER_STYLE))
    sheet.set_column(0, 0, 6)
    sheet.set_column(1, 8, 16)
    line = 0
    for line, signup in enumerate(selectors.event_signups(event).iterator(), start=1):
        member = signup.member
        write_row(
            sheet,
            line,
            [
                line,
                member.name if reveal else mask_name(member.name),
                genders.get(signup.gender, signup.gender),
                phone_of(member) if reveal else member.phone_masked,
                member.union.name,
                statuses.get(signup.status, signup.status),
                _when(signup.created_at),
                _when(signup.attended_at),
                _("是") if signup.walk_in else "",
            ],
        )
    workbook.close()
    if reveal:
        log_access(
            actor=actor,
            subject=event,
            fields="name,phone",
            reason=_("%(reason)s（导出活动名单 %(n)s 人）") % {"reason": reason, "n": line},
            union_path=event.union.path,
            channel="event-export",
        )
    audit_record(
        actor=actor,
        action="event.export",
        target=event,
        union=event.union,
        reason=reason,
        changes={"rows": [None, line], "reveal": [None, reveal]},
    )
    return line
