"""``manage.py seed_demo [--seed N] [--scale small|large] [--members N]``: the Wuhan demo."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from zhigong.demo.cases import CasesResult
from zhigong.demo.events import EventsResult
from zhigong.demo.members import MembersResult
from zhigong.demo.plan import Scale
from zhigong.demo.services import Login, SeedResult, seed_demo

# ``make run`` loads this many members on a first start; ``--members N`` asks for more.
DEFAULT_MEMBERS = 300


class Command(BaseCommand):
    help = "加载演示数据：武汉市总工会及其各区、街道、社区、基层工会、部门、服务中心、演示账号和演示会员。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1, help="随机种子（同一种子结果相同）")
        parser.add_argument(
            "--scale",
            choices=[s.value for s in Scale],
            default=Scale.SMALL.value,
            help="small：约数百个工会；large：两万多个工会",
        )
        parser.add_argument(
            "--members",
            type=int,
            default=DEFAULT_MEMBERS,
            help="演示会员人数（同一种子下是同一批人；再次运行只补足差额），默认 %(default)d",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="在 DEBUG 关闭时（如演示服务器）也加载；演示账号的密码是公开的",
        )

    def handle(
        self, *args: Any, seed: int, scale: str, members: int, force: bool, **options: Any
    ) -> None:
        if not settings.DEBUG and not force:
            # The demo logins share a published password: never on a production site by accident.
            raise CommandError(
                _("DEBUG 未开启，可能是生产环境：演示账号的密码是公开的。确需加载请加 --force。")
            )
        verbose = options["verbosity"] > 1
        if members < 0:
            raise CommandError(_("--members 不能为负数。"))
        result = seed_demo(
            seed=seed, scale=scale, members=members, stdout=self.stdout if verbose else None
        )
        self.stdout.write(summary(result))
        if result.members is not None:
            self.stdout.write(members_summary(result.members))
        if result.cases is not None:
            self.stdout.write(cases_summary(result.cases))
        if result.volunteers is not None and not result.volunteers.already_loaded:
            self.stdout.write(
                _("演示志愿者：导入 %(n)d 个工会的名额共 %(total)d 人，登记志愿者 %(v)d 人。")
                % {
                    "n": result.volunteers.quotas,
                    "total": result.volunteers.quota_total,
                    "v": result.volunteers.volunteers,
                }
            )
        if result.hardship is not None and not result.hardship.already_loaded:
            self.stdout.write(
                _("演示困难职工帮扶：档案 %(f)d 份，一助一结对 %(p)d 对，走访 %(v)d 次。")
                % {
                    "f": result.hardship.files,
                    "p": result.hardship.pairs,
                    "v": result.hardship.visits,
                }
            )
        projects = result.volunteer_projects
        if projects is not None and not projects.already_loaded:
            self.stdout.write(
                _(
                    "演示志愿服务：服务项目 %(p)d 个（各种状态），报名 %(s)d 人次，服务时长 %(h)d 条，"
                    "服务承诺 %(o)d 份，求助 %(r)d 件。"
                )
                % {
                    "p": projects.projects,
                    "s": projects.signups,
                    "h": projects.hours,
                    "o": projects.offers,
                    "r": projects.requests,
                }
            )
        if result.matchmaking is not None and not result.matchmaking.already_loaded:
            self.stdout.write(
                _("演示婚恋服务：入库和待审的单身会员资料 %(p)d 份，引荐 %(i)d 次（各种状态）。")
                % {"p": result.matchmaking.profiles, "i": result.matchmaking.introductions}
            )
        if result.events is not None:
            self.stdout.write(events_summary(result.events))
        if result.centres is not None and not result.centres.already_loaded:
            self.stdout.write(
                _(
                    "演示服务中心：补全 %(c)d 个服务中心（站）的台账，建立本年度建设标准和目标，"
                    "评选示范中心 %(m)d 个。"
                )
                % {"c": result.centres.centres, "m": result.centres.model_centres}
            )
        if result.surveys is not None and not result.surveys.already_loaded:
            self.stdout.write(
                _(
                    "演示满意度测评：新建测评 %(n)d 个，答卷 %(r)d 份（含一次性测评码和服务台读卡）。"
                )
                % {"n": result.surveys.created, "r": result.surveys.responses}
            )
        if result.appeals is not None and not result.appeals.already_loaded:
            self.stdout.write(
                _("演示特殊困难求助：%(n)d 条（各种状态，含精选故事），认捐 %(p)d 项。")
                % {"n": result.appeals.created, "p": result.appeals.pledges}
            )
        if result.acceptance is not None and not result.acceptance.already_loaded:
            self.stdout.write(
                _("演示服务中心验收：%(n)d 个服务中心（站）参加本年度验收，%(p)d 个在网站公示。")
                % {"n": result.acceptance.acceptances, "p": result.acceptance.published}
            )
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


def members_summary(result: MembersResult) -> str:
    if result.already_loaded:
        return _("演示会员已有 %(count)d 名或更多，未作改动。") % {"count": result.wanted}
    return _(
        "演示会员：新建会员 %(members)d 名、会员卡 %(cards)d 张、入会申请 %(applications)d 份，"
        "用时 %(seconds).1f 秒。"
    ) % {
        "members": result.created,
        "cards": result.cards_created,
        "applications": result.applications_created,
        "seconds": result.seconds,
    }


def cases_summary(result: CasesResult) -> str:
    if result.already_loaded:
        return _("演示诉求已加载，未作改动。")
    return _(
        "演示诉求：新建维权诉求和法律咨询 %(cases)d 件（各种办理状态，含逾期），用时 %(seconds).1f 秒。"
    ) % {
        "cases": result.created,
        "seconds": result.seconds,
    }


def events_summary(result: EventsResult) -> str:
    if result.already_loaded:
        return _("演示活动已加载，未作改动。")
    return _(
        "演示活动：新建联谊活动、见面会和辅导咨询 %(events)d 场（各种状态），报名和签到 %(signups)d 人次，用时 %(seconds).1f 秒。"
    ) % {"events": result.created, "signups": result.signups, "seconds": result.seconds}


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
