"""The pages under the Content-Security-Policy, in a real browser (see conftest.py): what uses
script (the tree's lazy expansion, the confirmation before withdrawing, the union picker),
the server-drawn charts and the API's interactive docs all work, and the browser reports no
violation of the policy."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.helpers import login, logout, main
from zhigong.members.notices import CURRENT as CURRENT_NOTICE
from zhigong.members.services.applications import application_submit
from zhigong.members.services.registry import PersonInput
from zhigong.testing.cast import Cast, cast_id_number

# Playwright's init scripts are not subject to the page's policy; this one records every
# violation the browser reports, on every page the tab opens.
WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample || ""}`);
});
"""


def violations(page: Page) -> list[str]:
    return list(page.evaluate("window.__csp || []"))


def test_pages_and_api_docs_work_under_the_policy(cast: Cast, page: Page):
    page.add_init_script(WATCH)
    # given the city's administrator on the union tree
    login(page, "city_admin")
    response = page.goto("/staff/unions/")
    assert response is not None
    policy = response.header_value("content-security-policy") or ""
    assert "script-src 'self'" in policy and "unsafe-eval" not in policy
    # when they open a branch (htmx, and the site's own script marks it open)
    toggle = main(page).get_by_role("button", name=re.compile("展开")).first
    toggle.click()
    # then its children appear and the toggle says it is open
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(main(page).get_by_role("link", name="江岸区总工会")).to_be_visible()
    assert violations(page) == []

    # the figures page draws its charts inline (pygal SVG with its own styles)
    page.goto("/staff/members/figures/")
    expect(main(page).locator("figure svg").first).to_be_visible()
    assert violations(page) == []

    # Swagger UI runs from ninja's static files, its settings read from a JSON block
    page.goto("/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("职工服务平台 API")
    expect(page.locator(".opblock").first).to_be_visible()
    assert violations(page) == []


def test_withdrawing_an_application_asks_first(cast: Cast, page: Page):
    # given outsider's application, waiting for the grassroots union
    application_submit(
        actor=cast.users["outsider"],
        person=PersonInput(name="王芳", id_number=cast_id_number("42010219920808002")),
        union=cast.unions["GA"],
        applicant_user=cast.users["outsider"],
        notice_version=CURRENT_NOTICE,
    )
    page.add_init_script(WATCH)
    login(page, "outsider")
    page.goto("/me/application/")
    # when they press withdraw and say no in the browser's dialog: nothing happens
    page.once("dialog", lambda dialog: dialog.dismiss())
    main(page).get_by_role("button", name="撤回申请").click()
    expect(main(page)).to_contain_text("待基层工会审核")
    # when they press it again and say yes: it is withdrawn
    page.once("dialog", lambda dialog: dialog.accept())
    main(page).get_by_role("button", name="撤回申请").click()
    expect(main(page)).to_contain_text("您已撤回此申请。")
    assert violations(page) == []
    logout(page)
