"""The list of hardship files as .xlsx (through the spreadsheet kit), masked: ID numbers as
their masked form, no phone, address, health or income. Rows are read with ``.iterator()``
and written in ``constant_memory`` mode, every text as text (never a formula)."""

from __future__ import annotations

from typing import IO, Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhigong.core.labels import choice_label
from zhigong.core.sheets.writing import HEADER_STYLE, open_workbook, write_row
from zhigong.hardship.choices import Cause, FileStatus, PairingStatus
from zhigong.hardship.models import HardshipFile, Pairing
from zhigong.members.choices import Gender

COLUMNS = [
    (gettext_lazy("序号"), 6),
    (gettext_lazy("姓名"), 10),
    (gettext_lazy("性别"), 6),
    (gettext_lazy("身份证号码"), 21),
    (gettext_lazy("建档工会"), 30),
    (gettext_lazy("致困原因"), 12),
    (gettext_lazy("家庭人口"), 8),
    (gettext_lazy("帮扶需求"), 36),
    (gettext_lazy("结对志愿者"), 12),
    (gettext_lazy("复核日期"), 12),
    (gettext_lazy("状态"), 10),
]


def files_export(files: QuerySet[HardshipFile], stream: IO[bytes]) -> int:
    """Write ``files`` (already scoped by the caller's selector) to ``stream``; the rows."""
    volunteer = Pairing.objects.filter(file=OuterRef("pk"), status=PairingStatus.ACTIVE).values(
        "volunteer__name"
    )[:1]
    rows = (
        files.annotate(volunteer_name=Subquery(volunteer))
        .values_list(
            "name",
            "gender",
            "id_number_masked",
            "union__name",
            "cause",
            "household_size",
            "needs",
            "volunteer_name",
            "review_on",
            "status",
        )
        .order_by("union__path", "id")
    )
    workbook = open_workbook(stream, constant_memory=True)
    sheet = workbook.add_worksheet(_("困难职工档案"))
    header = workbook.add_format(HEADER_STYLE)
    for column, (_title, width) in enumerate(COLUMNS):
        sheet.set_column(column, column, width)
    write_row(sheet, 0, [str(title) for title, _w in COLUMNS], header)
    count = 0
    for count, row in enumerate(rows.iterator(chunk_size=2000), start=1):
        name, gender, masked, union, cause, size, needs, vol, review, status = row
        values: list[Any] = [
            count,
            name,
            choice_label(Gender, gender),
            masked,
            union,
            choice_label(Cause, cause),
            size,
            needs,
            vol or "",
            review.isoformat() if review else "",
            choice_label(FileStatus, status),
        ]
        write_row(sheet, count, values)
    workbook.close()
    return count
