from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from zhigong.core.actors import SYSTEM
from zhigong.core.holidays import (
    holidays_differing_from_package,
    holidays_load_from_package,
    package_years,
)


class Command(BaseCommand):
    help = (
        "Load official holidays and make-up working days from the chinesecalendar package "
        "(every year it knows, or --year Y ...) and mark those years' schedules as loaded. "
        "Existing rows are kept unless --overwrite."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--year", type=int, action="append", dest="years", help="only this year (repeatable)"
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="replace kind and name of existing rows with the package's values",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        years: list[int] | None = options["years"]
        overwrite: bool = options["overwrite"]
        known = package_years()
        for year in sorted(set(years or ()) - known):
            self.stderr.write(
                _(
                    "数据包中没有 %(year)s 年的数据：这一年仍按法定节假日推算（预计）。"
                    "国务院公布安排后，请用 import_holidays 导入，或在后台 /admin/core/holiday/ "
                    "录入后确认。"
                )
                % {"year": year}
            )
        loaded = holidays_load_from_package(actor=SYSTEM, years=years, overwrite=overwrite)
        self.stdout.write(
            self.style.SUCCESS(
                _("节假日数据已载入：新增 %(added)d 条，更新 %(updated)d 条。")
                % {"added": loaded.added, "updated": loaded.updated}
            )
        )
        if loaded.years:
            self.stdout.write(
                _("以下年份的安排现已载入，计算结果为准确值：%(years)s。")
                % {"years": "、".join(str(y) for y in sorted(loaded.years))}
            )
        if not overwrite:
            kept = holidays_differing_from_package(years=years)
            if kept:
                self.stdout.write(
                    _(
                        "%(count)d 个日期与数据包不同，已保留表中的记录（首个：%(first)s）；"
                        "如需以数据包为准，请加 --overwrite。"
                    )
                    % {"count": len(kept), "first": kept[0].isoformat()}
                )
        if known:
            self.stdout.write(
                _("数据包覆盖 %(first)s–%(last)s 年。") % {"first": min(known), "last": max(known)}
            )
