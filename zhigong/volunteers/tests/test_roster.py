"""The roster (VOL-3) in 附件3's layout, masked unless the exporter may reveal (logged), and
the printable registration form in 附件2's layout."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from zhigong.core.actors import SYSTEM
from zhigong.core.errors import DomainError, NotFound
from zhigong.core.models import AccessLog
from zhigong.testing.cast import CAST_MEMBERS, Cast, cast_id_number
from zhigong.volunteers.models import Volunteer
from zhigong.volunteers.roster import roster_export
from zhigong.volunteers.services.approval import volunteer_decide
from zhigong.volunteers.services.registration import volunteer_register
from zhigong.volunteers.tests.conftest import apply, form, give_quota

GA_ID = cast_id_number(CAST_MEMBERS["GA"][1])
WANG_ID = cast_id_number("42010219700101002")


def approve(volunteer: Volunteer) -> Volunteer:
    for _step in range(3):
        volunteer = volunteer_decide(actor=SYSTEM, volunteer=volunteer, approve=True)
    return volunteer


@pytest.fixture
def roster(cast: Cast) -> list[Volunteer]:
    give_quota(cast, 10)
    approved = approve(apply(cast))
    other = approve(
        volunteer_register(
            actor=SYSTEM,
            data=form(
                name='=HYPERLINK("http://x","y")',
                id_number=WANG_ID,
                phone="13700001111",
                identity="retired",
                political_status="cpc",
                employer="+大智街道",
                specialty="@SUM(A1)",
            ),
            union=cast.unions["SA"],
        )
    )
    apply_only = volunteer_register(  # not approved: not on the roster
        actor=SYSTEM,
        data=form(name="李四", id_number=cast_id_number("42010219800101003"), phone="13700002222"),
        union=cast.unions["SA"],
    )
    return [approved, other, apply_only]


def rows_of(data: bytes) -> list[list[Any]]:
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


def export(cast: Cast, who: str = "district_admin", code: str = "DA", **kw: Any) -> bytes:
    out = io.BytesIO()
    roster_export(actor=cast.users[who], union=cast.unions[code], stream=out, **kw)
    return out.getvalue()


def test_the_roster_has_the_layout_of_the_seed(cast: Cast, roster: list[Volunteer]):
    data = export(cast, responsible="梁玉叶", phone="82610421")
    rows = rows_of(data)
    assert rows[0][0] == "服务帮扶志愿者花名册"
    assert rows[1][0] == "区市县、产业工会：江岸区总工会"
    assert rows[1][4] == "负责人：梁玉叶" and rows[1][6] == "联系电话：82610421"
    assert rows[2] == ["序号", "姓名", "性别", "身份证号码", "工作单位", "政治面貌", "身份", "特长"]
    body = rows[3:]
    assert len(body) == 2
    assert [r[0] for r in body] == [1.0, 2.0] or [r[0] for r in body] == [1, 2]
    names = {r[1] for r in body}
    assert names == {"张伟", '=HYPERLINK("http://x","y")'}
    by_name = {r[1]: r for r in body}
    assert by_name["张伟"][2] == "男" and by_name["张伟"][6] == "在职职工"
    assert by_name["张伟"][3] != GA_ID and "*" in str(by_name["张伟"][3])
    wang = by_name['=HYPERLINK("http://x","y")']
    assert wang[5] == "中共党员" and wang[6] == "离退休人员" and wang[4] == "+大智街道"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # never a formula
    assert not AccessLog.objects.exists()


def test_a_full_roster_needs_the_reveal_permission_and_a_reason(
    cast: Cast, roster: list[Volunteer]
):
    with pytest.raises(DomainError):  # the district administrator may not reveal
        export(cast, reveal=True, reason="报送市总")
    with pytest.raises(DomainError):  # the street's staff may, with a reason
        export(cast, "street_staff", code="SA", reveal=True)
    rows = rows_of(export(cast, "street_staff", code="SA", reveal=True, reason="报送市总工会"))
    assert {r[3] for r in rows[3:]} == {GA_ID, WANG_ID}
    log = AccessLog.objects.get()
    assert log.channel == "export" and "导出志愿者花名册 2 人" in log.reason


def test_out_of_scope_roster_is_not_found(cast: Cast, roster: list[Volunteer]):
    with pytest.raises(NotFound):
        export(cast, "other_admin")


def test_the_roster_page_downloads_the_xlsx(cast: Cast, roster: list[Volunteer]):
    response = cast.client("district_admin").post(
        reverse("staff:volunteers:roster"),
        {"union": "DA", "responsible": "梁玉叶", "phone": "82610421"},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = rows_of(b"".join(response.streaming_content))  # type: ignore[attr-defined]
    assert len(rows) == 5
    # a union out of scope is an error beside the field, and nothing is exported
    response = cast.client("district_admin").post(
        reverse("staff:volunteers:roster"), {"union": "DB"}
    )
    assert response.status_code == 200 and "text/html" in response["Content-Type"]


def test_the_printable_form_has_the_seed_rows(cast: Cast, roster: list[Volunteer]):
    volunteer = roster[0]
    page = (
        cast.client("officer")
        .get(reverse("staff:volunteers:form", args=[volunteer.pk]))
        .content.decode()
    )
    for label in ("工会服务帮扶志愿者登记表", "姓名", "政治面貌", "照片", "身份证号", "参加工作时间", "健康状况",
                  "工作简历", "本人申请", "单位工会意见", "区市县总工会、产业工会意见", "市总工会意见"):  # fmt: skip
        assert label in page
    assert volunteer.id_number_masked in page and GA_ID not in page
    assert "@media print" in page


def test_reveal_on_the_page_is_logged(cast: Cast, roster: list[Volunteer]):
    detail = reverse("staff:volunteers:detail", args=[roster[0].pk])
    client = cast.client("street_staff")
    assert GA_ID not in client.get(detail).content.decode()
    page = client.post(detail, {"action": "reveal", "reason": "电话联系本人"}).content.decode()
    assert GA_ID in page and AccessLog.objects.filter(fields="id_number,phone").count() == 1
    # the district administrator holds no reveal: no form, and a post changes nothing
    page = (
        cast.client("district_admin")
        .post(detail, {"action": "reveal", "reason": "看看"})
        .content.decode()
    )
    assert GA_ID not in page and AccessLog.objects.count() == 1
