"""A one-time code scanned on several phones at the same moment is used once; a member
submitting twice at once gets one response. On PostgreSQL, with real concurrent
connections."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from zhigong.core.actors import SYSTEM
from zhigong.core.errors import Conflict
from zhigong.surveys.models import Response, SurveyCode
from zhigong.surveys.services.answering import answer_by_code, answer_by_login
from zhigong.surveys.services.organise import codes_issue
from zhigong.surveys.tests.conftest import answers_for
from zhigong.surveys.tests.routes import cast_survey


def _at_once(n: int, call: Callable[[], object]) -> tuple[int, list[BaseException]]:
    start = threading.Barrier(n)
    done: list[object] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            start.wait()
            done.append(call())
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _n in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(done), errors


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_code_used_at_the_same_moment_counts_once(cast):
    survey = cast_survey(cast)
    token = codes_issue(actor=SYSTEM, survey=survey, count=1)[0]
    raw = answers_for(survey)
    done, errors = _at_once(6, lambda: answer_by_code(actor=SYSTEM, token=token, raw=raw))
    assert done == 1
    assert len(errors) == 5 and all(isinstance(e, Conflict) for e in errors), errors
    assert Response.objects.filter(survey=survey).count() == 1
    assert SurveyCode.objects.get().used_at is not None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_member_submitting_twice_at_once_answers_once(cast):
    survey = cast_survey(cast)
    raw = answers_for(survey)
    user = cast.users["member"]
    done, errors = _at_once(4, lambda: answer_by_login(actor=user, survey=survey, raw=raw))
    assert done == 1
    assert all(isinstance(e, Conflict) for e in errors), errors
    assert Response.objects.filter(survey=survey).count() == 1
