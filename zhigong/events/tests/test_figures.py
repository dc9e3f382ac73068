"""The events figures: what the services adjust equals a recount from the tables, for every
union up the tree; the summary (events held, sign-ups, attendance rate)."""

from __future__ import annotations

from zhigong.core.actors import SYSTEM
from zhigong.events import figures
from zhigong.events.models import Signup
from zhigong.events.services.checkin import check_in
from zhigong.events.services.organise import event_move
from zhigong.events.services.signups import signup_cancel, signup_create
from zhigong.events.tests.conftest import card_number, user_of


def test_adjusted_figures_equal_a_recount(cast, members, new_event):
    staff = cast.users["street_staff"]
    held = new_event("SA", capacity=2)
    people = [members() for _ in range(5)]
    for member in people[:4]:
        signup_create(actor=user_of(member), event=held)  # two places, two waiting
    signup_cancel(actor=user_of(people[0]), signup=Signup.objects.get(member=people[0]))
    check_in(actor=staff, event=held, number=card_number(people[1]))
    check_in(actor=staff, event=held, number=card_number(people[3]), walk_in=True)  # waiting
    held = event_move(actor=staff, event=held, step="held")
    check_in(actor=staff, event=held, number=card_number(people[2]))
    check_in(actor=staff, event=held, number=card_number(people[4]), walk_in=True)  # new
    event_move(actor=staff, event=held, step="close")
    cancelled = new_event("GA")
    signup_create(actor=user_of(people[4]), event=cancelled)
    event_move(actor=SYSTEM, event=cancelled, step="cancel", reason="下雨")
    new_event("DB", publish=False)

    adjusted = {code: figures.of_union(cast.unions[code]) for code in ("CITY", "DA", "SA", "DB")}
    figures.rebuild()
    recounted = {code: figures.of_union(cast.unions[code]) for code in ("CITY", "DA", "SA", "DB")}
    assert adjusted == recounted

    city = figures.summary(recounted["CITY"])
    assert (city.events, city.held, city.cancelled) == (3, 1, 1)
    assert (city.places_held, city.attended) == (4, 4)
    assert city.attendance_rate == 1.0
    sa = figures.summary(recounted["SA"])
    assert sa.events == 2  # SA's own, and GA's below it
    assert figures.summary(recounted["DB"]).events == 1


def test_figures_page_and_api_are_scoped(cast, members, new_event):
    event = new_event("GA", capacity=3)
    signup_create(actor=user_of(members()), event=event)
    page = cast.client("district_admin").get("/staff/events/figures/?union=SA")
    assert page.status_code == 200
    text = page.content.decode()
    assert "大智街道工会活动统计" in text and "已报名 1 人" in text and "<svg" in text
    api = cast.client("officer").get("/api/v1/events/figures").json()
    assert api["union"]["code"] == "GA" and api["summary"]["signups"] == 1
    # Out of scope: the field says so on the page; the API answers 404.
    other = cast.client("other_admin")
    assert (
        "大智街道工会活动统计" not in other.get("/staff/events/figures/?union=SA").content.decode()
    )
    assert other.get("/api/v1/events/figures?union=SA").status_code == 404
