"""Pages show exactly the caller's subtree, and denied writes change nothing."""

from __future__ import annotations

import io

from django.urls import reverse

from zhigong.core.actors import SYSTEM
from zhigong.core.models import AuditEvent
from zhigong.unions.models import RoleGrant, Union


def test_tree_shows_own_roots_only(cast):
    page = cast.client("district_admin").get(reverse("staff:unions:union_tree")).content.decode()
    assert "江岸区总工会" in page and "武昌区总工会" not in page


def test_search_lists_exactly_the_subtree(cast):
    client = cast.client("district_admin")
    page = client.get(reverse("staff:unions:union_tree"), {"q": "工会"}).content.decode()
    for name in ("江岸区总工会", "大智街道工会", "武汉江城机械有限公司工会"):
        assert name in page
    for name in ("武汉市总工会", "武昌区总工会", "积玉桥街道工会", "武汉楚天电子有限公司工会"):
        assert name not in page


def test_lazy_children_partial(cast):
    page = cast.client("city_admin").get(reverse("staff:unions:union_children", args=["CITY"]))
    assert "江岸区总工会" in page.content.decode() and "武昌区总工会" in page.content.decode()


def test_breadcrumbs_name_ancestors_without_links(cast):
    page = cast.client("street_staff").get(reverse("staff:unions:union_detail", args=["GA"]))
    html = page.content.decode()
    assert "武汉市总工会" in html  # the name on the path to the root
    assert reverse("staff:unions:union_detail", args=["CITY"]) not in html  # but not a link
    assert reverse("staff:unions:union_detail", args=["SA"]) in html


def test_create_child_through_the_page(cast):
    client = cast.client("district_admin")
    response = client.post(
        reverse("staff:unions:union_create", args=["SA"]),
        {
            "code": "GA9",
            "name": "武汉新业科技有限公司工会",
            "kind": "grassroots",
        },
    )
    assert response.status_code == 302
    assert Union.objects.get(code="GA9").path.startswith(cast.unions["SA"].path)


def test_create_with_bad_input_shows_messages_and_writes_nothing(cast):
    count = Union.objects.count()
    response = cast.client("district_admin").post(
        reverse("staff:unions:union_create", args=["SA"]),
        {"code": "坏 编码", "name": "x", "kind": "federation", "region_code": "99"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "编码只能包含" in html and "总工会必须填写级别" in html and "6 位数字" in html
    assert Union.objects.count() == count


def test_other_district_write_is_404_and_changes_nothing(cast):
    client = cast.client("other_admin")
    events = AuditEvent.objects.count()
    assert (
        client.post(
            reverse("staff:unions:union_update", args=["DA"]), {"name": "被改名"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("staff:unions:union_create", args=["DA"]),
            {"code": "X", "name": "x", "kind": "street"},
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("staff:unions:union_set_active", args=["SA"]), {"reason": "x"}
        ).status_code
        == 404
    )
    assert Union.objects.get(code="DA").name == "江岸区总工会"
    assert Union.objects.get(code="SA").is_active
    assert not Union.objects.filter(code="X").exists()
    assert AuditEvent.objects.count() == events


def test_move_page_refuses_target_outside_scope(cast):
    response = cast.client("district_admin").post(
        reverse("staff:unions:union_move", args=["SA"]), {"parent": "DB", "reason": "x"}
    )
    assert response.status_code == 200
    assert "在您的范围内找不到名称或编码为“DB”的工会" in response.content.decode()
    assert Union.objects.get(code="SA").path.startswith(cast.unions["DA"].path)


def test_grant_and_revoke_through_the_page(cast):
    client = cast.client("district_admin")
    url = reverse("staff:accounts:union_roles", args=["SA"])
    response = client.post(
        url, {"form": "grant", "username": "outsider", "role": "centre_staff", "reason": "新任"}
    )
    assert response.status_code == 302
    grant = RoleGrant.objects.get(user=cast.users["outsider"])
    response = client.post(
        reverse("staff:accounts:role_revoke", args=[grant.pk]), {"reason": "调离"}
    )
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_at is not None


def test_grant_page_offers_no_role_above_own(cast):
    page = cast.client("district_admin").get(reverse("staff:accounts:union_roles", args=["DA"]))
    html = page.content.decode()
    assert 'value="federation_admin"' in html  # equal rank may be granted below
    dept_page = cast.client("dept_legal").get(reverse("staff:accounts:union_roles", args=["DA"]))
    assert 'name="role"' not in dept_page.content.decode()  # no role.grant: no form


def test_other_district_cannot_grant_and_nothing_changes(cast):
    count = RoleGrant.objects.count()
    response = cast.client("other_admin").post(
        reverse("staff:accounts:union_roles", args=["DA"]),
        {"form": "grant", "username": "outsider", "role": "member"},
    )
    assert response.status_code == 404 and RoleGrant.objects.count() == count


def test_create_user_page(cast):
    client = cast.client("district_admin")
    response = client.post(
        reverse("staff:accounts:union_roles", args=["DA"]),
        {
            "form": "user",
            "username": "li_si",
            "full_name": "李四",
            "phone": "13912340000",
            "password": "Str0ng-Passw0rd!",
        },
    )
    assert response.status_code == 302


def test_audit_page_is_scoped(cast):
    client = cast.client("auditor")  # at DA
    html = client.get(reverse("staff:audit:events")).content.decode()
    assert "江岸区总工会" in html and "武昌区总工会" not in html


def test_import_page_reports_bad_row_and_offers_report(cast):
    client = cast.client("district_admin")
    csv = "编码,名称,类型,级别,上级编码,行政区划代码\nN1,新街道工会,街道工会,,SA,420102\nN2,坏行,奇怪类型,,N1,\n"
    upload = io.BytesIO(csv.encode())
    upload.name = "unions.csv"
    response = client.post(reverse("staff:unions:union_import"), {"anchor": "DA", "file": upload})
    html = response.content.decode()
    assert response.status_code == 200 and "奇怪类型" in html
    assert not Union.objects.filter(code="N1").exists()
    token = response.context["report_token"]
    report = client.get(reverse("staff:unions:union_import_report", args=[token]))
    assert report.status_code == 200 and report.content[:2] == b"PK"
    # another user cannot fetch that report
    other = cast.client("other_admin").get(
        reverse("staff:unions:union_import_report", args=[token])
    )
    assert other.status_code == 404


def test_import_page_writes_good_file_under_anchor(cast):
    client = cast.client("district_admin")
    csv = "code,name,kind,level,parent_code,region_code\nN1,新街道工会,street,,,420102\nN2,新企业工会,grassroots,,N1,\n"
    upload = io.BytesIO(csv.encode())
    upload.name = "unions.csv"
    response = client.post(reverse("staff:unions:union_import"), {"anchor": "DA", "file": upload})
    assert response.status_code == 302
    assert Union.objects.get(code="N2").path.startswith(cast.unions["DA"].path)


def test_import_page_cannot_reach_other_district(cast):
    client = cast.client("district_admin")
    csv = "code,name,kind,level,parent_code,region_code\nN1,越权,street,,SB,\n"
    upload = io.BytesIO(csv.encode())
    upload.name = "unions.csv"
    response = client.post(reverse("staff:unions:union_import"), {"anchor": "DA", "file": upload})
    assert response.status_code == 200
    assert not Union.objects.filter(code="N1").exists()
    # and a forged anchor outside the scope is rejected by the form
    upload.seek(0)
    response = client.post(reverse("staff:unions:union_import"), {"anchor": "DB", "file": upload})
    assert response.status_code == 200 and not Union.objects.filter(code="N1").exists()


def test_api_lists_exactly_the_subtree(cast):
    client = cast.client("district_admin")
    codes = {u["code"] for u in client.get("/api/v1/unions").json()["items"]}
    assert codes == {"DA", "SA", "GA"}
    detail = client.get("/api/v1/unions/GA").json()
    assert detail["parent_code"] == "SA"
    assert [c["visible"] for c in detail["breadcrumbs"]] == [False, True, True, True]
    children = client.get("/api/v1/unions/SA/children").json()["items"]
    assert [c["code"] for c in children] == ["GA"] and children[0]["parent_code"] == "SA"


def test_api_docs_load_nothing_from_a_cdn(cast):
    html = cast.client("anonymous").get("/api/v1/docs").content.decode()
    # Not a bare "cdn" test: the page's random CSRF token may contain those letters.
    assert "jsdelivr" not in html and "unpkg" not in html
    assert 'src="http' not in html and 'href="http' not in html


def test_detail_counts_the_whole_subtree_by_kind(cast):
    from zhigong.unions.services import union_create

    union_create(
        actor=SYSTEM, parent=cast.unions["SA"], code="GA2", name="第二企业工会", kind="grassroots"
    )
    response = cast.client("district_admin").get(reverse("staff:unions:union_detail", args=["DA"]))
    counts = {str(label): n for label, n in response.context["counts"]}
    assert counts == {"街道（乡镇）工会": 1, "基层工会": 2}
