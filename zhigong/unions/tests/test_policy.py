"""The policy module against the shared cast, and against an oracle on random trees."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhigong.accounts.models import User
from zhigong.core.errors import NotFound, PermissionDenied
from zhigong.unions import policy
from zhigong.unions.models import RoleGrant, Union
from zhigong.unions.roles import Perm, Role


def codes(qs) -> set[str]:
    return set(qs.values_list("code", flat=True))


def test_district_admin_sees_exactly_own_subtree(cast):
    # given the district admin of DA
    user = cast.users["district_admin"]
    # when listing unions in scope
    visible = codes(policy.unions_with_perm(user, Perm.UNION_VIEW))
    # then exactly DA and below
    assert visible == {"DA", "SA", "GA"}


def test_city_admin_sees_everything_below_city(cast):
    assert codes(policy.unions_with_perm(cast.users["city_admin"], Perm.UNION_VIEW)) == {
        "CITY",
        "DA",
        "SA",
        "GA",
        "DB",
        "SB",
        "GB",
    }


def test_outsider_and_member_see_nothing(cast):
    for name in ("outsider", "member"):
        assert codes(policy.unions_with_perm(cast.users[name], Perm.UNION_VIEW)) == set()


def test_require_perm_hides_other_district_as_not_found(cast):
    # given the admin of DB, when touching DA, then it is as if DA did not exist
    with pytest.raises(NotFound):
        policy.require_perm(cast.users["other_admin"], Perm.UNION_MANAGE, cast.unions["DA"])


def test_require_perm_in_scope_without_permission_is_forbidden(cast):
    with pytest.raises(PermissionDenied):
        policy.require_perm(cast.users["officer"], Perm.UNION_MANAGE, cast.unions["GA"])


def test_department_staff_gets_department_permissions(cast):
    assert policy.has_perm(cast.users["dept_legal"], Perm.CASE_HANDLE, cast.unions["GA"])
    assert not policy.has_perm(cast.users["dept_legal"], Perm.MEMBER_VIEW, cast.unions["GA"])
    assert policy.has_perm(cast.users["city_org"], Perm.MEMBER_VIEW, cast.unions["GB"])


def test_users_with_perm_routes_up_the_tree(cast):
    # who may handle a case held at the grassroots union GA: its officer, the street's centre
    # staff, DA's legal staff and volunteer
    names = set(
        policy.users_with_perm(Perm.CASE_HANDLE, cast.unions["GA"]).values_list(
            "username", flat=True
        )
    )
    assert names == {"officer", "street_staff", "dept_legal", "volunteer"}
    admins = set(
        policy.users_with_perm(Perm.ROLE_GRANT, cast.unions["GB"]).values_list(
            "username", flat=True
        )
    )
    assert admins == {"city_admin", "other_admin"}


def test_revoked_grant_gives_nothing(cast):
    grant = RoleGrant.objects.get(user=cast.users["district_admin"])
    grant.revoked_at = grant.granted_at
    grant.save()
    user = User.objects.get(pk=cast.users["district_admin"].pk)
    assert codes(policy.unions_with_perm(user, Perm.UNION_VIEW)) == set()


def test_grant_on_deactivated_union_gives_nothing(cast):
    Union.objects.filter(code="DA").update(is_active=False)
    user = User.objects.get(pk=cast.users["district_admin"].pk)
    assert policy.scopes_of(user) == ()


def test_inactive_user_has_no_scope(cast):
    user = cast.users["city_admin"]
    user.is_active = False
    assert policy.scopes_of(user) == ()


def test_can_grant_never_above_own_rank(cast):
    officer, admin = cast.users["officer"], cast.users["district_admin"]
    assert policy.can_grant(admin, Role.FEDERATION_ADMIN, cast.unions["SA"])
    assert not policy.can_grant(admin, Role.FEDERATION_ADMIN, cast.unions["CITY"])
    assert not policy.can_grant(officer, Role.MEMBER, cast.unions["GA"])  # no role.grant


# --- property: random trees and grants give exactly the subtree an oracle computes ----------


@st.composite
def trees_and_grants(draw):
    size = draw(st.integers(min_value=1, max_value=25))
    parents = [None] + [draw(st.integers(min_value=0, max_value=i - 1)) for i in range(1, size)]
    grants = draw(
        st.lists(st.tuples(st.integers(0, size - 1), st.sampled_from(list(Role))), max_size=5)
    )
    return parents, grants


def _oracle(parents: list[int | None], grants, perm: Perm) -> set[int]:
    from zhigong.unions.roles import permissions_for

    def ancestors_or_self(i: int) -> set[int]:
        seen: set[int] = set()
        node: int | None = i
        while node is not None:
            seen.add(node)
            node = parents[node]
        return seen

    roots = {g for g, role in grants if perm in permissions_for(role)}
    return {i for i in range(len(parents)) if ancestors_or_self(i) & roots}


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=trees_and_grants())
def test_scope_matches_oracle_on_random_trees(data):
    parents, grants = data
    RoleGrant.objects.all().delete()
    Union.objects.all().delete()
    User.objects.filter(username="prop").delete()
    nodes: list[Union] = []
    for i, parent in enumerate(parents):
        fields = {"code": f"N{i}", "name": f"工会{i}", "kind": "street"}
        if parent is None:
            nodes.append(Union.objects.add_root(create_kwargs=fields))
        else:
            nodes[parent].refresh_from_db()
            nodes.append(Union.objects.add_child(nodes[parent], create_kwargs=fields))
    user = User.objects.create_user(username="prop", password="x")
    for index, role in grants:
        RoleGrant.objects.create(user=user, union=nodes[index], role=role)
    for perm in (Perm.UNION_VIEW, Perm.ROLE_GRANT, Perm.CASE_HANDLE):
        policy.forget(user)
        expected = {f"N{i}" for i in _oracle(parents, grants, perm)}
        assert codes(policy.unions_with_perm(user, perm)) == expected
        for node in nodes:
            node.refresh_from_db()
            assert policy.has_perm(user, perm, node) == (node.code in expected)
