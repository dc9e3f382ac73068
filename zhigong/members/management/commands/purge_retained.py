"""``manage.py purge_retained [--dry-run]``: remove what the retention settings let go."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from zhigong.members.retention import purge_retained


class Command(BaseCommand):
    help = "Remove import uploads and old error reports, erase old leavers' phones."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count, change nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        purged = purge_retained(dry_run=options["dry_run"])
        verb = "将清除" if options["dry_run"] else "已清除"
        self.stdout.write(
            f"{verb}：导入上传文件 {purged.uploads} 个，错误报告 {purged.reports} 个，"
            f"退会会员联系方式 {purged.contacts} 人。"
        )
