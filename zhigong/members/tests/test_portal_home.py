"""The portal home shows the services that exist, a member's card and applications, and the
way to the workbench only to staff."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zhigong.accounts.services import user_create
from zhigong.core.actors import SYSTEM
from zhigong.core.discovery import app_modules
from zhigong.members import notices
from zhigong.members.services import applications
from zhigong.members.services.registry import PersonInput
from zhigong.testing.cast import PASSWORD, Cast, cast_id_number
from zhigong.testing.routes import LOGGED_IN


def _home(cast: Cast, who: str) -> str:
    response = cast.client(who).get(reverse("portal:home"))
    assert response.status_code == 200
    return response.content.decode()


def _main(html: str) -> str:
    return html[html.index('<main id="main">') : html.index("</main>")]


def test_visitors_see_only_services_that_exist(cast: Cast):
    html = _main(_home(cast, "anonymous"))
    assert "会员服务" in html and 'href="/me/apply/"' in html
    assert 'href="/privacy/member-records/"' in html
    # services that are not built yet are not offered
    for missing in ("维权与法律咨询", "普惠服务", "法律援助", "婚恋交友", "就业"):
        assert missing not in html, missing


def test_every_home_link_leads_to_a_page(cast: Cast):
    for who in ("anonymous", "member", "outsider", "officer"):
        client = cast.client(who)
        for url in set(re.findall(r'href="(/[^"#?]*)"', _main(_home(cast, who)))):
            assert client.get(url).status_code in (200, 302), (who, url)


def test_a_member_sees_their_card_on_the_home_page(cast: Cast):
    card = cast.members["GA"].cards.get()
    html = _main(_home(cast, "member"))
    assert card.number in html and "已启用" in html and 'href="/me/card/"' in html
    assert "没有入会申请。" in html  # 张伟 was entered by his union


def test_an_applicant_sees_their_applications_and_where_they_stand(cast: Cast):
    worker = user_create(
        actor=SYSTEM, username="wangfang", password=PASSWORD, full_name="王芳", check_password=False
    )
    application = applications.application_submit(
        actor=worker,
        person=PersonInput(name="王芳", id_number=cast_id_number("42010219920808002")),
        union=cast.unions["GA"],
        applicant_user=worker,
        notice_version=notices.CURRENT,
    )
    client = cast.client("anonymous")
    client.force_login(worker)
    html = _main(client.get(reverse("portal:home")).content.decode())
    assert "待基层工会审核" in html and "武汉江城机械有限公司工会" in html
    assert "加入工会后即可使用电子会员卡。" in html
    assert ">申请入会<" not in html  # one open application at a time
    applications.application_withdraw(actor=worker, application=application)
    html = _main(client.get(reverse("portal:home")).content.decode())
    assert "已撤回" in html and ">申请入会<" in html


@pytest.mark.parametrize("who", sorted(LOGGED_IN))
def test_the_workbench_link_is_shown_to_staff_only(cast: Cast, who: str):
    html = _home(cast, who)
    shown = 'href="/staff/"' in html
    assert shown == (who not in {"member", "outsider"}), who


def test_the_home_page_costs_a_few_queries(cast: Cast):
    client = cast.client("member")
    client.get(reverse("portal:home"))
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("portal:home"))
    assert len(queries) <= 12, [q["sql"] for q in queries]


def test_each_section_comes_from_its_apps_portal_home_module():
    names = {module.__name__ for module in app_modules("portal_home")}
    assert {"zhigong.members.portal_home", "zhigong.notifications.portal_home"} <= names
