"""The settings cases start with: deadlines per kind and complexity (CASE-4), the government
departments cases are referred to (CASE-3), and a reply template per category. Operators
change them in the admin."""

from typing import Any

from django.db import migrations

DEADLINES = [
    ("legal", "normal", 5),
    ("legal", "difficult", 5),
    ("legal", "complex", 5),
    ("rights", "normal", 5),
    ("rights", "difficult", 10),
    ("rights", "complex", 20),
]

DEPARTMENTS = [
    "人社局劳动保障监察机构",
    "劳动人事争议仲裁院",
    "法律援助中心",
    "信访部门",
    "社会保险经办机构",
    "应急管理部门（安全生产）",
    "卫生健康部门（职业病防治）",
    "住房和城乡建设部门（工程建设领域欠薪）",
    "人民法院",
]

TEMPLATES = [
    (
        "labour_contract",
        "未签订书面劳动合同",
        "您好！关于劳动合同问题：用人单位自用工之日起即与劳动者建立劳动关系，应当订立书面劳动"
        "合同；自用工之日起超过一个月不满一年未与劳动者订立书面劳动合同的，应当向劳动者每月支付"
        "二倍的工资（《劳动合同法》第十条、第八十二条）。建议您保留工资流水、工牌、考勤记录等证据。"
        "如需工会协助与单位协商，请告诉我们。",
    ),
    (
        "wages",
        "拖欠工资",
        "您好！用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬（《劳动合同法》"
        "第三十条）。被拖欠工资的，可以向当地人社局劳动保障监察机构投诉，或申请劳动争议仲裁；工会"
        "可协助您与单位协商。请准备劳动合同、考勤记录、工资条、银行流水等材料。",
    ),
    (
        "social_insurance",
        "未依法缴纳社会保险",
        "您好！用人单位应当自用工之日起三十日内为职工向社会保险经办机构申请办理社会保险登记"
        "（《社会保险法》第五十八条）。单位未依法缴纳的，您可以向社会保险费征收机构或劳动保障监察"
        "机构反映，要求补缴。",
    ),
    (
        "work_injury",
        "工伤认定",
        "您好！职工发生事故伤害的，所在单位应当自事故伤害发生之日起30日内提出工伤认定申请；单位"
        "未提出的，工伤职工或者其近亲属、工会组织在事故伤害发生之日起1年内，可以直接向社会保险"
        "行政部门提出工伤认定申请（《工伤保险条例》第十七条）。请保留就医记录和事故经过的证明。",
    ),
    (
        "dismissal",
        "违法解除劳动合同",
        "您好！用人单位违法解除劳动合同，劳动者要求继续履行的，用人单位应当继续履行；劳动者不要求"
        "继续履行或者劳动合同已经不能继续履行的，用人单位应当依照经济补偿标准的二倍支付赔偿金"
        "（《劳动合同法》第四十八条、第八十七条）。申请劳动争议仲裁的时效期间为一年。",
    ),
    (
        "working_hours",
        "加班与休息休假",
        "您好！国家实行劳动者每日工作时间不超过八小时、平均每周工作时间不超过四十四小时的工时制度"
        "（《劳动法》第三十六条）；用人单位安排加班的，应当依法支付加班工资。",
    ),
    (
        "safety",
        "劳动安全卫生",
        "您好！从业人员有权了解其作业场所和工作岗位存在的危险因素，有权拒绝违章指挥和强令冒险作业"
        "（《安全生产法》）。您可以向应急管理部门举报，工会将依法进行监督。",
    ),
    (
        "other",
        "一般答复",
        "您好！您反映的问题已收到。经了解，（请写明答复意见）。如对答复不满意，可在收到答复后15天内"
        "申请重新办理。",
    ),
]


def forwards(apps: Any, schema_editor: Any) -> None:
    DeadlineRule = apps.get_model("cases", "DeadlineRule")
    GovernmentDepartment = apps.get_model("cases", "GovernmentDepartment")
    ReplyTemplate = apps.get_model("cases", "ReplyTemplate")
    for kind, complexity, days in DEADLINES:
        DeadlineRule.objects.get_or_create(
            kind=kind, complexity=complexity, defaults={"working_days": days}
        )
    for order, name in enumerate(DEPARTMENTS, start=1):
        GovernmentDepartment.objects.get_or_create(name=name, defaults={"order": order * 10})
    for category, title, body in TEMPLATES:
        ReplyTemplate.objects.get_or_create(category=category, title=title, defaults={"body": body})


def backwards(apps: Any, schema_editor: Any) -> None:
    apps.get_model("cases", "DeadlineRule").objects.all().delete()
    apps.get_model("cases", "ReplyTemplate").objects.filter(
        title__in=[t[1] for t in TEMPLATES]
    ).delete()
    apps.get_model("cases", "GovernmentDepartment").objects.filter(name__in=DEPARTMENTS).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
