"""Roster export: the members of a union's whole subtree as .xlsx, streamed.

Masked by default. An unmasked export is a reveal: it needs ``member.reveal`` at the union
and a reason, and is written to the access log (one row naming the union and the count).
Rows are read with ``.iterator(chunk_size=5000)`` and written with xlsxwriter's
``constant_memory`` mode, so a million members never sit in memory. The workbook comes from
the spreadsheet kit (``zhigong.core.sheets.writing``), and every text is written with
``write_string``: a name such as ``=HYPERLINK(…)`` stays a name.
"""

from __future__ import annotations

from typing import IO, Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhigong.core import crypto
from zhigong.core.actors import Actor, SystemActor
from zhigong.core.audit import log_access
from zhigong.core.errors import DomainError
from zhigong.core.service import service
from zhigong.core.sheets.writing import HEADER_STYLE, open_workbook
from zhigong.members.choices import Education, Gender, MemberStatus, PoliticalStatus
from zhigong.members.models import Member
from zhigong.unions import policy
from zhigong.unions.models import Union
from zhigong.unions.roles import Perm

COLUMNS = [
    (gettext_lazy("序号"), 6),
    (gettext_lazy("姓名"), 10),
    (gettext_lazy("性别"), 5),
    (gettext_lazy("身份证号"), 20),
    (gettext_lazy("手机号"), 13),
    (gettext_lazy("民族"), 8),
    (gettext_lazy("政治面貌"), 12),
    (gettext_lazy("学历"), 14),
    (gettext_lazy("工作单位"), 30),
    (gettext_lazy("入会日期"), 11),
    (gettext_lazy("状态"), 7),
]
FIELDS = (
    "name",
    "gender",
    "ethnicity",
    "political_status",
    "education",
    "joined_on",
    "status",
    "id_number_masked",
    "phone_masked",
    "id_number_encrypted",
    "phone_encrypted",
    "id_number_index",
    "union__name",
)


def roster_queryset(union: Union, status: str = "") -> QuerySet[Member]:
    members = Member.objects.filter(union__path__startswith=union.path)
    if status:
        members = members.filter(status=status)
    return members


TABLE = Member._meta.db_table
SHEET_ROWS = 1_048_575  # an Excel sheet holds 1,048,576 rows, the header included


class _Sheets:
    """Sheets of at most ``SHEET_ROWS`` members, each with the header: a city's roster of
    more than a million does not stop at Excel's last row (xlsxwriter would drop the rest
    without a word)."""

    def __init__(self, workbook: Any, header_format: Any) -> None:
        self.workbook = workbook
        self.header_format = header_format
        self.sheet: Any = None
        self.line = SHEET_ROWS  # the row last written in the current sheet

    def next_row(self) -> tuple[Any, int]:
        """The sheet and row for the next member."""
        if self.line >= SHEET_ROWS:
            self.new_sheet()
        self.line += 1
        return self.sheet, self.line

    def new_sheet(self) -> None:
        number = len(self.workbook.worksheets()) + 1
        title = _("会员花名册") if number == 1 else f"{_('会员花名册')}（{number}）"
        self.sheet = self.workbook.add_worksheet(title)
        for i, (heading, width) in enumerate(COLUMNS):
            self.sheet.set_column(i, i, width)
            self.sheet.write_string(0, i, str(heading), self.header_format)
        self.sheet.freeze_panes(1, 0)
        self.line = 0


@service(atomic=False)  # streams for minutes; the access log is written on its own
def roster_export(
    *,
    actor: Actor,
    union: Union,
    stream: IO[bytes],
    status: str = "",
    reveal: bool = False,
    reason: str = "",
) -> int:
    """Write the roster of ``union``'s subtree to ``stream``; returns the number of members.

    ``SYSTEM`` is an operator on the command line: masked exports only, since a full export
    must name the person who asked for it and why.
    """
    policy.require_perm(actor, Perm.MEMBER_VIEW, union)
    if reveal:
        if isinstance(actor, SystemActor):
            raise DomainError(_("完整信息的导出只能由有权限的工作人员在工作台发起。"))
        policy.require_perm(actor, Perm.MEMBER_REVEAL, union)
        if len(reason.strip()) < 2:
            raise DomainError(_("导出完整信息必须填写理由。"), fields={"reason": _("请填写理由。")})
    labels = {
        "gender": {str(k): str(v) for k, v in Gender.choices},
        "political_status": {str(k): str(v) for k, v in PoliticalStatus.choices},
        "education": {str(k): str(v) for k, v in Education.choices},
        "status": {str(k): str(v) for k, v in MemberStatus.choices},
    }
    workbook = open_workbook(stream, constant_memory=True)
    bold = workbook.add_format(HEADER_STYLE)
    sheets = _Sheets(workbook, bold)
    rows = (
        roster_queryset(union, status)
        .select_related("union")
        .order_by("union__path", "id")
        .values_list(*FIELDS)
        .iterator(chunk_size=5000)
    )
    count = 0
    for count, values in enumerate(rows, start=1):
        (name, gender, ethnicity, political, education, joined, state, id_masked, phone_masked,
         id_sealed, phone_sealed, row, union_name) = values  # fmt: skip
        if reveal:
            id_shown = crypto.decrypt(id_sealed, context=crypto.bound_to(TABLE, "id_number", row))
            phone_shown = (
                crypto.decrypt(phone_sealed, context=crypto.bound_to(TABLE, "phone", row))
                if phone_sealed
                else ""
            )
        else:
            id_shown, phone_shown = id_masked, phone_masked
        sheet, line = sheets.next_row()
        # Cell by cell with the typed calls: write_row's dispatch on each value's type costs
        # a third of the time of a million-row export.
        sheet.write_number(line, 0, count)
        for column, text in enumerate(
            (
                name,
                labels["gender"].get(gender, gender),
                id_shown,
                phone_shown,
                ethnicity,
                labels["political_status"].get(political, political),
                labels["education"].get(education, education),
                union_name,
                joined.isoformat(),
                labels["status"].get(state, state),
            ),
            start=1,
        ):
            sheet.write_string(line, column, text)
    if sheets.sheet is None:
        sheets.new_sheet()  # an empty roster still has its header
    if reveal:
        with transaction.atomic():
            log_access(
                actor=actor,
                subject=union,
                fields="id_number,phone",
                reason=_("%(reason)s（导出花名册 %(n)s 人）")
                % {"reason": reason.strip(), "n": count},
                union_path=union.path,
                channel="export",
            )
    workbook.close()
    return count
