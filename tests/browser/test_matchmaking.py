"""Journeys through the matchmaking service, in a real browser (see conftest.py): a single
member registers and signs the rules on a phone; staff check the member's card, screen the
pool and offer three; the member chooses one, the candidate says yes, and only then do both
see each other's contact."""

from __future__ import annotations

import re

from playwright.sync_api import Page, ViewportSize, expect

from tests.browser.helpers import login, logout, main
from zhigong.accounts.services import user_create
from zhigong.core.actors import SYSTEM
from zhigong.matchmaking.models import Introduction, Profile
from zhigong.matchmaking.testing import active_profile, register_through
from zhigong.members.services.cards import current_card
from zhigong.members.services.registry import PersonInput, check_person, member_create
from zhigong.testing.cast import PASSWORD, Cast, cast_id_number

PHONE: ViewportSize = {"width": 390, "height": 844}


def test_a_single_member_registers_and_signs_the_rules_on_a_phone(cast: Cast, page: Page):
    # given the member signed in, on a phone
    login(page, "member")
    page.set_viewport_size(PHONE)
    page.goto("/me/matchmaking/")
    main(page).get_by_role("link", name="阅读服务办法并登记").click()
    # when they read the rules and fill in who they are and whom they look for
    expect(main(page)).to_contain_text("拒绝本中心提供的服务达到五次以上")
    page.get_by_label(re.compile(r"^婚姻状况")).select_option(label="未婚")
    page.get_by_label("身高（厘米）").fill("175")
    page.get_by_label(re.compile(r"^学历")).select_option(label="本科")
    page.get_by_label("职业").fill("机械工程师")
    page.get_by_label(re.compile(r"^月收入")).select_option(label="5000–8000 元")
    page.get_by_label(re.compile(r"^居住区")).select_option(label="江岸区")
    page.get_by_label(re.compile(r"^住房")).select_option(label="自有住房")
    page.get_by_label("对方年龄下限").fill("25")
    page.get_by_label("对方年龄上限").fill("36")
    page.get_by_label("同意我的资料").check()
    page.get_by_label("我已完整阅读").check()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("button", name="签署并提交").click()
    # then the form waits for the grassroots union, with the signing time kept
    expect(main(page)).to_contain_text("登记表已提交")
    expect(main(page).locator("#match-status")).to_have_text("待基层工会审核")
    profile = Profile.objects.get(member=cast.members["GA"])
    assert profile.rules_signed_at is not None and profile.age_max == 36


def _woman(cast: Cast, name: str, body: str, phone: str, username: str = "") -> Profile:
    person, errors = check_person(
        PersonInput(name=name, id_number=cast_id_number(body), phone=phone)
    )
    assert person is not None, errors
    user = None
    if username:
        user = user_create(
            actor=SYSTEM, username=username, password=PASSWORD, full_name=name, check_password=False
        )
    member = member_create(actor=SYSTEM, person=person, union=cast.unions["GA"], user=user)
    return active_profile(member, age_min=25, age_max=45)


def test_staff_offer_three_and_contacts_pass_only_after_both_say_yes(cast: Cast, page: Page):
    mine = register_through(cast.users["member"], age_min=25, age_max=40)
    her = _woman(cast, "刘芳", "42010219920304002", "13700002222", username="liufang")
    _woman(cast, "陈静", "42010219930405004", "13700003333")
    _woman(cast, "黄艳", "42010219940506006", "13700004444")
    card = current_card(cast.members["GA"])
    assert card is not None

    # the street centre checks the visiting member's card, screens and offers three
    login(page, "street_staff")
    page.goto(f"/staff/matchmaking/{mine.pk}/")
    page.get_by_label("会员卡号").fill(card.number)
    page.get_by_role("button", name="核实").click()
    expect(main(page)).to_contain_text("今日已核实身份")
    main(page).get_by_role("link", name="筛选预选对象").click()
    boxes = main(page).get_by_role("checkbox")
    expect(boxes).to_have_count(3)
    for i in range(3):
        boxes.nth(i).check()
    page.get_by_role("button", name="推荐给会员").click()
    expect(main(page)).to_contain_text("已向会员推荐预选对象")
    logout(page)

    # the member chooses 刘芳 and sees no contact yet
    intro = Introduction.objects.get(member=mine, candidate=her)
    login(page, "member")
    page.goto(f"/me/matchmaking/introductions/{intro.pk}/")
    expect(main(page)).not_to_contain_text("刘")
    page.get_by_role("button", name="我想认识 TA").click()
    expect(main(page).locator("#intro-status")).to_have_text("会员已选择，待联系对方")
    expect(main(page)).not_to_contain_text("13700002222")
    logout(page)

    # the candidate says yes: exchange contacts
    login(page, "liufang")
    page.goto("/me/matchmaking/")
    main(page).get_by_role("link", name=f"会员 M{mine.pk:06d}").click()
    page.get_by_label("同意交换联系方式").check()
    page.get_by_role("button", name="提交答复").click()
    expect(main(page).locator("#contact")).to_contain_text("张伟")
    expect(main(page).locator("#contact")).to_contain_text("13800001234")
    # and his photo, which no member saw before (an image that really loads)
    photo = main(page).locator("#contact-photo")
    expect(photo).to_be_visible()
    assert photo.evaluate("img => img.complete && img.naturalWidth > 0")
    logout(page)

    # and only now the member sees hers
    login(page, "member")
    page.goto(f"/me/matchmaking/introductions/{intro.pk}/")
    expect(main(page).locator("#contact")).to_contain_text("刘芳")
    expect(main(page).locator("#contact")).to_contain_text("13700002222")
