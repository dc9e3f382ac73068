"""What the centres app's audit events mean to people (``core.audit_words``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zhigong.centres.models import AcceptanceGrade, AcceptanceStatus, CoverageTarget
from zhigong.core.audit_words import AuditWords
from zhigong.unions.models import ServiceCentre

WORDS = AuditWords(
    actions={
        "centre.register": _("登记服务中心（站）"),
        "centre.update": _("修改服务中心（站）"),
        "centre.essential": _("登记“六有”"),
        "centre.rule": _("上传管理制度"),
        "centre_standard.start": _("建立年度建设标准"),
        "centre_standard.update": _("修改建设标准"),
        "centre_target.set": _("设置建设目标"),
        "model_centre.name": _("评选示范职工服务中心"),
        "acceptance_round.open": _("设定验收批次"),
        "acceptance.start": _("开始验收自查"),
        "acceptance.self_item": _("自查一个验收项目"),
        "acceptance.self_report": _("填写自查报告"),
        "acceptance_application.submit": _("提交验收申报表"),
        "acceptance.submitted": _("申报验收"),
        "acceptance.inspect_item": _("验收一个项目"),
        "acceptance.inspected": _("完成验收"),
        "acceptance.graded": _("评定验收等级"),
        "acceptance.returned": _("退回验收"),
        "acceptance.approved": _("审定验收等级"),
        "acceptance.published": _("公示验收结果"),
        "acceptance.final": _("确定验收结果"),
        "acceptance.award": _("记录验收奖补"),
        "acceptance.lower": _("因投诉降低验收等级"),
    },
    targets={
        "centres.centrestandard": _("建设标准"),
        "centres.coveragetarget": _("建设目标"),
        "centres.modelcentre": _("示范职工服务中心"),
        "centres.acceptance": _("服务中心验收"),
        "centres.acceptanceround": _("验收批次"),
        "centres.acceptanceapplication": _("验收申报表"),
    },
    fields={
        "unions.servicecentre": {
            "level": _("建设标准层级"),
            "region_code": _("行政区划代码"),
            "opening_hours": _("开放时间"),
            "total_area": _("总面积"),
            "hall_area": _("服务大厅面积"),
            "staff_full_time": _("专职人员"),
            "staff_part_time": _("兼职人员"),
            "staff_volunteers": _("志愿者"),
            "staff_public_posts": _("公益性岗位"),
            "services": _("服务项目"),
            "notices": _("上墙公示内容"),
            "funding_share": _("经费比例"),
            "present": _("已具备"),
            "photo": _("照片"),
            "rule": _("管理制度"),
            "file": _("文件"),
        },
        "centres.centrestandard": {
            "year": _("年度"),
            "level": _("层级"),
            "min_area": _("最小总面积"),
            "min_hall_area": _("最小服务大厅面积"),
            "basic_services": _("基本服务项目"),
            "optional_services": _("拓展服务项目"),
            "essentials": _("六有"),
            "notices": _("上墙公示内容"),
            "rules": _("管理制度"),
        },
        "centres.coveragetarget": {"year": _("年度"), "measure": _("指标"), "value": _("目标值")},
        "centres.modelcentre": {"centre": _("服务中心（站）"), "year": _("年度")},
        "centres.acceptance": {
            "status": _("状态"),
            "round": _("年度"),
            "item": _("项目"),
            "self_met": _("自查达标"),
            "points": _("验收得分"),
            "grade": _("等级"),
            "report": _("自查报告"),
            "award_amount": _("奖补资金"),
            "award_note": _("奖励内容"),
        },
        "centres.acceptanceround": {"year": _("年度"), "standard_year": _("建设标准版本")},
        "centres.acceptanceapplication": {"count": _("申报数量")},
    },
    values={
        "unions.servicecentre": {"level": dict(ServiceCentre.Level.choices)},
        "centres.centrestandard": {"level": dict(ServiceCentre.Level.choices)},
        "centres.coveragetarget": {"measure": dict(CoverageTarget.Measure.choices)},
        "centres.acceptance": {
            "status": dict(AcceptanceStatus.choices),
            "grade": dict(AcceptanceGrade.choices),
        },
    },
)
