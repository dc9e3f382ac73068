"""What the volunteers app's audit events mean to people (``core.audit_words``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zhigong.core.audit_words import AuditWords
from zhigong.volunteers.choices import Step, VolunteerStatus
from zhigong.volunteers.service_choices import (
    HelpRequestStatus,
    HoursStatus,
    OfferStatus,
    ProjectStatus,
    SignupStatus,
)

WORDS = AuditWords(
    actions={
        "volunteer.submit": _("提交志愿者登记表"),
        "volunteer.resubmit": _("修改后重新提交志愿者登记表"),
        "volunteer_quota.set": _("设置志愿者名额"),
        "volunteer.commend": _("表彰志愿者"),
        "volunteer_project.propose": _("提出服务项目"),
        "volunteer_project.take_on": _("承接服务项目"),
        "volunteer_project.commend": _("表彰服务项目"),
        "volunteer_signup.signed_up": _("报名服务项目"),
        "volunteer_hours.log": _("登记服务时长"),
        "volunteer_offer.propose": _("提交服务承诺"),
        "volunteer_help.ask": _("通过服务承诺求助"),
    },
    targets={
        "volunteers.volunteer": _("志愿者"),
        "volunteers.volunteerquota": _("志愿者名额"),
        "volunteers.serviceproject": _("服务项目"),
        "volunteers.projectsignup": _("项目报名"),
        "volunteers.servicehours": _("服务时长"),
        "volunteers.volunteeroffer": _("服务承诺"),
        "volunteers.helprequest": _("志愿服务求助"),
    },
    fields={
        "volunteers.volunteer": {
            "status": _("状态"),
            "step": _("审核环节"),
            "title": _("荣誉"),
            "year": _("年度"),
            "published": _("在门户公布"),
        },
        "volunteers.volunteerquota": {"count": _("人数"), "year": _("年度")},
        "volunteers.serviceproject": {
            "status": _("状态"),
            "union": _("组织工会"),
            "title": _("荣誉"),
            "year": _("年度"),
            "published": _("在门户公布"),
        },
        "volunteers.projectsignup": {
            "status": _("状态"),
            "volunteer": _("志愿者"),
            "project": _("项目"),
        },
        "volunteers.servicehours": {
            "status": _("状态"),
            "hours": _("时长（小时）"),
            "served_on": _("服务日期"),
        },
        "volunteers.volunteeroffer": {"status": _("状态")},
        "volunteers.helprequest": {"status": _("状态")},
    },
    values={
        "volunteers.volunteer": {
            "status": dict(VolunteerStatus.choices),
            "step": dict(Step.choices),
        },
        "volunteers.serviceproject": {"status": dict(ProjectStatus.choices)},
        "volunteers.projectsignup": {"status": dict(SignupStatus.choices)},
        "volunteers.servicehours": {"status": dict(HoursStatus.choices)},
        "volunteers.volunteeroffer": {"status": dict(OfferStatus.choices)},
        "volunteers.helprequest": {"status": dict(HelpRequestStatus.choices)},
    },
    workflows={
        "volunteer": _("志愿者登记"),
        "volunteer_project": _("服务项目"),
        "volunteer_signup": _("项目报名"),
        "volunteer_hours": _("服务时长"),
        "volunteer_offer": _("服务承诺"),
        "volunteer_help": _("志愿服务求助"),
    },
    personal=frozenset({"volunteers.volunteer", "volunteers.helprequest"}),
)
