"""``manage.py import_members FILE [--union CODE] [--dry-run] [--error-report OUT.xlsx]``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from tqdm import tqdm

from zhigong.core.actors import SYSTEM
from zhigong.core.errors import DomainError
from zhigong.core.sheets.errors import describe
from zhigong.core.sheets.reading import SUFFIXES
from zhigong.members.importing import member_import
from zhigong.unions.models import Union

PHASES = {"check": "校验", "stream": "校验并写入", "write": "写入"}


class Progress:
    """One tqdm bar per phase (check, then write), on stderr."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None
        self.phase = ""

    def __call__(self, phase: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if phase != self.phase:
            self.close()
            self.phase = phase
            self.bar = tqdm(
                total=total or None, desc=PHASES[phase], unit="行", unit_scale=True, file=sys.stderr
            )
        if total and self.bar.total != total:
            self.bar.total = total
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class Command(BaseCommand):
    help = (
        "Import members from an .xlsx or .csv roster (姓名, 性别, 身份证号, 手机号, 民族, 政治面貌, "
        "学历, 工作单位编码, 入会日期, 岗位; or name, gender, id_number, phone, ethnicity, "
        "political_status, education, union_code, joined_on, job). All or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help=f"the file ({', '.join(sorted(SUFFIXES))})")
        parser.add_argument(
            "--union",
            metavar="CODE",
            help="rows without a union code go to this grassroots union, and every union code "
            "must lie inside its subtree",
        )
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        parser.add_argument(
            "--error-report",
            type=Path,
            metavar="XLSX",
            help="write every error to this .xlsx (行号, 列, 值, 错误说明; values masked)",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(_("找不到文件：%(path)s") % {"path": path})
        anchor = None
        if options["union"]:
            anchor = Union.objects.filter(code=options["union"]).first()
            if anchor is None:
                raise CommandError(_("找不到编码为“%(code)s”的工会。") % {"code": options["union"]})
        progress = Progress(enabled=not options["no_progress"] and options["verbosity"] > 0)
        try:
            result = member_import(
                actor=SYSTEM,
                path=path,
                filename=path.name,
                anchor=anchor,
                dry_run=options["dry_run"],
                report=options["error_report"],
                progress=progress,
            )
        except DomainError as exc:
            raise CommandError(str(exc.message)) from exc
        finally:
            progress.close()
        for warning in result.warnings:
            self.stderr.write(_("提示：") + describe(warning))
        if result.warning_count > len(result.warnings):
            self.stderr.write(_("……共 %(n)s 条提示。") % {"n": result.warning_count})
        if not result.ok:
            for error in result.errors:
                self.stderr.write(describe(error))
            if result.error_count > len(result.errors):
                self.stderr.write(
                    _("……共 %(n)s 处错误，完整列表请用 --error-report 导出。")
                    % {"n": result.error_count}
                )
            raise CommandError(
                _("导入失败：共读取 %(rows)s 行，发现 %(errors)s 处错误，未写入任何数据。")
                % {"rows": result.rows_read, "errors": result.error_count}
            )
        if result.dry_run:
            self.stdout.write(
                self.style.SUCCESS(
                    _("校验通过：共 %(rows)s 行，没有错误；这是试运行，未写入任何数据。")
                    % {"rows": result.rows_read}
                )
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                _("导入成功：新增 %(created)s 名会员，用时 %(seconds).1f 秒（%(rate).0f 行/秒）。")
                % {
                    "created": result.created,
                    "seconds": result.duration,
                    "rate": result.created / result.duration if result.duration else 0,
                }
            )
        )
