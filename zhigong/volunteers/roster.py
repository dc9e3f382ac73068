"""The roster of approved volunteers (花名册, 附件3 of seed 001) as .xlsx, streamed.

The layout is the seed's: the title 服务帮扶志愿者花名册; a line with the reporting union
(区市县、产业工会：…), its responsible person (负责人：…) and phone (联系电话：…); then the
columns 序号, 姓名, 性别, 身份证号码, 工作单位, 政治面貌, 身份, 特长. ID numbers are masked unless
the exporter holds ``volunteer.reveal`` at the union and gives a reason: that export is
written to the access log, as the members' roster export is. Rows are read with
``.iterator()`` and written with xlsxwriter's ``constant_memory`` through the spreadsheet kit
(every text with ``write_string``: never a formula)."""

from __future__ import annotations

from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhigong.core import crypto
from zhigong.core.actors import Actor, SystemActor
from zhigong.core.audit import log_access
from zhigong.core.errors import DomainError
from zhigong.core.service import service
from zhigong.core.sheets.writing import HEADER_STYLE, open_workbook
from zhigong.members.choices import Gender, PoliticalStatus
from zhigong.unions import policy
from zhigong.unions.models import Union
from zhigong.unions.roles import Perm
from zhigong.volunteers.choices import Identity, VolunteerStatus
from zhigong.volunteers.models import Volunteer

TITLE = gettext_lazy("服务帮扶志愿者花名册")
COLUMNS = [
    (gettext_lazy("序号"), 6),
    (gettext_lazy("姓名"), 10),
    (gettext_lazy("性别"), 6),
    (gettext_lazy("身份证号码"), 21),
    (gettext_lazy("工作单位"), 32),
    (gettext_lazy("政治面貌"), 12),
    (gettext_lazy("身份"), 12),
    (gettext_lazy("特长"), 24),
]
FIELDS = (
    "name",
    "gender",
    "id_number_masked",
    "id_number_encrypted",
    "id_number_index",
    "employer",
    "political_status",
    "identity",
    "specialty",
)
TABLE = Volunteer._meta.db_table
SHEET_ROWS = 1_048_576 - 3  # below the title, the reporting line and the header


def _labels(choices: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in choices}


class _Roster:
    """Sheets in 附件3's layout; a new sheet (with the same heading) after Excel's last row."""

    def __init__(self, workbook: Any, heading: tuple[str, str, str]) -> None:
        self.workbook = workbook
        self.heading = heading
        self.title = workbook.add_format({"bold": True, "font_size": 16, "align": "center"})
        self.header = workbook.add_format({**HEADER_STYLE, "align": "center"})
        self.sheet: Any = None
        self.line = SHEET_ROWS + 2

    def next_row(self) -> tuple[Any, int]:
        if self.line >= SHEET_ROWS + 2:
            self.new_sheet()
        self.line += 1
        return self.sheet, self.line

    def new_sheet(self) -> None:
        number = len(self.workbook.worksheets()) + 1
        name = str(TITLE) if number == 1 else f"{TITLE}（{number}）"
        sheet = self.sheet = self.workbook.add_worksheet(name[:31])
        last = len(COLUMNS) - 1
        sheet.merge_range(0, 0, 0, last, "", self.title)
        sheet.write_string(0, 0, str(TITLE), self.title)
        union, person, phone = self.heading
        sheet.merge_range(1, 0, 1, 3, "")
        sheet.write_string(1, 0, _("区市县、产业工会：%(union)s") % {"union": union})
        sheet.merge_range(1, 4, 1, 5, "")
        sheet.write_string(1, 4, _("负责人：%(person)s") % {"person": person})
        sheet.merge_range(1, 6, 1, last, "")
        sheet.write_string(1, 6, _("联系电话：%(phone)s") % {"phone": phone})
        for i, (heading, width) in enumerate(COLUMNS):
            sheet.set_column(i, i, width)
            sheet.write_string(2, i, str(heading), self.header)
        sheet.freeze_panes(3, 0)
        self.line = 2


@service(atomic=False)  # streams for a while; the access log is written on its own
def roster_export(
    *,
    actor: Actor,
    union: Union,
    stream: IO[bytes],
    responsible: str = "",
    phone: str = "",
    reveal: bool = False,
    reason: str = "",
) -> int:
    """Write the roster of the approved volunteers of ``union``'s subtree; returns how many."""
    policy.require_perm(actor, Perm.VOLUNTEER_VIEW, union)
    if reveal:
        if isinstance(actor, SystemActor):
            raise DomainError(_("完整信息的导出只能由有权限的工作人员在工作台发起。"))
        policy.require_perm(actor, Perm.VOLUNTEER_REVEAL, union)
        if len(reason.strip()) < 2:
            raise DomainError(_("导出完整信息必须填写理由。"), fields={"reason": _("请填写理由。")})
    genders, political, identities = (
        _labels(Gender.choices),
        _labels(PoliticalStatus.choices),
        _labels(Identity.choices),
    )
    workbook = open_workbook(stream, constant_memory=True)
    roster = _Roster(workbook, (union.name, responsible.strip()[:40], phone.strip()[:40]))
    rows = (
        Volunteer.objects.filter(
            union__path__startswith=union.path, status=VolunteerStatus.APPROVED
        )
        .order_by("union__path", "id")
        .values_list(*FIELDS)
        .iterator(chunk_size=5000)
    )
    count = 0
    for count, values in enumerate(rows, start=1):
        name, gender, masked, sealed, index, employer, status, identity, specialty = values
        shown = (
            crypto.decrypt(sealed, context=crypto.bound_to(TABLE, "id_number", index))
            if reveal
            else masked
        )
        sheet, line = roster.next_row()
        sheet.write_number(line, 0, count)
        sheet.write_string(line, 1, name)
        sheet.write_string(line, 2, genders.get(gender, gender))
        sheet.write_string(line, 3, shown)
        sheet.write_string(line, 4, employer)
        sheet.write_string(line, 5, political.get(status, status))
        sheet.write_string(line, 6, identities.get(identity, identity))
        sheet.write_string(line, 7, specialty)
    if roster.sheet is None:
        roster.new_sheet()  # an empty roster still has its heading
    if reveal:
        with transaction.atomic():
            log_access(
                actor=actor,
                subject=union,
                fields="id_number",
                reason=_("%(reason)s（导出志愿者花名册 %(n)s 人）")
                % {"reason": reason.strip(), "n": count},
                union_path=union.path,
                channel="export",
            )
    workbook.close()
    return count
