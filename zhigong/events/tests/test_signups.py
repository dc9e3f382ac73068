"""Sign-up, the waiting list and its promotion in order, gender caps, cancellation, and the
audiences (who may sign up at all)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhigong.core.actors import SYSTEM
from zhigong.core.errors import DomainError, NotFound
from zhigong.events import audiences, selectors
from zhigong.events.choices import EventStatus, SignupStatus
from zhigong.events.models import Signup
from zhigong.events.services.organise import EventInput, event_move, event_update
from zhigong.events.services.signups import signup_cancel, signup_create
from zhigong.notifications.models import Notification


def _sign(member, event):
    return signup_create(actor=member.user, event=event)


def test_places_then_waiting_list_then_promotion_in_order(cast, members, new_event):
    event = new_event(capacity=2)
    a, b, c, d = (members() for _ in range(4))
    assert _sign(a, event).status == SignupStatus.CONFIRMED
    assert _sign(b, event).status == SignupStatus.CONFIRMED
    wc, wd = _sign(c, event), _sign(d, event)
    assert (wc.status, wd.status) == (SignupStatus.WAITING, SignupStatus.WAITING)
    assert selectors.waiting_position(wc) == 1 and selectors.waiting_position(wd) == 2

    signup_cancel(actor=a.user, signup=Signup.objects.get(event=event, member=a))
    wc.refresh_from_db()
    wd.refresh_from_db()
    assert wc.status == SignupStatus.CONFIRMED  # the first in line, not the second
    assert wd.status == SignupStatus.WAITING and selectors.waiting_position(wd) == 1
    assert Notification.objects.filter(user=c.user, title__contains="候补成功").count() == 1
    assert selectors.counts(event).confirmed == 2


def test_gender_cap_skips_to_the_next_who_fits(cast, members, new_event):
    event = new_event(capacity=3, male_cap=1, female_cap=2)
    m1, m2 = members(gender="male"), members(gender="male")
    f1, f2 = members(gender="female"), members(gender="female")
    assert _sign(m1, event).status == SignupStatus.CONFIRMED
    assert _sign(m2, event).status == SignupStatus.WAITING  # the men's one place is taken
    assert _sign(f1, event).status == SignupStatus.CONFIRMED
    assert _sign(f2, event).status == SignupStatus.CONFIRMED
    # A woman cancels: the waiting man does not fit the freed woman's place.
    signup_cancel(actor=f2.user, signup=Signup.objects.get(event=event, member=f2))
    assert Signup.objects.get(event=event, member=m2).status == SignupStatus.WAITING
    f3 = members(gender="female")
    assert _sign(f3, event).status == SignupStatus.CONFIRMED
    # The man cancels: the waiting man gets the men's place.
    signup_cancel(actor=m1.user, signup=Signup.objects.get(event=event, member=m1))
    assert Signup.objects.get(event=event, member=m2).status == SignupStatus.CONFIRMED


def test_more_places_let_the_waiting_list_in(cast, members, new_event):
    event = new_event(capacity=1)
    a, b = members(), members()
    _sign(a, event)
    waiting = _sign(b, event)
    data = EventInput(
        kind=event.kind,
        title=event.title,
        starts_at=event.starts_at,
        place=event.place,
        capacity=2,
        audience=event.audience,
    )
    event_update(actor=cast.users["street_staff"], event=event, data=data)
    waiting.refresh_from_db()
    assert waiting.status == SignupStatus.CONFIRMED


def test_twice_is_refused_and_again_after_cancelling_is_allowed(cast, members, new_event):
    event = new_event()
    a = members()
    first = _sign(a, event)
    with pytest.raises(DomainError) as exc:
        _sign(a, event)
    assert exc.value.code == "already_signed_up"
    signup_cancel(actor=a.user, signup=first)
    assert _sign(a, event).status == SignupStatus.CONFIRMED


def test_audience_subtree_and_federation(cast, members, new_event):
    at_ga, at_gb = members("GA"), members("GB")
    district = new_event("DA")  # 江岸区: GA is below it, GB is not
    _sign(at_ga, district)
    with pytest.raises(NotFound):
        _sign(at_gb, district)
    assert list(selectors.member_events(at_gb)) == []
    citywide = new_event("DA", audience="federation")
    assert _sign(at_gb, citywide).status == SignupStatus.CONFIRMED
    assert set(selectors.member_events(at_gb)) == {citywide}
    assert set(selectors.member_events(at_ga)) == {district, citywide}


def test_a_registered_audience_filters_both_ways(cast, members, new_event):
    from django.db.models import Q

    chosen = members()
    other = members()
    audience = audiences.register(
        audiences.Audience(
            "test_only_chosen",
            "测试",
            members=lambda event: Q(pk=chosen.pk),
            events=lambda member: Q() if member.pk == chosen.pk else Q(pk__in=[]),
        )
    )
    try:
        event = new_event(audience="test_only_chosen")
        assert audience.admits(event, chosen) and not audience.admits(event, other)
        assert list(selectors.member_events(other)) == []
        with pytest.raises(NotFound):
            _sign(other, event)
        assert _sign(chosen, event).status == SignupStatus.CONFIRMED
        with pytest.raises(ValueError):
            audiences.register(audiences.Audience("test_only_chosen", "x", Q, Q))
    finally:
        audiences._REGISTRY.pop("test_only_chosen")
    # A key no longer registered admits nobody and lists nothing.
    assert list(selectors.member_events(chosen)) == []
    with pytest.raises(NotFound):
        _sign(members(), event)


def test_not_open_drafts_windows_and_non_members(cast, members, new_event):
    a = members()
    draft = new_event(publish=False)
    with pytest.raises(NotFound):
        _sign(a, draft)
    later = new_event(signup_opens_at=timezone.now() + dt.timedelta(days=1))
    with pytest.raises(DomainError, match="尚未开始"):
        _sign(a, later)
    closed = new_event()
    event_move(actor=SYSTEM, event=closed, step="close_signup")
    with pytest.raises(DomainError, match="不接受报名"):
        _sign(a, closed)
    with pytest.raises(DomainError) as exc:
        signup_create(actor=cast.users["officer"], event=new_event())
    assert exc.value.code == "not_a_member"
    assert Signup.objects.filter(member=a).count() == 0


def test_cancelling_the_event_tells_everyone_signed_up(cast, members, new_event):
    event = new_event(capacity=1)
    a, b = members(), members()
    _sign(a, event)
    _sign(b, event)
    with pytest.raises(DomainError):
        event_move(actor=cast.users["street_staff"], event=event, step="cancel")  # no reason
    event_move(actor=cast.users["street_staff"], event=event, step="cancel", reason="场地维修")
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    for member in (a, b):
        notice = Notification.objects.get(user=member.user, title__contains="活动已取消")
        assert notice.body == "场地维修"
        assert notice.url == f"/me/events/{event.pk}/"


def test_someone_elses_signup_is_not_theirs_to_cancel(cast, members, new_event):
    event = new_event()
    a, b = members(), members()
    mine = _sign(a, event)
    with pytest.raises(NotFound):
        signup_cancel(actor=b.user, signup=mine)
    with pytest.raises(NotFound):  # staff of another district
        signup_cancel(actor=cast.users["other_admin"], signup=mine)
    mine.refresh_from_db()
    assert mine.status == SignupStatus.CONFIRMED
    signup_cancel(actor=cast.users["street_staff"], signup=mine, reason="本人电话取消")
    mine.refresh_from_db()
    assert mine.status == SignupStatus.CANCELLED


def test_staff_sign_a_member_up_by_card(cast, members, new_event):
    from zhigong.events.services.signups import signup_enter
    from zhigong.events.tests.conftest import card_number

    event = new_event("SA", capacity=1)
    a, b, far = members(), members(), members("GB")
    staff = cast.users["street_staff"]
    assert signup_enter(actor=staff, event=event, number=card_number(a)).status == "confirmed"
    assert signup_enter(actor=staff, event=event, number=card_number(b)).status == "waiting"
    with pytest.raises(DomainError) as exc:
        signup_enter(actor=staff, event=event, number=card_number(a))
    assert exc.value.code == "already_signed_up"
    with pytest.raises(DomainError) as exc:
        signup_enter(actor=staff, event=event, number=card_number(far))
    assert exc.value.code == "not_in_audience"
    with pytest.raises(NotFound):
        signup_enter(actor=cast.users["other_admin"], event=event, number=card_number(far))
    assert Signup.objects.filter(event=event).count() == 2
    page = cast.client("street_staff").post(
        f"/staff/events/{event.pk}/", {"action": "enter", "number": "1234"}, follow=True
    )
    assert "会员卡无效" in page.content.decode()
