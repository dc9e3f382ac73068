"""``manage.py seed_demo [--seed N] [--scale small|large]``: load the Wuhan demo federation."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from zhigong.demo.plan import Scale
from zhigong.demo.services import Login, SeedResult, seed_demo


class Command(BaseCommand):
    help = "加载演示数据：武汉市总工会及其各区、街道、社区、基层工会、部门、服务中心和演示账号。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1, help="随机种子（同一种子结果相同）")
        parser.add_argument(
            "--scale",
            choices=[s.value for s in Scale],
            default=Scale.SMALL.value,
            help="small：约数百个工会；large：两万多个工会",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="在 DEBUG 关闭时（如演示服务器）也加载；演示账号的密码是公开的",
        )

    def handle(self, *args: Any, seed: int, scale: str, force: bool, **options: Any) -> None:
        if not settings.DEBUG and not force:
            # The demo logins share a published password: never on a production site by accident.
            raise CommandError(
                _("DEBUG 未开启，可能是生产环境：演示账号的密码是公开的。确需加载请加 --force。")
            )
        verbose = options["verbosity"] > 1
        result = seed_demo(seed=seed, scale=scale, stdout=self.stdout if verbose else None)
        self.stdout.write(summary(result))
        if options["verbosity"] > 0:
            self.stdout.write(login_table(result.logins))


def summary(result: SeedResult) -> str:
    if result.already_loaded:
        return _(
            "演示数据已加载（种子 %(seed)d，规模 %(scale)s，%(count)d 个工会），未作改动。"
            "（%(seconds).1f 秒）"
        ) % {
            "seed": result.seed,
            "scale": result.scale,
            "count": result.unions_planned,
            "seconds": result.seconds,
        }
    return _(
        "演示数据加载完成（种子 %(seed)d，规模 %(scale)s）：新建工会 %(unions)d 个、部门 "
        "%(departments)d 个、服务中心（站）%(centres)d 个、账号 %(users)d 个，用时 "
        "%(seconds).1f 秒。"
    ) % {
        "seed": result.seed,
        "scale": result.scale,
        "unions": result.unions_created,
        "departments": result.departments_created,
        "centres": result.centres_created,
        "users": result.users_created,
        "seconds": result.seconds,
    }


def login_table(logins: list[Login]) -> str:
    """The demo logins as a plain table (every account has the same password)."""
    header = (_("用户名"), _("密码"), _("姓名"), _("角色"), _("工会"))
    rows = [
        (
            login.username,
            login.password,
            login.full_name,
            f"{login.role}（{login.department}）" if login.department else login.role,
            login.union_name,
        )
        for login in logins
    ]
    widths = [max(_width(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [_("演示账号："), ""]
    for row in [header, *rows]:
        cells = [cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _width(text: str) -> int:
    """Display width in a terminal: CJK characters take two columns."""
    return sum(2 if ord(char) > 0x2E7F else 1 for char in text)
