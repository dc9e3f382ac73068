"""The union picker: search by part of a name within the scope a page needs, with each
union's path; a field that takes a code or an exact name, and says so when it names nothing."""

from __future__ import annotations

from django import forms
from django.urls import reverse

from zhigong.core.actors import SYSTEM
from zhigong.testing.cast import Cast
from zhigong.unions.forms import ScopedForm, UnionPickField
from zhigong.unions.models import UnionKind
from zhigong.unions.roles import Perm
from zhigong.unions.selectors import PickScope, union_pick_search, union_resolve
from zhigong.unions.services import union_create, union_set_active

MEMBER_VIEW = PickScope(Perm.MEMBER_VIEW)


def _pick(cast: Cast, user: str, **query: str) -> str:
    url = reverse("staff:unions:union_pick")
    response = cast.client(user).get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def test_search_finds_unions_by_part_of_their_name_with_their_path(cast: Cast):
    # when a district clerk types part of an enterprise's name
    rows = union_pick_search(user=cast.users["district_admin"], scope=MEMBER_VIEW, query="机械")
    # then the enterprise comes with the unions above it, root first
    assert [r.union.code for r in rows] == ["GA"]
    assert rows[0].trail == ["武汉市总工会", "江岸区总工会", "大智街道工会"]


def test_search_stays_in_the_scope_of_the_permission(cast: Cast):
    district_admin = cast.users["district_admin"]
    # an enterprise of another district is not offered
    assert union_pick_search(user=district_admin, scope=MEMBER_VIEW, query="楚天") == []
    # nor anything to someone who does not hold the permission (the auditor reads no members)
    assert union_pick_search(user=cast.users["auditor"], scope=MEMBER_VIEW, query="工会") == []
    # but the tree is theirs to see
    seen = union_pick_search(
        user=cast.users["auditor"], scope=PickScope(Perm.UNION_VIEW), query="工会"
    )
    assert {r.union.code for r in seen} == {"DA", "SA", "GA"}


def test_an_exact_code_comes_first_then_the_highest_unions(cast: Cast):
    union_create(
        actor=SYSTEM, parent=cast.unions["GA"], code="GA-1", name="一车间分工会", kind="grassroots"
    )
    rows = union_pick_search(user=cast.users["city_admin"], scope=MEMBER_VIEW, query="ga")
    assert [r.union.code for r in rows] == ["GA", "GA-1"]
    rows = union_pick_search(user=cast.users["city_admin"], scope=MEMBER_VIEW, query="工会")
    assert [r.union.code for r in rows][:3] == ["CITY", "DA", "DB"]


def test_deactivated_unions_only_where_the_page_asks_for_them(cast: Cast):
    union_set_active(actor=SYSTEM, union=cast.unions["GA"], active=False, reason="注销")
    user = cast.users["district_admin"]
    assert union_pick_search(user=user, scope=MEMBER_VIEW, query="机械") == []
    found = union_pick_search(
        user=user, scope=PickScope(Perm.MEMBER_VIEW, inactive=True), query="机械"
    )
    assert [r.union.code for r in found] == ["GA"]


def test_transfer_destinations_are_every_grassroots_union(cast: Cast):
    # a transfer may go anywhere: any grassroots union, named with its path, for staff
    scope = PickScope(None, UnionKind.GRASSROOTS)
    rows = union_pick_search(user=cast.users["officer"], scope=scope, query="楚天")
    assert [r.union.code for r in rows] == ["GB"]
    assert rows[0].trail == ["武汉市总工会", "武昌区总工会", "积玉桥街道工会"]
    assert union_pick_search(user=cast.users["officer"], scope=scope, query="街道") == []
    # and nothing for someone with no place in the tree
    assert union_pick_search(user=cast.users["outsider"], scope=scope, query="楚天") == []


def test_the_picker_page_answers_an_htmx_partial(cast: Cast):
    # when the member search's field asks the picker (htmx sends the field's own value)
    html = _pick(
        cast, "district_admin", perm="member.view", field="union", target="id_union", union="大智"
    )
    # then each union is a radio that fills the field with its code, with its path
    assert 'data-fill="id_union"' in html and 'value="SA"' in html
    assert "武汉市总工会 › 江岸区总工会" in html
    assert "<html" not in html  # a partial, not a page
    # nothing outside the scope, nothing for an unknown permission, a message for no match
    assert "楚天" not in _pick(cast, "district_admin", perm="member.view", q="楚天")
    assert 'value="SA"' not in _pick(cast, "district_admin", perm="nope", q="大智")
    assert "没有找到" in _pick(cast, "district_admin", perm="member.view", q="不存在的单位")
    # a field name that is not a name is not echoed into the page
    assert "<script" not in _pick(
        cast, "district_admin", perm="member.view", field="<script>", q="大智"
    )


def test_resolve_by_code_or_exact_name_and_refuse_ambiguity(cast: Cast):
    user = cast.users["city_admin"]
    assert union_resolve(user=user, scope=MEMBER_VIEW, text="sa").union == cast.unions["SA"]
    assert (
        union_resolve(user=user, scope=MEMBER_VIEW, text=" 大智街道工会 ").union
        == cast.unions["SA"]
    )
    assert union_resolve(user=user, scope=MEMBER_VIEW, text="大智").union is None
    union_create(
        actor=SYSTEM, parent=cast.unions["SB"], code="SB-2", name="大智街道工会", kind="street"
    )
    twice = union_resolve(user=user, scope=MEMBER_VIEW, text="大智街道工会")
    assert twice.union is None and twice.matches == 2


class _Form(ScopedForm):
    union = UnionPickField(perm=Perm.MEMBER_MANAGE, label="工会")


def test_the_field_cleans_to_the_union_and_explains_what_it_cannot_find(cast: Cast):
    officer = cast.users["officer"]
    form = _Form({"union": "武汉江城机械有限公司工会"}, user=officer)
    assert form.is_valid() and form.cleaned_data["union"] == cast.unions["GA"]
    # out of scope and unknown read the same, as a field error
    for typed in ("GB", "XX-404"):
        form = _Form({"union": typed}, user=officer)
        assert not form.is_valid()
        assert form.errors["union"] == [
            f"在您的范围内找不到名称或编码为“{typed}”的工会。请输入名称中的几个字，从列表中选择。"
        ]


def test_the_widget_shows_the_chosen_union_and_suggestions_without_javascript(cast: Cast):
    officer = cast.users["officer"]
    chosen = str(_Form({"union": "GA"}, user=officer)["union"])
    assert "已选择" in chosen and "武汉江城机械有限公司工会" in chosen and "大智街道工会" in chosen
    assert "/staff/unions/pick/?" in chosen and 'hx-params="union"' in chosen
    # a part of a name is not enough to choose, but the page lists what it may mean
    form = _Form({"union": "机械"}, user=officer)
    assert not form.is_valid()
    assert 'value="GA"' in str(form["union"])


def test_a_kind_limits_the_field_and_names_the_kind_in_its_message(cast: Cast):
    class Grassroots(ScopedForm):
        union = UnionPickField(perm=Perm.MEMBER_MANAGE, kind=UnionKind.GRASSROOTS)

    form = Grassroots({"union": "SA"}, user=cast.users["district_admin"])
    assert not form.is_valid()
    assert "的基层工会" in form.errors["union"][0]
    assert isinstance(Grassroots.base_fields["union"], forms.CharField)


def test_two_unions_of_similar_names_are_told_apart_by_their_paths(cast: Cast):
    # given a second 江城机械 enterprise, in 武昌区
    union_create(
        actor=SYSTEM,
        parent=cast.unions["SB"],
        code="GB-2",
        name="武汉江城机械有限公司工会",
        kind="grassroots",
    )
    html = _pick(cast, "city_admin", perm="member.view", field="union", target="id_union", q="江城")
    # then each suggestion says where it is, and so does the note once one is chosen
    assert html.count("武汉江城机械有限公司工会 <span") == 2
    assert "武汉市总工会 › 江岸区总工会 › 大智街道工会" in html
    assert "武汉市总工会 › 武昌区总工会 › 积玉桥街道工会" in html
    assert (
        'data-note-text="已选择：武汉江城机械有限公司工会 GB-2 · 武汉市总工会 › 武昌区总工会 › 积玉桥街道工会"'
        in html
    )
    rows = union_pick_search(user=cast.users["city_admin"], scope=MEMBER_VIEW, query="江城")
    assert sorted(r.path_label for r in rows) == [
        "武汉市总工会 › 武昌区总工会 › 积玉桥街道工会 › 武汉江城机械有限公司工会",
        "武汉市总工会 › 江岸区总工会 › 大智街道工会 › 武汉江城机械有限公司工会",
    ]
    # and the chosen value, shown again by the page, carries its path too
    chosen = str(_Form({"union": "GB-2"}, user=cast.users["city_admin"])["union"])
    assert "GB-2" in chosen and "武汉市总工会 › 武昌区总工会 › 积玉桥街道工会" in chosen


def test_everyone_scope_offers_grassroots_unions_to_anyone_logged_in(cast: Cast):
    scope = PickScope(None, UnionKind.GRASSROOTS, everyone=True)
    for who in ("outsider", "member", "officer"):
        rows = union_pick_search(user=cast.users[who], scope=scope, query="武汉")
        assert {r.union.code for r in rows} == {"GA", "GB"}, who
    assert (
        union_resolve(user=cast.users["outsider"], scope=scope, text="GB").union
        == cast.unions["GB"]
    )
    # not to nobody, and the workbench's picker does not take the scope from the address
    from django.contrib.auth.models import AnonymousUser

    assert union_pick_search(user=AnonymousUser(), scope=scope, query="武汉") == []
    assert 'value="GA"' not in _pick(cast, "outsider", kind="grassroots", everyone="1", q="武汉")
