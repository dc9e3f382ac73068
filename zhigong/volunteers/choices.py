"""Fixed vocabularies of the volunteer registration (附件2 of seed 001) and its approval."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class VolunteerStatus(models.TextChoices):
    """Where a registration is on its way through the three opinions (附件2's last row)."""

    SUBMITTED = "submitted", _("待单位工会审核")
    UNIT_APPROVED = "unit_approved", _("待区县（产业）工会审核")
    DISTRICT_APPROVED = "district_approved", _("待市总工会审核")
    APPROVED = "approved", _("已批准")
    RETURNED = "returned", _("已退回")
    WITHDRAWN = "withdrawn", _("已撤回")
    LEFT = "left", _("已退出")


class Step(models.TextChoices):
    """The three opinions of 附件2, in their order."""

    UNIT = "unit", _("单位工会意见")
    DISTRICT = "district", _("区市县总工会、产业工会意见")
    CITY = "city", _("市总工会意见")


# The step each waiting status asks for, and the status its approval leads to.
STEP_OF_STATUS = {
    VolunteerStatus.SUBMITTED: Step.UNIT,
    VolunteerStatus.UNIT_APPROVED: Step.DISTRICT,
    VolunteerStatus.DISTRICT_APPROVED: Step.CITY,
}
APPROVED_TO = {
    Step.UNIT: VolunteerStatus.UNIT_APPROVED,
    Step.DISTRICT: VolunteerStatus.DISTRICT_APPROVED,
    Step.CITY: VolunteerStatus.APPROVED,
}
WAITING = tuple(STEP_OF_STATUS)
# Statuses that hold a place of the district's quota: past the district's opinion.
COUNTED = (VolunteerStatus.DISTRICT_APPROVED, VolunteerStatus.APPROVED)
# A registration still open or approved: one per person.
LIVE = (*WAITING, VolunteerStatus.APPROVED, VolunteerStatus.RETURNED)


class Identity(models.TextChoices):
    """身份 of the roster (附件3): who may volunteer (seed 001 §3)."""

    WORKER = "worker", _("在职职工")
    RETIRED = "retired", _("离退休人员")
    MODEL_WORKER = "model_worker", _("劳动模范")
    STUDENT = "student", _("在校大学生")
    PUBLIC = "public", _("社会人员")


class Health(models.TextChoices):
    GOOD = "good", _("健康")
    FAIR = "fair", _("良好")
    POOR = "poor", _("一般")


class ServiceArea(models.TextChoices):
    """What the volunteers do (seed 001 §4.1-4.2)."""

    PAIRING = "pairing", _("一助一结对")
    RELIEF = "relief", _("社会救助")
    CHARITY = "charity", _("慈善公益")
    CULTURE = "culture", _("文化活动")
    CLINIC = "clinic", _("医疗义诊")
    HEALTH = "health", _("卫生保健")
    ENVIRONMENT = "environment", _("环境保护")
    LEGAL = "legal", _("法律咨询")
    DISABILITY = "disability", _("优抚助残")
    STUDY = "study", _("金秋助学")
    EMPLOYMENT = "employment", _("再就业")


class Availability(models.TextChoices):
    WEEKDAY_DAYTIME = "weekday_daytime", _("工作日白天")
    WEEKDAY_EVENING = "weekday_evening", _("工作日晚上")
    WEEKEND = "weekend", _("周末")
    HOLIDAY = "holiday", _("节假日")
