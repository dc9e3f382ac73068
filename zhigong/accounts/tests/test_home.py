"""The workbench home is a clerk's to-do list: every app's waiting work, counted in the
clerk's scope, each with a link; cheap enough to open every morning."""

from __future__ import annotations

from types import SimpleNamespace

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zhigong.core import todo
from zhigong.core.actors import SYSTEM
from zhigong.core.discovery import app_modules
from zhigong.core.todo import TodoItem
from zhigong.members.services.applications import application_submit
from zhigong.members.services.registry import PersonInput
from zhigong.members.services.selfservice import change_request_create
from zhigong.members.services.transfers import transfer_request
from zhigong.testing.cast import Cast, cast_id_number

HOME = "/staff/"


def test_the_home_lists_what_waits_with_counts_and_links(cast: Cast):
    # given an application at GA and a member's change request
    application_submit(
        actor=SYSTEM,
        person=PersonInput(name="王芳", id_number=cast_id_number("42010219920808002")),
        union=cast.unions["GA"],
    )
    change_request_create(
        actor=cast.users["member"], member=cast.members["GA"], changes={"job": "钳工"}
    )
    # when the officer at GA opens the workbench
    html = cast.client("officer").get(HOME).content.decode()
    # then both wait there, counted, each a link to its list
    assert "今日待办" in html
    assert (
        f'<a href="{reverse("staff:members:application_list")}?status=submitted">入会申请待审核</a>'
        in html
    )
    assert "资料变更待确认" in html
    assert '<span class="badge">1</span>' in html


def test_nothing_waiting_says_so(cast: Cast):
    html = cast.client("officer").get(HOME).content.decode()
    assert "目前没有等待您处理的事项。" in html


def test_people_without_a_role_see_no_list(cast: Cast):
    html = cast.client("outsider").get(HOME).content.decode()
    assert "今日待办" not in html and "您目前没有任何工会角色" in html


def _wait_for_street_staff(cast: Cast, applications: int) -> None:
    for i in range(applications):
        application_submit(
            actor=SYSTEM,
            person=PersonInput(
                name=f"王{i}", id_number=cast_id_number(f"42010219920808{applications:02d}{i}")
            ),
            union=cast.unions["GA"],
        )


def test_the_home_takes_few_queries_however_much_waits(cast: Cast):
    """The page's own four queries (session, user, grants, the user's roles) and at most one
    count per to-do item that apps answer with (``core.todo``: "one indexed query per item"),
    the same whether one or ten things wait: no query per waiting thing."""
    change_request_create(
        actor=cast.users["member"], member=cast.members["GA"], changes={"job": "钳工"}
    )
    transfer_request(
        actor=SYSTEM, member=cast.members["GB"], to_union=cast.unions["GA"], reason="调动"
    )
    client = cast.client("street_staff")
    user = cast.users["street_staff"]
    asked = sum(1 for provider in todo.providers() for _item in provider(user))
    taken = []
    for waiting in (1, 10):
        _wait_for_street_staff(cast, waiting)
        client.get(HOME)  # the session notes its first activity (written once a minute)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(HOME)
        assert "会籍转移待我方确认" in response.content.decode()
        taken.append(len(queries))
    assert taken[0] == taken[1] <= 4 + asked, (taken, asked)


def test_a_new_service_adds_its_items_without_editing_the_home(cast: Cast, monkeypatch):
    # given another app's todo module (found like the menus)
    def staff_todo(user):
        yield TodoItem("案件待受理", 2, "/staff/cases/", urgent=True)
        yield TodoItem("空的事项", 0, "/staff/none/")

    found = (*app_modules("todo"), SimpleNamespace(staff_todo=staff_todo))
    monkeypatch.setattr(todo, "app_modules", lambda name: found)
    html = cast.client("officer").get(HOME).content.decode()
    # then its items show, urgent first, and empty ones do not
    assert '<a href="/staff/cases/">案件待受理</a>' in html and "请处理" in html
    assert "空的事项" not in html
