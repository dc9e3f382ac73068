"""The audit app's one write: exporting the access log (an .xlsx through the spreadsheet
kit), which is itself recorded in the audit log."""

from __future__ import annotations

from typing import IO, Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.audit.selectors import access_rows
from zhigong.core.actors import Actor
from zhigong.core.audit import Target, audit_record
from zhigong.core.errors import NotFound
from zhigong.core.models import AccessLog
from zhigong.core.service import service
from zhigong.core.sheets.writing import HEADER_STYLE, open_workbook, write_row
from zhigong.unions import policy
from zhigong.unions.roles import Perm

MAX_ROWS = 200_000
BATCH = 2000


def _columns() -> list[str]:
    return [
        _("序号"),
        _("时间"),
        _("查看人"),
        _("查看对象"),
        _("字段"),
        _("理由"),
        _("渠道"),
        _("所属工会"),
    ]


@service(atomic=False)  # streams; the audit event is written in its own transaction
def access_log_export(
    *, actor: Actor, logs: QuerySet[AccessLog], stream: IO[bytes], filters: dict[str, Any]
) -> int:
    """Write ``logs`` (the reader's scoped, filtered access log: ``selectors.access_list``)
    to ``stream`` as .xlsx, people masked as on the page; record the export. Returns the
    number of rows written."""
    if not policy.holds(actor, Perm.AUDIT_VIEW):
        raise NotFound()
    workbook = open_workbook(stream, constant_memory=True)
    sheet = workbook.add_worksheet(_("敏感信息查看记录"))
    header = workbook.add_format(HEADER_STYLE)
    write_row(sheet, 0, _columns(), header)
    sheet.set_column(0, 0, 8)
    sheet.set_column(1, 1, 18)
    sheet.set_column(2, 7, 22)
    line = 0
    chunk: list[AccessLog] = []
    for log in logs[:MAX_ROWS].iterator(chunk_size=BATCH):
        chunk.append(log)
        if len(chunk) == BATCH:
            line = _write(sheet, chunk, line)
            chunk = []
    line = _write(sheet, chunk, line)
    workbook.close()
    top = policy.scope_tops(actor, Perm.AUDIT_VIEW).first()
    audit_record(
        actor=actor,
        action="access_log.export",
        target=Target("core.accesslog", "", _("%(n)s 条") % {"n": line}),
        union=top,
        reason=_("导出敏感信息查看记录"),
        changes={
            "rows": [None, line],
            **{key: [None, str(value)] for key, value in filters.items() if value},
        },
    )
    return line


def _write(sheet: Any, logs: list[AccessLog], line: int) -> int:
    for row in access_rows(logs):
        line += 1
        write_row(
            sheet,
            line,
            [
                row.seq,
                timezone.localtime(row.at).strftime("%Y-%m-%d %H:%M:%S"),
                row.actor,
                row.subject,
                row.fields,
                row.reason,
                row.channel,
                row.union,
            ],
        )
    return line
