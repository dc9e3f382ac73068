"""The matchmaking service's fixed lists. Education, marital status and district are stored
as small integers (and accepted sets as bit masks) so that screening compares them in SQL."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProfileStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待基层工会审核")
    RETURNED = "returned", _("已退回")
    REVIEWED = "reviewed", _("待入库")
    ACTIVE = "active", _("在库")
    SUSPENDED = "suspended", _("暂停服务")
    ENDED = "ended", _("已终止服务")


class MaritalStatus(models.IntegerChoices):
    SINGLE = 1, _("未婚")
    DIVORCED = 2, _("离异")
    WIDOWED = 4, _("丧偶")


class Education(models.IntegerChoices):
    """Ranked: a minimum is a number to compare against."""

    JUNIOR = 1, _("初中及以下")
    SENIOR = 2, _("高中、中专、技校")
    COLLEGE = 3, _("大专")
    BACHELOR = 4, _("本科")
    MASTER = 5, _("硕士研究生")
    DOCTOR = 6, _("博士研究生")


class IncomeBand(models.IntegerChoices):
    UNDER_3K = 1, _("3000 元以下")
    FROM_3K = 2, _("3000–5000 元")
    FROM_5K = 3, _("5000–8000 元")
    FROM_8K = 4, _("8000–12000 元")
    OVER_12K = 5, _("12000 元以上")


class Housing(models.IntegerChoices):
    RENTING = 1, _("租房")
    WITH_FAMILY = 2, _("与父母同住")
    DORMITORY = 3, _("单位宿舍")
    OWNED = 4, _("自有住房")


class District(models.IntegerChoices):
    """Where one lives: Wuhan's districts, each a bit of an accepted-districts mask."""

    JIANGAN = 1, _("江岸区")
    JIANGHAN = 2, _("江汉区")
    QIAOKOU = 4, _("硚口区")
    HANYANG = 8, _("汉阳区")
    WUCHANG = 16, _("武昌区")
    QINGSHAN = 32, _("青山区")
    HONGSHAN = 64, _("洪山区")
    DONGXIHU = 128, _("东西湖区")
    HANNAN = 256, _("汉南区")
    CAIDIAN = 512, _("蔡甸区")
    JIANGXIA = 1024, _("江夏区")
    HUANGPI = 2048, _("黄陂区")
    XINZHOU = 4096, _("新洲区")


class Hobby(models.IntegerChoices):
    SPORTS = 1, _("运动健身")
    READING = 2, _("读书")
    MUSIC = 4, _("音乐")
    TRAVEL = 8, _("旅行")
    COOKING = 16, _("烹饪")
    FILMS = 32, _("电影")
    GAMES = 64, _("游戏")
    ARTS = 128, _("书画摄影")


class DocumentKind(models.TextChoices):
    DIVORCE_CERTIFICATE = "divorce_certificate", _("离婚证")
    HOUSEHOLD_REGISTER = "household_register", _("户口簿")
    PHOTO = "photo", _("照片")
    QUIT_SIGNATURE = "quit_signature", _("退出服务签字确认")


class IntroductionStatus(models.TextChoices):
    OFFERED = "offered", _("已推荐给会员")
    PASSED = "passed", _("会员未选择")
    CHOSEN = "chosen", _("会员已选择，待联系对方")
    MEET = "meet", _("对方同意见面")
    EXCHANGED = "exchanged", _("双方已交换联系方式")
    DECLINED = "declined", _("对方婉拒")
    WITHDRAWN = "withdrawn", _("已撤回")


# The candidate said yes: follow-ups are scheduled and contacts may pass.
AGREED = (IntroductionStatus.MEET, IntroductionStatus.EXCHANGED)
OPEN_INTRODUCTIONS = (IntroductionStatus.OFFERED, IntroductionStatus.CHOSEN)


class VisitMethod(models.TextChoices):
    CARD = "card", _("会员卡")
    ID_NUMBER = "id_number", _("身份证号")
    ONLINE = "online", _("本人在线申请")


class EndReason(models.TextChoices):
    QUIT = "quit", _("本人申请退出（当面签字）")
    FOUND_PARTNER = "found_partner", _("交友成功")
    COMPLAINT = "complaint", _("投诉经核实")
    BREACH = "breach", _("违反法律法规或本办法")


class FollowUpWish(models.TextChoices):
    CONTINUE = "continue", _("继续交往")
    NEW_CANDIDATES = "new_candidates", _("希望推荐新的对象")
    PAUSE = "pause", _("暂不需要推荐")
    FOUND_PARTNER = "found_partner", _("已确定恋爱关系")


class ComplaintStatus(models.TextChoices):
    OPEN = "open", _("待核实")
    VERIFIED = "verified", _("经核实")
    DISMISSED = "dismissed", _("不成立")


def mask_bits(values: list[int] | tuple[int, ...]) -> int:
    total = 0
    for value in values:
        total |= int(value)
    return total


def bits_of(mask: int, choices: type[models.IntegerChoices]) -> list[int]:
    return [c.value for c in choices if mask & c.value]
