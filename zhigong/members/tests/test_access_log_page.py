"""A member sees who viewed their full data, when, why and how (/me/access/): the reveals of
their record, the unmasked roster exports that covered their union at the time, their own
exports; viewers by role and union, never by name; only their own entries."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from zhigong.core.actors import SYSTEM
from zhigong.core.models import AccessLog
from zhigong.members import exports
from zhigong.members.models import Member
from zhigong.members.selectors import access
from zhigong.members.services import reveal, selfexport, transfers
from zhigong.testing.cast import Cast


def _reveal(cast: Cast, who: str, code: str, reason: str, fields: list[str] | None = None):
    reveal.member_reveal(
        actor=cast.users[who],
        member=cast.members[code],
        fields=fields or ["id_number"],
        reason=reason,
    )


def _export(cast: Cast, who: str, union: str, reason: str) -> None:
    exports.roster_export(
        actor=cast.users[who],
        union=cast.unions[union],
        stream=io.BytesIO(),
        reveal=True,
        reason=reason,
    )


def _page(cast: Cast, who: str = "member", **query: str) -> str:
    response = cast.client(who).get(reverse("portal:members:access_log"), query)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return response.content.decode()


def test_a_member_sees_the_reveals_of_their_data_by_role_and_union(cast: Cast):
    # given the street centre's staff revealed 张伟's ID number, and 组织部 his phone
    _reveal(cast, "street_staff", "GA", "核对入会身份")
    _reveal(cast, "city_org", "GA", "电话回访", ["phone"])
    # when 张伟 opens the page
    html = _page(cast)
    # then he sees both, newest first, with the viewer's role and union, what and why
    assert html.index("电话回访") < html.index("核对入会身份")
    assert "服务中心工作人员" in html and "大智街道工会" in html
    assert "部门工作人员（组织部）" in html and "武汉市总工会" in html
    assert "查看完整的身份证号" in html and "查看完整的手机号" in html
    assert "网页查看" in html
    # but no viewer's name or login
    for user in ("street_staff", "city_org"):
        assert cast.users[user].username not in html
    seq = AccessLog.objects.order_by("seq").first()
    assert seq is not None and f"#{seq.seq}" in html


def test_another_members_entries_never_appear(cast: Cast):
    # given reveals and exports that concern 李娜 at GB only
    _reveal(cast, "city_org", "GB", "李娜的核查")
    _export(cast, "city_org", "DB", "武昌区年度核查")
    selfexport.member_export(actor=SYSTEM, member=cast.members["GB"])
    # then 张伟 (GA) sees none of them
    html = _page(cast)
    assert "李娜的核查" not in html and "武昌区年度核查" not in html
    assert "还没有人查看过您的完整身份证号或手机号。" in html
    assert list(access.access_log_of(cast.members["GA"])) == []
    # while for 李娜 they are all there
    assert len(access.access_log_of(cast.members["GB"])) == 3


def test_unmasked_exports_of_a_union_above_are_listed(cast: Cast):
    # given full rosters of 江岸区 (which holds GA) and of the whole city, and a masked one
    _export(cast, "city_org", "DA", "江岸区年度核查")
    _export(cast, "city_org", "CITY", "全市统计")
    exports.roster_export(actor=SYSTEM, union=cast.unions["DA"], stream=io.BytesIO())
    html = _page(cast)
    # then 张伟 sees the two full exports, as exports of those rosters
    assert "江岸区年度核查" in html and "全市统计" in html
    assert "导出完整花名册（江岸区总工会）" in html and "导出完整花名册（武汉市总工会）" in html
    assert "导出完整花名册" in html  # the channel's words
    assert len(access.access_log_of(cast.members["GA"])) == 2


def test_exports_count_for_the_union_the_member_was_in_at_the_time(cast: Cast):
    member = cast.members["GA"]
    # given a full export of 江岸区 while 张伟 worked at GA
    _export(cast, "city_org", "DA", "转移前的江岸区导出")
    # when he moves to GB (武昌区), and both districts are exported afterwards
    transfer = transfers.transfer_request(
        actor=cast.users["officer"], member=member, to_union=cast.unions["GB"], reason="调动"
    )
    transfers.transfer_decide(actor=cast.users["other_officer"], transfer=transfer, accept=True)
    _export(cast, "city_org", "DA", "转移后的江岸区导出")
    _export(cast, "city_org", "DB", "转移后的武昌区导出")
    member.refresh_from_db()
    periods = access.union_periods(member)
    assert [p.union_code for p in periods] == ["GA", "GB"]
    # then the exports that held him are listed, the one after he left 江岸区 is not
    reasons = {log.reason.split("（")[0] for log in access.access_log_of(member)}
    assert reasons == {"转移前的江岸区导出", "转移后的武昌区导出"}


def test_own_exports_are_listed_as_the_member_themself(cast: Cast):
    cast.client("member").get(reverse("portal:members:export_xlsx"))
    html = _page(cast)
    assert "您本人" in html and "导出本人全部资料，含身份证号、手机号" in html
    assert "会员本人导出" in html


def test_pages_of_twenty_newest_first(cast: Cast):
    for i in range(23):
        _reveal(cast, "street_staff", "GA", f"第{i:02d}次核对")
    first, second = _page(cast), _page(cast, page="2")
    assert "第22次核对" in first and "第03次核对" in first and "第02次核对" not in first
    assert "第02次核对" in second and "第00次核对" in second and "第22次核对" not in second
    assert "第 1 / 2 页" in first


def test_someone_with_no_member_record_has_no_access_page(cast: Cast):
    response = cast.client("outsider").get(reverse("portal:members:access_log"))
    assert response.status_code == 404


def test_the_role_shown_is_the_one_held_at_the_time(cast: Cast):
    from zhigong.unions.models import RoleGrant

    _reveal(cast, "street_staff", "GA", "当时的核对")
    log = AccessLog.objects.get()
    # a grant made after the reveal does not explain it
    RoleGrant.objects.filter(user=cast.users["street_staff"]).update(
        granted_at=log.at + dt.timedelta(minutes=1)
    )
    entry = access.access_entries(cast.members["GA"], [log])[0]
    assert (entry.role, entry.union) == ("工会工作人员", "")
    # one revoked since still does
    RoleGrant.objects.filter(user=cast.users["street_staff"]).update(
        granted_at=log.at - dt.timedelta(days=1), revoked_at=timezone.now()
    )
    entry = access.access_entries(cast.members["GA"], [log])[0]
    assert (entry.role, entry.union) == ("服务中心工作人员", "大智街道工会")


# --- the query ---------------------------------------------------------------------------------


def _fill_the_log(cast: Cast, rows: int = 30_000) -> None:
    """What a year of a city's access log looks like to the query: views of 5,000 other
    members in 1,000 other unions, and some exports, written without the chain (bulk)."""
    now = timezone.now()
    channels = ["page", "page", "page", "api", "self-export"]
    AccessLog.objects.bulk_create(
        AccessLog(
            seq=10_000_000 + i,
            prev_hash="0" * 64,
            hash=f"{i:064x}",
            at=now - dt.timedelta(minutes=i),
            actor_label="x",
            subject_type="unions.union" if i % 100 == 0 else "members.member",
            subject_id=str(100_000 + i % 5000),
            subject_label="",
            fields="id_number",
            reason="批量",
            union_path=f"9999{i % 1000:04d}",
            channel="export" if i % 100 == 0 else channels[i % 5],
        )
        for i in range(rows)
    )


def test_the_query_reads_the_indexes_not_the_whole_log(cast: Cast):
    _fill_the_log(cast)
    # a member of some years' standing: the exports of all that time are asked for
    member = cast.members["GA"]
    Member.objects.filter(pk=member.pk).update(created_at=timezone.now() - dt.timedelta(days=900))
    member.refresh_from_db()
    _reveal(cast, "street_staff", "GA", "核对")
    _export(cast, "city_org", "DA", "核查")
    qs = access.access_log_of(member)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    plan = qs.explain()
    assert "accesslog_subject" in plan, plan
    assert "accesslog_channel_union" in plan, plan
    if connection.vendor == "postgresql":
        assert "Seq Scan" not in plan, plan
    else:
        assert "SCAN audit_accesslog" not in plan.replace("USING INDEX", ""), plan
    assert len(qs) == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_the_page_count_reads_the_indexes_too(cast: Cast):
    _fill_the_log(cast)
    member = cast.members["GA"]
    Member.objects.filter(pk=member.pk).update(created_at=timezone.now() - dt.timedelta(days=900))
    member.refresh_from_db()
    qs = access.access_log_of(member)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE audit_accesslog")
        sql, params = qs.order_by().values("pk").query.sql_with_params()
        cursor.execute(f"EXPLAIN SELECT COUNT(*) FROM ({sql}) AS page", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Seq Scan" not in plan and "accesslog_subject" in plan, plan
