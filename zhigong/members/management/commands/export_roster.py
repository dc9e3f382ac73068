"""``manage.py export_roster UNION_CODE OUT.xlsx [--status STATUS]``: a masked roster."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from zhigong.core.actors import SYSTEM
from zhigong.members.choices import MemberStatus
from zhigong.members.exports import roster_export
from zhigong.unions.models import Union


class Command(BaseCommand):
    help = (
        "Export the members of a union's whole subtree to .xlsx, ID numbers and phones "
        "masked (unmasked exports are reveals, made on the staff page with a reason)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("union", metavar="UNION_CODE")
        parser.add_argument("out", type=Path, metavar="OUT.xlsx")
        parser.add_argument("--status", choices=list(MemberStatus.values), default="")

    def handle(self, *args: Any, **options: Any) -> None:
        union = Union.objects.filter(code=options["union"]).first()
        if union is None:
            raise CommandError(_("找不到编码为“%(code)s”的工会。") % {"code": options["union"]})
        started = time.perf_counter()
        with options["out"].open("wb") as stream:
            count = roster_export(
                actor=SYSTEM, union=union, stream=stream, status=options["status"]
            )
        self.stdout.write(
            self.style.SUCCESS(
                _("已导出 %(n)s 名会员到 %(path)s，用时 %(seconds).1f 秒。")
                % {"n": count, "path": options["out"], "seconds": time.perf_counter() - started}
            )
        )
