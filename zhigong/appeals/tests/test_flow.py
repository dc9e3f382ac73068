"""Every step of an appeal and every refusal: raising, maker-checker verification, returns
with reasons, publication with its dates and its privacy check, the period's end, closing
with the outcome, featuring, withdrawing; out of scope is unknown and changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from zhigong.appeals.choices import AppealStatus
from zhigong.appeals.models import HardshipAppeal
from zhigong.appeals.personal import address_of
from zhigong.appeals.selectors import featured_stories, on_portal, stories, waiting_for
from zhigong.appeals.services.decisions import (
    PublishInput,
    appeal_close,
    appeal_feature,
    appeal_publish,
    appeal_return,
    appeal_verify,
)
from zhigong.appeals.services.raising import (
    appeal_create,
    appeal_raise,
    appeal_update,
    appeal_withdraw,
)
from zhigong.appeals.services.reveal import appeal_reveal
from zhigong.appeals.tests.routes import ADDRESS, appeal_input, make
from zhigong.core.actors import SYSTEM
from zhigong.core.errors import DomainError, NotFound, PermissionDenied
from zhigong.core.models import AccessLog, AuditEvent
from zhigong.core.workflow import BadTransition
from zhigong.members.personal import id_number_of, phone_of
from zhigong.testing.cast import Cast, cast_id_number

S = AppealStatus
WANG = cast_id_number("11010119900307001")


def _publish(**changes: object) -> PublishInput:
    data: dict[str, object] = {
        "public_title": "张师傅急需救助",
        "public_story": "张师傅身患重病，家庭困难。",
    }
    return PublishInput(**{**data, **changes})  # type: ignore[arg-type]


def test_the_grassroots_union_raises_and_another_person_verifies(cast: Cast, officer2):
    # given a draft raised by GA's officer, about their member 张伟
    appeal = appeal_create(
        actor=cast.users["officer"], union=cast.unions["GA"], data=appeal_input()
    )
    assert appeal.status == S.DRAFT and appeal.member == cast.members["GA"]
    appeal = appeal_raise(actor=cast.users["officer"], appeal=appeal)
    assert appeal.status == S.RAISED and appeal.help_centre == cast.unions["DA"]
    # the one who raised it may not verify it
    with pytest.raises(DomainError) as refused:
        appeal_verify(actor=cast.users["officer"], appeal=appeal, methods=["home_visit"], notes="x")
    assert refused.value.code == "raised_it"
    # a verification says how
    with pytest.raises(DomainError) as incomplete:
        appeal_verify(actor=officer2, appeal=appeal, methods=[], notes="")
    assert set(incomplete.value.fields) == {"methods", "notes"}
    # when another officer verifies it
    appeal = appeal_verify(
        actor=officer2, appeal=appeal, methods=["home_visit", "neighbours"], notes="入户走访属实"
    )
    # then who, how and when are recorded, and the step is audited
    assert appeal.status == S.VERIFIED and appeal.verified_by == officer2
    assert appeal.verify_methods == ["home_visit", "neighbours"] and appeal.verified_at
    actions = list(
        AuditEvent.objects.filter(target_type="appeals.hardshipappeal", target_id=str(appeal.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == ["appeal.create", "appeal.raised", "appeal.verified"]


def test_personal_data_are_encrypted_and_masked(cast: Cast):
    appeal = make(cast, "draft")
    row = HardshipAppeal.objects.filter(pk=appeal.pk).values().get()
    text = " ".join(str(v) for v in row.values())
    assert ADDRESS not in text and "13800001234" not in text and "420102198503150" not in text
    assert appeal.address_masked == "武汉市江岸区****"
    assert address_of(appeal) == ADDRESS and phone_of(appeal) == "13800001234"


def test_a_non_member_is_checked_like_a_member(cast: Cast):
    with pytest.raises(DomainError) as bad:
        appeal_create(
            actor=cast.users["officer"],
            union=cast.unions["GA"],
            data=appeal_input(name="王芳", id_number="420102197001010000", phone=""),
        )
    assert "id_number" in bad.value.fields
    with pytest.raises(DomainError) as no_phone:
        appeal_create(
            actor=cast.users["officer"],
            union=cast.unions["GA"],
            data=appeal_input(name="王芳", id_number=WANG, phone=""),
        )
    assert "phone" in no_phone.value.fields
    appeal = appeal_create(
        actor=cast.users["officer"],
        union=cast.unions["GA"],
        data=appeal_input(name="王芳", id_number=WANG, phone="13700001111"),
    )
    assert appeal.member is None and id_number_of(appeal) == WANG


def test_locality_is_only_district_and_street(cast: Cast):
    with pytest.raises(DomainError) as bad:
        appeal_create(
            actor=cast.users["officer"],
            union=cast.unions["GA"],
            data=appeal_input(locality="江岸区解放大道1234号"),
        )
    assert "locality" in bad.value.fields


def test_only_a_raising_union_in_scope_raises(cast: Cast):
    with pytest.raises(NotFound):
        appeal_create(
            actor=cast.users["other_officer"], union=cast.unions["GA"], data=appeal_input()
        )
    with pytest.raises(DomainError):  # a federation does not raise appeals
        appeal_create(actor=SYSTEM, union=cast.unions["DA"], data=appeal_input())
    assert not HardshipAppeal.objects.exists()


def test_returns_need_reasons_and_go_back_to_the_union(cast: Cast, officer2):
    appeal = make(cast, "raised")
    with pytest.raises(DomainError):
        appeal_return(actor=officer2, appeal=appeal, reason=" ")
    appeal = appeal_return(actor=officer2, appeal=appeal, reason="请补充诊断证明")
    assert appeal.status == S.RETURNED and appeal.returned_reason == "请补充诊断证明"
    # corrected and raised again
    appeal = appeal_update(
        actor=cast.users["officer"], appeal=appeal, data=appeal_input(needs="医疗费")
    )
    appeal = appeal_raise(actor=cast.users["officer"], appeal=appeal)
    assert appeal.status == S.RAISED and appeal.raised_by == cast.users["officer"]


def test_the_centre_returns_a_verified_appeal_with_reasons(cast: Cast):
    appeal = make(cast, "verified")
    with pytest.raises(DomainError):
        appeal_return(actor=cast.users["district_admin"], appeal=appeal, reason="")
    with pytest.raises(PermissionDenied):  # the street's centre is not the district's
        appeal_return(actor=cast.users["street_staff"], appeal=appeal, reason="x")
    appeal = appeal_return(actor=cast.users["district_admin"], appeal=appeal, reason="材料不全")
    assert appeal.status == S.RETURNED


def test_publish_sets_a_period_of_thirty_days_by_default(cast: Cast):
    appeal = make(cast, "verified")
    appeal = appeal_publish(actor=cast.users["district_admin"], appeal=appeal, data=_publish())
    today = timezone.localdate()
    assert appeal.status == S.PUBLISHED
    assert (appeal.publish_starts, appeal.publish_ends) == (today, today + dt.timedelta(days=30))
    assert list(on_portal()) == [appeal]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"public_title": ""}, "public_title"),
        ({"starts": dt.date(2000, 1, 1)}, "starts"),
        ({"ends": dt.date(2000, 1, 1)}, "ends"),
        ({"public_story": "身份证 420102 19850315 0018"}, "public_story"),
        ({"public_story": "联系电话 138-0000-1234"}, "public_story"),
        ({"public_story": "家住武汉市江岸区解放大道1234号5栋2单元301室"}, "public_story"),
        ({"public_title": "张伟急需救助"}, "public_title"),
    ],
)
def test_publish_refuses_bad_dates_and_private_text(cast: Cast, changes, field):
    appeal = make(cast, "verified")
    with pytest.raises(DomainError) as refused:
        appeal_publish(actor=cast.users["district_admin"], appeal=appeal, data=_publish(**changes))
    assert field in refused.value.fields
    appeal.refresh_from_db()
    assert appeal.status == S.VERIFIED


def test_whoever_raised_it_never_publishes_it(cast: Cast, centre):
    # given centre staff of the district who raised an appeal themselves at GA
    appeal = appeal_create(actor=centre, union=cast.unions["GA"], data=appeal_input())
    appeal = appeal_raise(actor=centre, appeal=appeal)
    with pytest.raises(DomainError):
        appeal_verify(actor=centre, appeal=appeal, methods=["documents"], notes="x")
    appeal = appeal_verify(
        actor=cast.users["officer"], appeal=appeal, methods=["documents"], notes="查验属实"
    )
    with pytest.raises(DomainError) as refused:
        appeal_publish(actor=centre, appeal=appeal, data=_publish())
    assert refused.value.code == "raised_it"
    assert appeal not in waiting_for(centre)
    assert appeal in waiting_for(cast.users["district_admin"])


def test_the_street_centre_may_not_publish(cast: Cast):
    appeal = make(cast, "verified")
    with pytest.raises(PermissionDenied):
        appeal_publish(actor=cast.users["street_staff"], appeal=appeal, data=_publish())


def test_the_appeal_leaves_the_portal_when_its_period_ends(cast: Cast):
    appeal = make(cast, "published")
    HardshipAppeal.objects.filter(pk=appeal.pk).update(
        publish_ends=timezone.localdate() - dt.timedelta(days=1)
    )
    assert not on_portal().exists()
    # and waits for the centre to close it with its outcome
    assert appeal in waiting_for(cast.users["district_admin"])


def test_closing_needs_an_outcome_and_tells_the_story(cast: Cast):
    appeal = make(cast, "published")
    with pytest.raises(DomainError):
        appeal_close(actor=cast.users["district_admin"], appeal=appeal, outcome="")
    with pytest.raises(PermissionDenied):
        appeal_close(actor=cast.users["officer"], appeal=appeal, outcome="x")
    appeal = appeal_close(
        actor=cast.users["district_admin"],
        appeal=appeal,
        outcome="社会各界捐款 4.2 万元，张师傅已完成手术。",
        amount_raised=Decimal("42000"),
    )
    assert appeal.status == S.CLOSED and list(stories()) == [appeal]
    assert not on_portal().exists()
    with pytest.raises(BadTransition):
        appeal_withdraw(actor=cast.users["officer"], appeal=appeal)


def test_featured_stories_come_first(cast: Cast):
    first = make(cast, "published")
    second = make(cast, "published")
    with pytest.raises(PermissionDenied):
        appeal_feature(actor=cast.users["officer"], appeal=first, featured=True)
    appeal_feature(actor=cast.users["district_admin"], appeal=first, featured=True)
    assert [a.pk for a in featured_stories()] == [first.pk]
    from zhigong.appeals.selectors import public

    assert [a.pk for a in public(on_portal())] == [first.pk, second.pk]


def test_withdrawn_while_the_union_holds_it(cast: Cast):
    appeal = make(cast, "raised")
    appeal = appeal_withdraw(actor=cast.users["officer"], appeal=appeal, reason="职工已获救助")
    assert appeal.status == S.WITHDRAWN


def test_another_district_gets_404_and_nothing_changes(cast: Cast):
    raised, verified, published = (make(cast, s) for s in ("raised", "verified", "published"))
    other = cast.users["other_admin"]
    for call in (
        lambda: appeal_verify(actor=other, appeal=raised, methods=["documents"], notes="x"),
        lambda: appeal_return(actor=other, appeal=raised, reason="x"),
        lambda: appeal_publish(actor=other, appeal=verified, data=_publish()),
        lambda: appeal_close(actor=other, appeal=published, outcome="x"),
        lambda: appeal_feature(actor=other, appeal=published, featured=True),
        lambda: appeal_withdraw(actor=cast.users["other_officer"], appeal=raised),
        lambda: appeal_reveal(actor=other, appeal=raised, reason="查看"),
    ):
        with pytest.raises(NotFound):
            call()
    statuses = dict(HardshipAppeal.objects.values_list("pk", "status"))
    assert statuses == {raised.pk: S.RAISED, verified.pk: S.VERIFIED, published.pk: S.PUBLISHED}
    assert not HardshipAppeal.objects.filter(featured=True).exists()


def test_a_reveal_is_logged(cast: Cast):
    appeal = make(cast, "raised")
    with pytest.raises(PermissionDenied):  # the grassroots officer sees it masked only
        appeal_reveal(actor=cast.users["officer"], appeal=appeal, reason="回访")
    number, phone, address = appeal_reveal(
        actor=cast.users["street_staff"], appeal=appeal, reason="入户回访"
    )
    assert (phone, address) == ("13800001234", ADDRESS) and number.startswith("420102")
    log = AccessLog.objects.get()
    assert log.fields == "id_number,phone,address" and log.reason == "入户回访"
