"""Sign-ups at the same moment never over-fill an event: each place is given under a lock on
the event's row. On PostgreSQL, with real concurrent connections."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from zhigong.events.choices import SignupStatus
from zhigong.events.models import Signup
from zhigong.events.services.signups import signup_cancel, signup_create
from zhigong.events.tests.conftest import make_member, user_of


# Transactional, with the rows migrations wrote put back afterwards (as the browser journeys
# expect); only where several connections can write at once.
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_signups_for_the_last_places_do_not_overfill(cast, new_event):
    event = new_event(capacity=3, male_cap=2)
    people = [make_member(cast, "GA", "male" if i % 2 else "female") for i in range(8)]
    start = threading.Barrier(len(people))
    errors: list[BaseException] = []

    def sign(member) -> None:
        try:
            start.wait()
            signup_create(actor=user_of(member), event=event)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign, args=(m,)) for m in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    confirmed = Signup.objects.filter(event=event, status=SignupStatus.CONFIRMED)
    assert confirmed.count() == 3
    assert confirmed.filter(gender="male").count() <= 2
    assert Signup.objects.filter(event=event, status=SignupStatus.WAITING).count() == 5

    # Two places freed at the same moment: two promoted, never more.
    leaving = list(confirmed[:2])
    start2 = threading.Barrier(2)

    def cancel(signup) -> None:
        try:
            start2.wait()
            signup_cancel(actor=signup.member.user, signup=signup)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel, args=(s,)) for s in leaving]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Signup.objects.filter(event=event, status=SignupStatus.CONFIRMED).count() == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_member_twice_at_once_holds_one_signup(cast, new_event):
    event = new_event(capacity=5)
    member = make_member(cast, "GA")
    start = threading.Barrier(3)
    outcomes: list[str] = []

    def sign() -> None:
        try:
            start.wait()
            signup_create(actor=user_of(member), event=event)
            outcomes.append("made")
        except Exception as exc:
            outcomes.append(getattr(exc, "code", repr(exc)))
        finally:
            connection.close()

    threads = [threading.Thread(target=sign) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already_signed_up", "already_signed_up", "made"]
    assert Signup.objects.filter(event=event, member=member).count() == 1


def test_over_filling_is_refused_by_the_count_under_the_lock(cast, new_event):
    """On SQLite (one writer at a time): the lock is the database's; the count still holds."""
    event = new_event(capacity=2)
    people = [make_member(cast, "GA") for _ in range(4)]
    for member in people:
        signup_create(actor=user_of(member), event=event)
    assert Signup.objects.filter(event=event, status=SignupStatus.CONFIRMED).count() == 2
