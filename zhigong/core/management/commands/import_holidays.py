from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from zhigong.core.actors import SYSTEM
from zhigong.core.errors import DomainError
from zhigong.core.holidays import HolidaySheetRefused, holidays_import
from zhigong.core.sheets.errors import describe


class Command(BaseCommand):
    help = (
        "Import the State Council's holiday notice typed into a sheet (.xlsx or .csv with the "
        "columns 日期, 类型 放假/上班, 名称; one row per day or per period). All or nothing: "
        "the file replaces the rows of each year it has a day off in, and marks those years' "
        "schedules as loaded. See docs/calendar.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--notice", default="", help="the notice's title or number, e.g. 国办发明电〔2026〕7号"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(_("找不到文件：%(path)s") % {"path": path})
        try:
            done = holidays_import(
                actor=SYSTEM, source=path, filename=path.name, notice=options["notice"]
            )
        except HolidaySheetRefused as exc:
            for error in exc.errors:
                self.stderr.write(describe(error))
            raise CommandError(
                _("表格有 %(n)d 处错误，没有导入任何日期。") % {"n": len(exc.errors)}
            ) from exc
        except DomainError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "已导入 %(years)s 年的安排：新增 %(added)d 条，更新 %(updated)d 条，"
                    "删除 %(removed)d 条。这些年份的计算结果现为准确值。"
                )
                % {
                    "years": "、".join(str(y) for y in sorted(done.years)),
                    "added": done.added,
                    "updated": done.updated,
                    "removed": done.removed,
                }
            )
        )
