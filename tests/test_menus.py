"""The menus are drawn once per key (face, language, section, permissions held): the kept HTML
must be what a fresh drawing gives for every user, and the partials must read nothing else."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.utils import translation

from zhigong.testing.cast import CAST_ACTORS
from zhigong.unions.templatetags import menus

ROOT = Path(__file__).resolve().parent.parent
PARTIALS = sorted(ROOT.glob("zhigong/*/templates/*/_*_menu.html"))

# What a partial may contain: loading libraries, links, labels, and conditions on the
# permissions held, being logged in, and the section. Anything else could make two users
# with the same key see different menus.
ALLOWED_TAG = re.compile(
    r"^(load [\w ]+|url '[\w:]+'|trans \"[^\"]+\"|trans '[^']+'|endif|else"
    r"|(el)?if (?:(?:not )?(?:user\|holds:\"[\w.]+\"|user\.is_authenticated"
    r"|section == '\w+')(?: (?:or|and) )?)+)$"
)
SECTION = re.compile(r"section == '(\w+)'")


def test_partials_read_only_the_key() -> None:
    assert len(PARTIALS) >= 20
    for partial in PARTIALS:
        text = partial.read_text()
        assert "{{" not in text, f"{partial}: a variable in a menu"
        for tag in re.findall(r"{%\s*(.*?)\s*%}", text):
            assert ALLOWED_TAG.match(tag), f"{partial}: {{% {tag} %}} is not allowed in a menu"


def _sections() -> list[str]:
    found = {m for p in PARTIALS for m in SECTION.findall(p.read_text())}
    return ["", "mfa", *sorted(found)]


def _users(cast: Any) -> list[Any]:
    users: list[Any] = [AnonymousUser()]
    for name in CAST_ACTORS:
        if name == "anonymous":
            continue
        users.append(cast.users[name])
        verified = type(cast.users[name]).objects.get(pk=cast.users[name].pk)
        verified.is_verified = lambda: True  # as django-otp marks a verified session
        users.append(verified)
    return users


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_kept_menus_equal_a_fresh_drawing_for_every_user(cast: Any, language: str) -> None:
    menus._DRAWN.clear()
    page = Template("{% load menus %}{% app_menus face %}")
    with translation.override(language):
        for user in _users(cast):
            for section in _sections():
                for face in ("portal", "staff"):
                    context = Context({"user": user, "section": section, "face": face})
                    kept = page.render(context)
                    fresh = menus.draw_menus(face, user, section)
                    assert kept == fresh, (user, section, face)
    assert menus._DRAWN  # the drawings were kept (and compared across users)
