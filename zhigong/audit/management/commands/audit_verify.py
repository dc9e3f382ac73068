"""``manage.py audit_verify``: walk the audit chains; exit non-zero when any row was changed,
removed or inserted, or when a kept head is no longer in its chain.

It prints each chain's head (``<seq>:<hash>``). Keep that line somewhere the database's
administrators cannot write (the backup log, a ticket, another server): checked against it
later with ``--expect-head`` / ``--expect-access-head``, a deleted tail shows too.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhigong.core.audit import CHAINS, verify_chain


class Command(BaseCommand):
    help = "Verify the audit chains (events and reads of personal data); print their heads."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--expect-head", default="", help="a head of the audit events' chain kept earlier"
        )
        parser.add_argument(
            "--expect-access-head",
            default="",
            help="a head of the access log's chain (reads of personal data) kept earlier",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kept = {"audit": options["expect_head"], "access": options["expect_access_head"]}
        failed = 0
        for name, model in CHAINS.items():
            report = verify_chain(model, expect_head=kept[name])
            for problem in report.problems:
                self.stderr.write(f"{name} #{problem.seq}: {problem.message}")
            failed += len(report.problems)
            self.stdout.write(f"{name} head: {report.head}  ({report.checked} rows)")
        if failed:
            raise CommandError(f"审计链校验失败：{failed} 处问题")
        self.stdout.write(self.style.SUCCESS("审计链完整。"))
