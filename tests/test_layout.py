"""One layout for both template engines (docs/ui.md, "Two template engines"): a page written
as a Django template (base.html) and one written for Jinja2 (base.jinja) show the same top,
side menu and footer, and every message of a Jinja2 template is in the catalogue."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import polib  # type: ignore[import-untyped]
import pytest
from django.template import engines
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
JINJA = sorted(ROOT.glob("zhigong/**/jinja2/**/*.jinja"))


def _chrome(html: str) -> str:
    """The page without what differs by page: the title, the content, the masked CSRF
    token, the address the language switch returns to, which menu entry is current."""
    html = re.sub(r"<title>.*?</title>", "", html, flags=re.S)
    html = re.sub(r"<main id=\"main\">.*</main>", "<main/>", html, flags=re.S)
    html = re.sub(r'value="[A-Za-z0-9]{64}"', 'value="csrf"', html)
    html = re.sub(r'"X-CSRFToken": "[A-Za-z0-9]{64}"', '"X-CSRFToken": "csrf"', html)
    html = re.sub(r'name="next" type="hidden" value="[^"]*"', 'name="next"', html)
    html = html.replace(' aria-current="page"', "")
    return re.sub(r"\s+>", ">", re.sub(r"\s+", " ", html)).strip()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(
    ("who", "jinja_page", "django_page"),
    [
        ("member", "/me/card/", "/me/"),
        ("city_admin", "/staff/members/", "/staff/members/applications/"),
        ("district_admin", "/staff/members/", "/staff/members/changes/"),
    ],
)
def test_a_jinja_page_and_a_django_page_share_the_layout(
    cast: Any, language: str, who: str, jinja_page: str, django_page: str
) -> None:
    client = cast.client(who)
    client.cookies["django_language"] = language
    with translation.override(language):  # the middleware's choice ends with the test
        jinja = client.get(jinja_page)
        django = client.get(django_page)
    assert jinja.status_code == django.status_code == 200
    assert _chrome(jinja.content.decode()) == _chrome(django.content.decode())


def test_every_message_of_a_jinja_template_is_in_the_catalogue() -> None:
    environment = engines["jinja2"].env  # type: ignore[attr-defined]
    english = polib.pofile(str(ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    translated = {e.msgid: e for e in english if not e.obsolete and e.translated()}
    assert JINJA
    missing = []
    for path in JINJA:
        found = environment.extract_translations(
            path.read_text(), gettext_functions=("_", "gettext", "ngettext")
        )
        for _line, _function, message in found:
            text = message[0] if isinstance(message, tuple) else message
            if isinstance(text, str) and text not in translated:
                missing.append(f"{path.relative_to(ROOT)}: {text}")
    assert missing == [], "run make messages and translate"


def test_row_addresses_are_django_s_own() -> None:
    from django.urls import reverse

    from zhigong.core.jinja import url_for_ids

    detail = url_for_ids("staff:members:member_detail")
    for pk in (1, 7, 918273645, 10**12):
        assert detail(pk) == reverse("staff:members:member_detail", args=[pk])
    with pytest.raises(ValueError):
        url_for_ids("staff:members:member_list")  # no id in it


def test_one_masked_csrf_token_per_request_and_it_is_accepted(cast: Any) -> None:
    client = cast.client("district_admin")
    client.handler.enforce_csrf_checks = True
    html = client.get("/staff/members/").content.decode()
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"', html))
    assert len(tokens) == 1  # the search form, the log-out and the language switch share it
    answer = client.post("/staff/members/", {"csrfmiddlewaretoken": tokens.pop(), "name": "张"})
    assert answer.status_code == 302  # the search is redirected, not refused (403)
