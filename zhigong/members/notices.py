"""The privacy notice for the member records (会员信息处理告知书), by version.

A worker who applies online reads it on the application form and agrees to it; the consent
records the version and a SHA-256 digest of the Chinese text they were shown
(``Consent.notice_version``, ``Consent.notice_digest``), so it can later be proven exactly
which words they agreed to. The Chinese text is the one that counts: the English page is a
translation for reading, and the digest is always taken of the Chinese.

Published versions are never edited: a new text is a new entry of ``NOTICES`` with a new
version, and ``CURRENT`` points at it (``test_notices`` fails when a published text changes
under its old version). Members who agreed to an earlier version are asked on their consents
page to read and agree to the new one.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _


@dataclass(frozen=True)
class PrivacyNotice:
    version: str
    published: str  # the date it took effect, YYYY-MM-DD
    title: str  # Chinese (the text that counts); ``shown()`` translates
    paragraphs: tuple[str, ...]

    @functools.cached_property
    def digest(self) -> str:
        """SHA-256 of the Chinese text: title, then each paragraph, one a line."""
        text = "\n".join((self.title, *self.paragraphs))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def shown(self) -> tuple[str, list[str]]:
        """Title and paragraphs in the reader's language."""
        return gettext(self.title), [gettext(p) for p in self.paragraphs]


NOTICES: dict[str, PrivacyNotice] = {
    "2026.1": PrivacyNotice(
        version="2026.1",
        published="2026-01-01",
        title=_("会员信息处理告知书"),
        paragraphs=(
            _(
                "处理者：您申请加入的基层工会及其上级工会（本平台的运营方为市总工会）。"
                "联系方式：全国工会职工服务热线 12351。"
            ),
            _(
                "收集的信息：姓名、性别、出生日期、民族、政治面貌、学历、身份证号、手机号、"
                "工作单位和岗位。其中身份证号、手机号属于敏感个人信息。"
            ),
            _(
                "用途：办理入会审核、建立会员档案、发放和验证会员卡、会籍转移，以及工会依法"
                "开展的会员服务和统计。不用于与上述用途无关的目的。"
            ),
            _(
                "保护措施：身份证号和手机号加密保存，页面和导出一律部分隐藏显示；工作人员"
                "查看完整号码须填写理由，每一次查看都有记录，您可以在“谁查看了我的信息”中查看。"
            ),
            _(
                "共享：会员资料只在您所在工会及其上级工会之间使用。商家验卡时显示您的姓氏与"
                "所属工会、婚恋交友资料对其他会员公开，均须您另行同意，可随时撤回。"
            ),
            _("保存期限：会员资料在会籍存续期间保存；退会后按规定存档，联系方式在保存期满后清除。"),
            _(
                "您的权利：您可以查阅和导出本人资料、申请更正、撤回另行给予的同意、办理退会。"
                "不同意本告知书的，无法在线申请入会，可到所在单位的基层工会咨询。"
            ),
        ),
    ),
}
CURRENT = "2026.1"


def current_notice() -> PrivacyNotice:
    return NOTICES[CURRENT]


def notice(version: str) -> PrivacyNotice | None:
    return NOTICES.get(version)
