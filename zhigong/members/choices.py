"""Fixed vocabularies of the member registry, in the forms unions already use."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "male", _("男")
    FEMALE = "female", _("女")


class PoliticalStatus(models.TextChoices):
    CPC = "cpc", _("中共党员")
    CPC_PROBATIONARY = "cpc_probationary", _("中共预备党员")
    CYL = "cyl", _("共青团员")
    DEMOCRATIC = "democratic", _("民主党派")
    NON_PARTY = "non_party", _("无党派人士")
    MASSES = "masses", _("群众")


class Education(models.TextChoices):
    PRIMARY = "primary", _("小学及以下")
    JUNIOR = "junior", _("初中")
    SENIOR = "senior", _("高中、中专、技校")
    COLLEGE = "college", _("大专")
    BACHELOR = "bachelor", _("本科")
    MASTER = "master", _("硕士研究生")
    DOCTOR = "doctor", _("博士研究生")


class MemberStatus(models.TextChoices):
    APPLIED = "applied", _("申请中")
    ACTIVE = "active", _("正常")
    SUSPENDED = "suspended", _("暂停")
    LEFT = "left", _("已退会")


# The 56 ethnic groups (GB 3304), as written on resident ID cards.
ETHNICITIES = [
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
]
# The registry stores "其他族" for "其他" (``registry.clean_ethnicity``): so does the form.
ETHNICITY_CHOICES = [(e, e) for e in ETHNICITIES] + [("其他族", _("其他"))]


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待基层工会审核")
    REVIEWED = "reviewed", _("待服务中心审批")
    APPROVED = "approved", _("已入会")
    REJECTED = "rejected", _("未通过")
    WITHDRAWN = "withdrawn", _("已撤回")


# Undecided applications: at most one per person at a time.
OPEN_APPLICATION_STATUSES = (ApplicationStatus.SUBMITTED, ApplicationStatus.REVIEWED)


class CardStatus(models.TextChoices):
    REQUESTED = "requested", _("已申请")
    ISSUED = "issued", _("已制卡")
    ACTIVE = "active", _("已启用")
    SUSPENDED = "suspended", _("已暂停")
    REVOKED = "revoked", _("已注销")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("待确认")
    CONFIRMED = "confirmed", _("已确认")
    REJECTED = "rejected", _("已驳回")
    CANCELLED = "cancelled", _("已取消")
    EXPIRED = "expired", _("逾期未确认")


class TransferSide(models.TextChoices):
    """Which side asked for a transfer: the other side decides (whoever asks never decides)."""

    HOLDING = "holding", _("会员所在工会")
    RECEIVING = "receiving", _("转入工会")
