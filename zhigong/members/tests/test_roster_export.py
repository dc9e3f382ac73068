"""Roster export: masked by default; unmasked only as a logged reveal."""

from __future__ import annotations

import io
from typing import Any

from django.core.management import call_command
from django.urls import reverse
from python_calamine import CalamineWorkbook

from zhigong.core.actors import SYSTEM
from zhigong.core.models import AccessLog
from zhigong.members import personal
from zhigong.testing.cast import Cast


def body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def sheet_of(content: bytes) -> list[list[Any]]:
    with CalamineWorkbook.from_filelike(io.BytesIO(content)) as workbook:
        return workbook.get_sheet_by_index(0).to_python()


def test_roster_is_masked_by_default(cast: Cast):
    # given 张伟 at GA (under DA)
    member = cast.members["GA"]
    # when district_admin downloads the roster of DA
    response = cast.client("district_admin").get(
        reverse("staff:members:member_roster_xlsx") + "?union=DA"
    )
    rows = sheet_of(body(response))
    # then it lists him masked, with the columns unions use, and logs no reveal
    assert rows[0] == [
        "序号", "姓名", "性别", "身份证号", "手机号", "民族", "政治面貌", "学历", "工作单位", "入会日期", "状态",
    ]  # fmt: skip
    assert len(rows) == 2
    assert rows[1][1] == "张伟" and rows[1][3] == member.id_number_masked
    assert rows[1][4] == member.phone_masked and rows[1][10] == "正常"
    assert personal.id_number_of(member) not in str(rows)
    assert not AccessLog.objects.exists()


def test_roster_of_the_whole_city_and_status_filter(cast: Cast):
    client = cast.client("city_admin")
    rows = sheet_of(body(client.get(reverse("staff:members:member_roster_xlsx") + "?union=CITY")))
    assert sorted(r[1] for r in rows[1:]) == ["张伟", "李娜"]
    url = reverse("staff:members:member_roster_xlsx") + "?union=CITY&status=left"
    assert len(sheet_of(body(client.get(url)))) == 1


def test_unmasked_export_needs_reveal_permission_and_a_reason_and_is_logged(cast: Cast):
    member = cast.members["GA"]
    url = reverse("staff:members:member_roster_reveal")
    # given the officer at GA (member.view but no member.reveal): 404, nothing logged
    denied = cast.client("officer").post(url, {"union": "GA", "reason": "核对"})
    assert denied.status_code == 404
    assert not AccessLog.objects.exists()
    # when 组织部 of the city (member.reveal over DA) asks without a reason: the form again,
    # nothing logged
    client = cast.client("city_org")
    again = client.post(url, {"union": "DA", "reason": ""})
    assert again.status_code == 200 and "必须填写理由" in again.content.decode()
    assert not AccessLog.objects.exists()
    # when with a reason: the full values, and one access-log row naming the union and count
    response = client.post(url, {"union": "DA", "reason": "年度会员核查"})
    rows = sheet_of(body(response))
    assert rows[1][3] == personal.id_number_of(member)
    assert rows[1][4] == personal.phone_of(member)
    log = AccessLog.objects.get()
    assert log.channel == "export" and log.fields == "id_number,phone"
    assert log.subject_id == str(cast.unions["DA"].pk) and "1 人" in log.reason
    assert log.actor == cast.users["city_org"]


def test_roster_of_another_district_is_not_shown(cast: Cast):
    # given an administrator of 武昌区 asking for 江岸区's roster by its code
    client = cast.client("other_admin")
    # then the download is a 404, as if DA did not exist
    assert client.get(reverse("staff:members:member_roster_xlsx") + "?union=DA").status_code == 404
    # and the page says so beside the field and shows their own district, never DA's
    page = client.get(reverse("staff:members:member_roster") + "?union=DA")
    html = page.content.decode()
    assert page.status_code == 200
    assert "在您的范围内找不到名称或编码为“DA”的工会" in html
    assert "武昌区总工会（DB）及其下级工会" in html and "江岸区总工会" not in html
    page = client.get(reverse("staff:members:member_roster"))  # defaults to the top of the scope
    assert page.status_code == 200 and "武昌区总工会" in page.content.decode()


def test_roster_union_is_chosen_by_name(cast: Cast):
    # given a clerk who types the union's exact name instead of its code (no JavaScript)
    page = cast.client("district_admin").get(
        reverse("staff:members:member_roster") + "?union=大智街道工会"
    )
    # then the roster is that union's, and the export links carry its code
    html = page.content.decode()
    assert "大智街道工会（SA）及其下级工会：1 名会员" in html
    assert "roster.xlsx?union=SA" in html


def test_export_roster_command_is_masked(cast: Cast, tmp_path):
    out = tmp_path / "roster.xlsx"
    call_command("export_roster", "CITY", str(out), stdout=io.StringIO())
    rows = sheet_of(out.read_bytes())
    assert len(rows) == 3
    text = str(rows)
    for member in cast.members.values():
        assert personal.id_number_of(member) not in text
        assert personal.phone_of(member) not in text


def test_a_roster_longer_than_a_sheet_continues_on_the_next(cast: Cast, monkeypatch):
    # given sheets of one member (Excel's are 1,048,575) and a city of two members
    from zhigong.members import exports

    monkeypatch.setattr(exports, "SHEET_ROWS", 1)
    stream = io.BytesIO()
    count = exports.roster_export(actor=SYSTEM, union=cast.unions["CITY"], stream=stream)
    # then each member is on a sheet of their own, under the header, numbered on
    with CalamineWorkbook.from_filelike(io.BytesIO(stream.getvalue())) as workbook:
        assert workbook.sheet_names == ["会员花名册", "会员花名册（2）"]
        sheets = [workbook.get_sheet_by_index(i).to_python() for i in range(2)]
    assert count == 2
    assert [len(rows) for rows in sheets] == [2, 2]
    assert [rows[0][0] for rows in sheets] == ["序号", "序号"]
    assert [rows[1][0] for rows in sheets] == [1, 2]


def test_an_empty_roster_has_its_header(cast: Cast):
    from zhigong.members import exports

    stream = io.BytesIO()
    assert (
        exports.roster_export(actor=SYSTEM, union=cast.unions["CITY"], stream=stream, status="left")
        == 0
    )
    assert sheet_of(stream.getvalue())[0][0] == "序号"
