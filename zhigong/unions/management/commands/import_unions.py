"""``manage.py import_unions FILE [--dry-run] [--under CODE] [--error-report OUT.xlsx]``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from zhigong.core.actors import SYSTEM
from zhigong.core.sheets.reading import SUFFIXES
from zhigong.unions.importing import describe, union_import, write_error_report
from zhigong.unions.models import Union


class Command(BaseCommand):
    help = (
        "Import unions from an .xlsx or .csv file (columns code, name, kind, level, "
        "parent_code, region_code, short_name; or 编码, 名称, 类型, 级别, 上级编码, "
        "行政区划代码, 简称). All or nothing: any bad row and nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help=f"the file ({', '.join(sorted(SUFFIXES))})")
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        parser.add_argument(
            "--under",
            metavar="CODE",
            help="an existing union: rows without a parent go under it, and every parent "
            "from the database must lie inside it (without it they become new roots)",
        )
        parser.add_argument(
            "--error-report",
            type=Path,
            metavar="XLSX",
            help="also write the errors to this .xlsx file (行号, 列, 值, 错误说明)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(_("找不到文件：%(path)s") % {"path": path})
        anchor = None
        if options["under"]:
            anchor = Union.objects.filter(code=options["under"]).first()
            if anchor is None:
                raise CommandError(_("找不到编码为“%(code)s”的工会。") % {"code": options["under"]})
        result = union_import(
            actor=SYSTEM, source=path, filename=path.name, anchor=anchor, dry_run=options["dry_run"]
        )
        if result.errors:
            for error in result.errors:
                self.stderr.write(describe(error))
            if options["error_report"]:
                with options["error_report"].open("wb") as stream:
                    write_error_report(result.errors, stream)
            bad_rows = len({e.row for e in result.errors})
            raise CommandError(
                _(
                    "导入失败：共读取 %(rows)s 行，%(bad)s 行有错误（%(errors)s 处），"
                    "未写入任何数据。"
                )
                % {"rows": result.rows_read, "bad": bad_rows, "errors": len(result.errors)}
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
                _("导入成功：新建 %(created)s 个工会，用时 %(seconds).2f 秒。")
                % {"created": result.created, "seconds": result.duration}
            )
        )
