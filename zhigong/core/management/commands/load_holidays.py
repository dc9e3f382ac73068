from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from zhigong.core.holidays import (
    holidays_differing_from_package,
    holidays_load_from_package,
    package_years,
)
from zhigong.core.models import Holiday


class Command(BaseCommand):
    help = (
        "Load official holidays and make-up working days from the chinesecalendar package "
        "(every year it knows, or --year Y ...). Existing rows are kept unless --overwrite."
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
                _("数据包中没有 %(year)s 年的数据，请在后台 /admin/core/holiday/ 手工添加。")
                % {"year": year}
            )
        before = Holiday.objects.count()
        written = holidays_load_from_package(years=years, overwrite=overwrite)
        added = Holiday.objects.count() - before
        self.stdout.write(
            self.style.SUCCESS(
                _("节假日数据已载入：新增 %(added)d 条，更新 %(updated)d 条。")
                % {"added": added, "updated": written - added}
            )
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
