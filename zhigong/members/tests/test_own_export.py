"""A member's own export is readable: Chinese headers, local times, labels instead of codes,
every record (withdrawn applications, consents, transfers, change requests), a header row on
every sheet, and nothing anyone typed turned into a formula."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from python_calamine import CalamineWorkbook

from tests.test_sheets_written import formulas_and_texts
from zhigong.members import notices
from zhigong.members.models import MemberHistory, MembershipApplication
from zhigong.members.services import applications, selfservice, transfers
from zhigong.members.services.registry import PersonInput
from zhigong.testing.cast import CAST_MEMBERS, Cast, cast_id_number

GA_ID = cast_id_number(CAST_MEMBERS["GA"][1])
LINK = '=HYPERLINK("http://x","y")'


def _sheets(content: bytes) -> dict[str, list[list[Any]]]:
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}


def _download(cast: Cast) -> dict[str, list[list[Any]]]:
    response = cast.client("member").get(reverse("portal:members:export_xlsx"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return _sheets(response.content)


def test_a_fresh_member_gets_every_sheet_with_its_chinese_header(cast: Cast):
    sheets = _download(cast)
    assert list(sheets) == [
        "会员资料",
        "变更记录",
        "入会申请",
        "会员卡",
        "授权同意",
        "资料变更申请",
        "会籍转移",
    ]
    # the member's data: label and value, full ID number (their own), labels for codes
    profile = {row[0]: row[1] for row in sheets["会员资料"][1:] if row and row[0]}
    assert sheets["会员资料"][0][:2] == ["项目", "内容"]
    assert profile["姓名"] == "张伟" and profile["身份证号"] == GA_ID
    assert profile["性别"] == "男" and profile["会籍状态"] == "正常"
    assert profile["所属上级工会"] == "武汉市总工会 › 江岸区总工会 › 大智街道工会"
    # a sheet with nothing in it still says what it would hold
    assert sheets["会籍转移"] == [
        ["申请时间", "转出工会", "转入工会", "提出方", "转移理由", "状态", "处理时间", "处理意见"]
    ]
    assert sheets["资料变更申请"][0][0] == "提交时间" and len(sheets["资料变更申请"]) == 1
    # no header anywhere is an English key
    for rows in sheets.values():
        for header in rows[0]:
            assert not re.fullmatch(r"[a-z_]+", str(header)), header


def test_times_are_local_and_codes_are_words(cast: Cast, settings):
    assert settings.TIME_ZONE == "Asia/Shanghai"
    member = cast.members["GA"]
    # given a history row at 01:30 UTC, which is 09:30 in Wuhan
    at = dt.datetime(2026, 3, 2, 1, 30, 5, tzinfo=dt.UTC)
    MemberHistory.objects.filter(member=member).update(at=at)
    sheets = _download(cast)
    history = sheets["变更记录"]
    assert history[0] == ["时间", "事项", "变更内容", "理由"]
    assert history[1][0] == "2026-03-02 09:30:05"
    assert history[1][1] == "会员建档"  # member.create, in words
    assert (
        "性别：（空） → 男" in history[1][2]
        and "工作单位：（空） → 武汉江城机械有限公司工会" in history[1][2]
    )
    cards = sheets["会员卡"]
    assert cards[1][1] == "已启用"
    issued = member.cards.get().issued_at
    assert cards[1][2] == timezone.localtime(issued).strftime("%Y-%m-%d %H:%M:%S")


def test_every_record_is_there_withdrawn_applications_consents_transfers_changes(cast: Cast):
    member = cast.members["GA"]
    user = cast.users["member"]
    # given 张伟 asked for a change, agreed to card checks and withdrew it, was transferred
    selfservice.change_request_create(actor=user, member=member, changes={"job": LINK})
    selfservice.consent_grant(actor=user, member=member, purpose="merchant_verify")
    selfservice.consent_withdraw(actor=user, member=member, purpose="merchant_verify")
    transfer = transfers.transfer_request(
        actor=cast.users["officer"], member=member, to_union=cast.unions["GB"], reason=LINK
    )
    transfers.transfer_decide(actor=cast.users["other_officer"], transfer=transfer, accept=True)
    # and he left, applied online to come back, and withdrew that application
    selfservice.member_leave(actor=user, member=member, reason="离职")
    application = applications.application_submit(
        actor=user,
        person=PersonInput(name="张伟", id_number=GA_ID, phone=CAST_MEMBERS["GA"][2]),
        union=cast.unions["GA"],
        applicant_user=user,
        notice_version=notices.CURRENT,
    )
    applications.application_withdraw(actor=user, application=application)
    # when he downloads his data (a member who left still may)
    sheets = _download(cast)
    # then the withdrawn application is there, in words
    apps = sheets["入会申请"]
    header = apps[0]
    row = dict(zip(header, apps[1], strict=True))
    assert row["状态"] == "已撤回" and row["提交方式"] == "本人在线申请"
    assert row["申请加入的工会"] == "武汉江城机械有限公司工会" and row["身份证号"] == GA_ID
    # the consents: the card check, given and withdrawn; the notice agreed on the form
    consents = [dict(zip(sheets["授权同意"][0], r, strict=True)) for r in sheets["授权同意"][1:]]
    by_purpose = {c["事项"]: c for c in consents}
    card_check = by_purpose["商家验卡时显示我的姓氏与所属工会"]
    assert card_check["同意时间"] and card_check["撤回时间"]
    notice = by_purpose["会员资料的收集与使用"]
    assert notice["在哪里同意"] == "入会申请表" and notice["告知书版本"] == notices.CURRENT
    assert notice["告知书文本摘要（SHA-256）"] == notices.current_notice().digest
    # the transfer, with the sides and status in words, and the change request
    moves = dict(zip(sheets["会籍转移"][0], sheets["会籍转移"][1], strict=True))
    assert (
        moves["转出工会"] == "武汉江城机械有限公司工会"
        and moves["转入工会"] == "武汉楚天电子有限公司工会"
    )
    assert moves["提出方"] == "会员所在工会" and moves["状态"] == "已确认"
    assert moves["转移理由"] == LINK  # as typed, and as text
    changes = dict(zip(sheets["资料变更申请"][0], sheets["资料变更申请"][1], strict=True))
    assert changes["状态"] == "已取消" and changes["申请变更的内容"] == f"岗位：（空） → {LINK}"
    # the history says all of it in words
    actions = [r[1] for r in sheets["变更记录"][1:]]
    assert actions == ["会员建档", "会籍转移生效", "变更会籍状态"]
    profile = {r[0]: r[1] for r in sheets["会员资料"][1:] if r[0]}
    assert profile["会籍状态"] == "已退会"


def test_what_anyone_typed_stays_text(cast: Cast):
    member = cast.members["GA"]
    user = cast.users["member"]
    selfservice.change_request_create(actor=user, member=member, changes={"job": "+1"})
    transfers.transfer_request(
        actor=cast.users["officer"], member=member, to_union=cast.unions["GB"], reason="@SUM(A1)"
    )
    response = cast.client("member").get(reverse("portal:members:export_xlsx"))
    formulas, texts = formulas_and_texts(response.content)
    assert formulas == 0
    assert "@SUM(A1)" in texts and "岗位：（空） → +1" in texts


def test_the_json_has_the_same_readable_values(cast: Cast):
    response = cast.client("member").get(reverse("portal:members:export_json"))
    data = json.loads(response.content)
    assert data["member"]["gender"] == "男" and data["member"]["id_number"] == GA_ID
    assert data["history"][0]["action"] == "会员建档"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", data["history"][0]["at"])
    assert data["exported_at"].endswith("+08:00")
    assert data["transfers"] == [] and data["applications"] == []


@pytest.mark.parametrize("fmt", ["json", "xlsx"])
def test_each_download_is_in_the_members_own_access_log(cast: Cast, fmt: str):
    from zhigong.core.models import AccessLog

    cast.client("member").get(reverse(f"portal:members:export_{fmt}"))
    log = AccessLog.objects.get()
    assert log.channel == "self-export" and fmt in log.reason


def test_applications_entered_for_the_member_are_theirs_too(cast: Cast):
    # given an officer entered an application with 李娜's ID number that was rejected
    member = cast.members["GB"]
    member.user = cast.users["outsider"]
    member.save()
    selfservice.member_leave(actor=cast.users["outsider"], member=member, reason="离职")
    application = applications.application_submit(
        actor=cast.users["officer"],
        person=PersonInput(
            name="李娜",
            id_number=cast_id_number(CAST_MEMBERS["GB"][1]),
            phone=CAST_MEMBERS["GB"][2],
        ),
        union=cast.unions["GA"],
    )
    applications.application_review(
        actor=cast.users["officer"], application=application, approve=False, reason="材料不全"
    )
    response = cast.client("outsider").get(reverse("portal:members:export_xlsx"))
    sheets = _sheets(response.content)
    row = dict(zip(sheets["入会申请"][0], sheets["入会申请"][1], strict=True))
    assert row["提交方式"] == "工会工作人员代为录入" and row["状态"] == "未通过"
    assert row["理由"] == "材料不全"
    assert MembershipApplication.objects.count() == 1
