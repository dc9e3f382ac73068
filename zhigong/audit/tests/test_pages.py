"""The audit log and the access log as supervisors read them: in people's words, scoped to
their subtree, filtered, and the access log exported (masked, and itself recorded)."""

from __future__ import annotations

import ast
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from python_calamine import CalamineWorkbook

import zhigong
from zhigong.core.actors import SYSTEM
from zhigong.core.audit import audit_record
from zhigong.core.audit_words import words
from zhigong.core.models import AuditEvent
from zhigong.members.services import selfservice
from zhigong.members.services.applications import (
    application_approve,
    application_review,
    application_submit,
)
from zhigong.members.services.registry import PersonInput
from zhigong.members.services.reveal import member_reveal
from zhigong.members.services.transfers import transfer_decide, transfer_request
from zhigong.testing.cast import Cast, cast_id_number

EVENTS = "/staff/audit/"
ACCESS = "/staff/audit/access/"


def _page(cast: Cast, url: str, **query: str) -> str:
    response = cast.client("auditor").get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_audit_log_names_actions_objects_fields_and_values(cast: Cast):
    # given a member's change confirmed by the officer
    change = selfservice.change_request_create(
        actor=cast.users["member"], member=cast.members["GA"], changes={"job": "钳工"}
    )
    selfservice.change_request_decide(
        actor=cast.users["officer"], request=change, confirm=True, reason="核实无误"
    )
    html = _page(cast, EVENTS)
    # then the log speaks Chinese: actions, objects, fields and values
    assert '<span title="member_change.confirm">确认资料变更</span>' in html
    assert f"资料变更申请 #{change.pk}" in html and "object (" not in html
    assert "岗位：（空） → 钳工" in html
    assert "性别：（空） → 男" in html and "gender:" not in html
    assert "工作单位：（空） → 武汉江城机械有限公司工会" in html
    # people by their full names (the cast's are their logins), the platform as 系统
    assert "<td>officer</td>" in html and "<td>系统</td>" in html
    # and the member's name masked: the auditor looks after no member
    assert "会员 张*" in html and "张伟" not in html


def test_the_audit_log_filters_by_action_name(cast: Cast):
    html = _page(cast, EVENTS)
    assert '<option value="union.create">新建工会</option>' in html
    filtered = _page(cast, EVENTS, action="union.create")
    assert ">新建工会</span>" in filtered and ">会员建档</span>" not in filtered
    assert ">会员建档</span>" in _page(cast, EVENTS, action="member.create")


def test_the_audit_log_filters_by_the_actors_full_name(cast: Cast):
    cast.users["officer"].full_name = "刘建国"
    cast.users["officer"].save()
    cast.client("officer").post(
        reverse("staff:members:member_status", args=[cast.members["GA"].pk]),
        {"status": "suspended", "reason": "暂停"},
    )
    html = _page(cast, EVENTS, actor="刘建国")
    assert "刘建国（officer）" in html and ">变更会籍状态</span>" in html
    assert ">会员建档</span>" not in html


def test_long_reasons_are_folded(cast: Cast):
    reason = "因会员长期未缴纳会费且多次联系未果，经工会委员会研究决定暂停其会籍，待其补缴后恢复。"
    audit_record(
        actor=SYSTEM,
        action="union.update",
        target=cast.unions["SA"],
        union=cast.unions["SA"],
        reason=reason,
    )
    html = _page(cast, EVENTS)
    assert "<details><summary>" in html and reason in html


def test_every_action_the_code_records_has_words():
    """Every literal ``action="x.y"`` in the code base (tests aside) is named for people."""
    root = Path(zhigong.__file__).parent
    found: set[str] = set()
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and re.fullmatch(r"[a-z_]+\.[a-z_]+", node.value)
                and _is_action(node, path)
            ):
                found.add(node.value)
    vocabulary = words()
    missing = sorted(a for a in found if vocabulary.action_label(a) == a)
    assert missing == []


def _is_action(node: ast.Constant, path: Path) -> bool:
    """A string that an ``action=`` argument (or a workflow's cancel list) takes."""
    source = path.read_text().splitlines()[node.lineno - 1]
    return "action" in source or "_FLOW, " in source


def test_the_events_of_the_usual_work_all_have_words(cast: Cast):
    # given the usual work of a day (the cast, a change, a transfer, a reveal)
    change = selfservice.change_request_create(
        actor=cast.users["member"], member=cast.members["GA"], changes={"job": "钳工"}
    )
    selfservice.change_request_decide(
        actor=cast.users["officer"], request=change, confirm=False, reason="不符"
    )
    application = application_submit(
        actor=SYSTEM,
        person=PersonInput(name="王芳", id_number=cast_id_number("42010219920808002")),
        union=cast.unions["GA"],
    )
    application_review(
        actor=cast.users["officer"], application=application, approve=True, stamp_name="刘"
    )
    application_approve(actor=cast.users["street_staff"], application=application, approve=True)
    transfer = transfer_request(
        actor=cast.users["officer"],
        member=cast.members["GA"],
        to_union=cast.unions["GB"],
        reason="调动",
    )
    transfer_decide(actor=cast.users["other_officer"], transfer=transfer, accept=True)
    _reveal(cast, "system", "GB")
    vocabulary = words()
    unnamed = {
        e.action for e in AuditEvent.objects.all() if vocabulary.action_label(e.action) == e.action
    }
    assert unnamed == set()
    targets = {e.target_type for e in AuditEvent.objects.all()}
    assert all(vocabulary.target_noun(t) != t for t in targets), targets


# --- the access log ----------------------------------------------------------------------------


def _reveal(cast: Cast, who: str, member: str, reason: str = "核对身份") -> None:
    member_reveal(
        actor=cast.users[who] if who != "system" else SYSTEM,
        member=cast.members[member],
        fields=["id_number", "phone"],
        reason=reason,
    )


def test_supervisors_read_who_viewed_whose_data_in_their_subtree(cast: Cast):
    # given a reveal at GA (the auditor's district) and one at GB (another district)
    _reveal(cast, "street_staff", "GA", "办理转移核对身份")
    _reveal(cast, "system", "GB", "外区核对")
    html = _page(cast, ACCESS)
    # then the auditor of 江岸区 sees theirs: who, whose (masked), what, why, how, where
    assert "<td>street_staff</td>" in html
    assert "会员 张*" in html and "张伟" not in html
    assert "身份证号、手机号" in html and "办理转移核对身份" in html
    assert "网页查看" in html and "武汉江城机械有限公司工会" in html
    # and nothing of the other district
    assert "外区核对" not in html and "李*" not in html


def test_the_access_log_filters_by_channel_person_and_dates(cast: Cast):
    _reveal(cast, "street_staff", "GA", "网页核对")
    member_reveal(
        actor=cast.users["city_org"],
        member=cast.members["GA"],
        fields=["phone"],
        reason="接口核对",
        channel="api",
    )
    assert "网页核对" not in _page(cast, ACCESS, channel="api")
    assert "接口核对" in _page(cast, ACCESS, channel="api")
    assert "接口核对" not in _page(cast, ACCESS, actor="street_staff")
    tomorrow = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    assert "网页核对" not in _page(cast, ACCESS, since=tomorrow)
    assert "网页核对" in _page(cast, ACCESS, until=tomorrow)


def test_the_access_log_is_exported_masked_and_the_export_is_recorded(cast: Cast):
    _reveal(cast, "street_staff", "GA", '=HYPERLINK("http://x")')
    response = cast.client("auditor").get("/staff/audit/access.xlsx", {"channel": "page"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    rows = book.get_sheet_by_index(0).to_python()
    assert rows[0][:4] == ["序号", "时间", "查看人", "查看对象"]
    assert rows[1][3] == "会员 张*" and rows[1][5] == '=HYPERLINK("http://x")'
    assert all("张伟" not in str(cell) for row in rows for cell in row)
    event = AuditEvent.objects.latest("seq")
    assert event.action == "access_log.export" and event.actor == cast.users["auditor"]
    assert event.changes["rows"] == [None, 1] and event.changes["channel"] == [None, "page"]
    assert event.union == cast.unions["DA"]


@pytest.mark.parametrize("who", ["district_admin", "street_staff", "outsider"])
def test_only_auditors_read_the_access_log(cast: Cast, who: str):
    assert cast.client(who).get(ACCESS).status_code == 404
    assert cast.client(who).get("/staff/audit/access.xlsx").status_code == 404


def test_codes_inside_an_objects_name_read_as_words(cast: Cast):
    html = _page(cast, EVENTS, action="role.grant")
    assert "角色授权 officer 基层工会干部" in html and "grassroots_officer" not in html
