from typing import Any

from django.core.management.base import BaseCommand, CommandError

from zhigong.core.audit import audit_verify


class Command(BaseCommand):
    help = "Verify the audit log's hash chain; exit non-zero if any row was changed or removed."

    def handle(self, *args: Any, **options: Any) -> None:
        checked, problems = audit_verify()
        for problem in problems:
            self.stderr.write(f"审计事件 #{problem.seq}: {problem.message}")
        if problems:
            raise CommandError(f"审计链校验失败：{len(problems)} 处问题（共检查 {checked} 条）")
        self.stdout.write(self.style.SUCCESS(f"审计链完整：共 {checked} 条事件。"))
