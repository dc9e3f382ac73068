"""The rules of the service (《武汉市职工婚恋服务办法》, seed 000) that a member reads and signs
when registering (MM-10). Like the privacy notice (``members.notices``, whose versioned-text
type it reuses), a published version is never edited: the profile keeps the version signed,
the SHA-256 of its Chinese text and the time."""

from __future__ import annotations

from django.utils.translation import gettext_noop as _

from zhigong.members.notices import PrivacyNotice

RULES: dict[str, PrivacyNotice] = {
    "2026.1": PrivacyNotice(
        version="2026.1",
        published="2026-01-01",
        title=_("职工婚恋服务办法（会员须知）"),
        paragraphs=(
            _(
                "本服务本着“公益、安全、诚信、高效”的原则，为单身职工（含离异、丧偶）免费提供"
                "婚恋交友服务，实行会员登记制，经所在基层工会审核推荐、女职工部或服务中心入库后"
                "提供服务。"
            ),
            _(
                "会员权利：加入自愿、退出自由；自主决定是否公开自己的资料；享受各项婚恋交友服务"
                "和联谊活动；对服务有建议权；个人资料受保密，工作人员未经本人允许不得泄露。"
            ),
            _(
                "会员义务：遵守本办法；完整、真实、详细地提供个人资料（离异者提供离婚证，丧偶者"
                "提供户口簿）；遵守法律法规和社会公德，严禁利用会员身份从事宗教活动或其他违法"
                "违规活动；尊重其他会员，真诚、严肃地对待交友，未经当事人同意不泄露其他会员的"
                "资料；资料有变化及时告知工作人员。"
            ),
            _(
                "有下列情形之一的，终止服务：本人当面申请退出并签名确认；已交友成功；接到投诉并"
                "经调查核实；拒绝本中心提供的服务达到五次以上（含五次，系统自动暂停服务，"
                "工作人员核实后可恢复）；其他违反法律法规、社会道德及本办法的。"
            ),
            _(
                "来访时请出示会员卡或身份证件，核实身份后方可提供服务。工作人员根据您的择偶要求"
                "筛选三名预选对象供您选择，联系对方后由对方决定是否见面或交换联系方式；"
                "双方都同意后才交换联系方式。"
            ),
            _(
                "会员之间交往应自重自爱、以诚相待、谨慎交往；交往中发生的婚恋矛盾和财物纠纷由"
                "双方协商解决，协商不成可依法通过司法途径解决。"
            ),
        ),
    ),
}
CURRENT = "2026.1"


def current_rules() -> PrivacyNotice:
    return RULES[CURRENT]
