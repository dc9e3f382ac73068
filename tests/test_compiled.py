"""The account and its grants in one compiled query (``accounts.backends.account_with_grants``)
give exactly what the ORM gives, and every change to a grant counts on the next read."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from zhigong.accounts import backends
from zhigong.accounts.models import User
from zhigong.core.compiled import _ORM_ONLY, CompiledQuery
from zhigong.testing.cast import CAST_ACTORS
from zhigong.unions import policy
from zhigong.unions.models import RoleGrant

pytestmark = pytest.mark.django_db


def _fresh_scopes(user: User) -> tuple[Any, ...]:
    again = User.objects.get(pk=user.pk)
    return policy.scopes_of(again)


def test_compiled_rows_equal_the_orm_for_every_user(cast: Any) -> None:
    query = CompiledQuery(backends._account_and_grants)
    for name in CAST_ACTORS:
        if name == "anonymous":
            continue
        pk = cast.users[name].pk
        orm = list(backends._account_and_grants(pk))
        assert query.run(pk) == orm  # the first call compiles (and runs the ORM)
        assert query.run(pk) == orm  # later calls run the kept SQL, converters applied
    assert query._plans["default"] not in (None, _ORM_ONLY)


def test_account_with_grants_matches_the_two_reads(cast: Any) -> None:
    for name in CAST_ACTORS:
        if name == "anonymous":
            continue
        user = cast.users[name]
        for _ in range(2):  # compiled on the first, kept SQL on the second
            loaded = backends.account_with_grants(user.pk)
            assert loaded is not None
            assert loaded.pk == user.pk and loaded.password == user.password
            assert loaded.last_login == User.objects.get(pk=user.pk).last_login
            assert sorted(policy.scopes_of(loaded), key=repr) == sorted(
                _fresh_scopes(user), key=repr
            )


def test_a_revoked_grant_or_an_inactive_union_counts_on_the_next_read(cast: Any) -> None:
    admin = cast.users["district_admin"]
    assert policy.scopes_of(backends.account_with_grants(admin.pk))
    cast.unions["DA"].is_active = False
    cast.unions["DA"].save(update_fields=["is_active"])
    assert policy.scopes_of(backends.account_with_grants(admin.pk)) == ()
    cast.unions["DA"].is_active = True
    cast.unions["DA"].save(update_fields=["is_active"])
    assert policy.scopes_of(backends.account_with_grants(admin.pk))
    RoleGrant.objects.filter(user=admin).update(revoked_at=timezone.now())
    assert policy.scopes_of(backends.account_with_grants(admin.pk)) == ()


def test_an_unknown_malformed_or_inactive_account_is_nobody(cast: Any) -> None:
    backend = backends.UsernameOrPhoneBackend()
    assert backend.get_user(10**9) is None
    assert backend.get_user("not-a-number") is None
    officer = cast.users["officer"]
    assert backend.get_user(str(officer.pk)) is not None  # as a session stores it
    User.objects.filter(pk=officer.pk).update(is_active=False)
    assert backend.get_user(officer.pk) is None


def test_a_definition_holding_the_time_always_runs_through_the_orm(cast: Any) -> None:
    query = CompiledQuery(
        lambda pk: User.objects.filter(pk=pk, date_joined__lt=timezone.now()).values_list("pk")
    )
    pk = cast.users["officer"].pk
    assert query.run(pk) == [(pk,)]
    assert query._plans["default"] is _ORM_ONLY
    assert query.run(pk) == [(pk,)]


def _card_facts(card: Any) -> tuple[Any, ...]:
    member = card.member
    return (
        tuple(getattr(card, f.attname) for f in type(card)._meta.concrete_fields),
        tuple(getattr(member, f.attname) for f in type(member)._meta.concrete_fields),
        member.union.name,
        member.union.path,
    )


def test_compiled_instances_equal_the_orm_with_their_related_rows(cast: Any) -> None:
    from zhigong.members.models import MemberCard
    from zhigong.members.selectors import current_cards

    user = cast.users["member"]  # the cast's member 张伟, with a card

    def build(user_id: int) -> Any:
        return current_cards().select_related("member__union").filter(member__user_id=user_id)[:1]

    query = CompiledQuery(build)
    orm = [_card_facts(c) for c in build(user.pk)]
    assert orm, "the cast member has a card"
    for _ in range(2):  # compiled on the first call, kept SQL on the second
        assert [_card_facts(c) for c in query.run(user.pk)] == orm
    plan = query._plans["default"]
    assert plan is not None and plan is not _ORM_ONLY and plan.model is MemberCard
    assert query.run(cast.users["outsider"].pk) == []


def test_a_date_in_two_places_is_found_in_both() -> None:
    from datetime import date, timedelta

    from zhigong.appeals import selectors

    def build(today: date) -> Any:
        return selectors.public(selectors.on_portal(today) | selectors.stories())[:3]

    query = CompiledQuery(build)
    today = date(2026, 12, 7)
    for day in (today, today, today + timedelta(days=40)):
        assert [a.pk for a in query.run(day)] == [a.pk for a in build(day)]
    plan = query._plans["default"]
    assert plan is not _ORM_ONLY and len(plan.slots) == 2


def test_a_value_of_a_type_it_cannot_vary_runs_through_the_orm(cast: Any) -> None:
    query = CompiledQuery(lambda flag: User.objects.filter(is_active=flag).values_list("pk"))
    assert len(query.run(True)) == User.objects.filter(is_active=True).count()
    assert query._plans["default"] is _ORM_ONLY
