"""Django's own form messages in our words (locale/django/, docs/ui.md): every message a form
field or validator of Django can show reads as plain Chinese ("此项必填。") and plain English,
never as Django's wording ("确保该变量至少包含 2 字符。", "Ensure this value has …")."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import django
import polib  # type: ignore[import-untyped]
import pytest
from django import forms
from django.core import validators
from django.db import models
from django.forms import models as model_forms
from django.utils import translation

CATALOGUES = Path(__file__).resolve().parents[3] / "locale" / "django"
LANGUAGES = {"zh-hans": "zh_Hans", "en": "en"}
DEVELOPER_WORDS = ("确保", "该变量", "这个字段", "Ensure this", "This field", "Enter a valid")


class _Numbers(dict[str, Any]):
    """Fills every placeholder of a message with 2."""

    def __missing__(self, key: str) -> int:
        return 2


def _messages() -> list[Any]:
    """Every message Django's form fields, model fields (as forms show them) and validators
    hold, still lazy."""
    found: list[Any] = []
    for module in (forms.fields, model_forms):
        for cls in vars(module).values():
            if inspect.isclass(cls) and issubclass(cls, forms.Field):
                for klass in cls.__mro__:
                    found += vars(klass).get("default_error_messages", {}).values()
    model_field = models.Field.default_error_messages  # what a model form's checks add
    found += [
        model_field[key] for key in ("invalid_choice", "null", "blank", "unique", "unique_for_date")
    ]
    for obj in vars(validators).values():
        message = getattr(obj, "message", None)
        if message is not None and not isinstance(message, str):
            found.append(message)
    return found


def _catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(CATALOGUES / language / "LC_MESSAGES" / "django.po"))


def _ours(english: str, po: polib.POFile) -> str | None:
    """Our wording of the message that reads ``english`` without a catalogue."""
    numbers = _Numbers()
    for entry in po:
        if entry.msgid_plural and english in (entry.msgid % numbers, entry.msgid_plural % numbers):
            return str(entry.msgstr_plural[min(1, len(entry.msgstr_plural) - 1)] % numbers)
        if not entry.msgid_plural and english == entry.msgid % numbers:
            return str(entry.msgstr % numbers)
    return None


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_of_djangos_forms_is_in_our_words(language: str):
    # given every message Django's form fields and validators can show
    po = _catalogue(LANGUAGES[language])
    for message in _messages():
        with translation.override(None):
            english = str(message % _Numbers())  # Django's own words: the msgid

        # when it is shown in the language
        with translation.override(language):
            shown = str(message % _Numbers())

        # then it is our wording, not Django's
        ours = _ours(english, po)
        assert ours is not None, f"no wording of ours for {english!r}"
        assert shown == ours, f"{english!r} reads {shown!r}"
        assert not any(word in shown for word in DEVELOPER_WORDS), shown


class _Form(forms.Form):
    name = forms.CharField(label="姓名", min_length=2, max_length=5)
    reason = forms.CharField(label="理由")
    kind = forms.ChoiceField(label="类型", choices=[("a", "甲")])
    count = forms.IntegerField(label="人数", max_value=3)


def test_a_form_speaks_plainly_in_chinese_and_in_english():
    # given a form filled wrongly in every field
    data = {"name": "王", "reason": "", "kind": "b", "count": "9"}

    # when it is checked in Chinese and in English
    with translation.override("zh-hans"):
        zh = {k: [str(e) for e in v] for k, v in _Form(data).errors.items()}
    with translation.override("en"):
        en = {k: [str(e) for e in v] for k, v in _Form(data).errors.items()}

    # then every message is a plain sentence in that language
    assert zh == {
        "name": ["请至少填写 2 个字（现在 1 个）。"],
        "reason": ["此项必填。"],
        "kind": ["请从可选项中选择（“b”不在其中）。"],
        "count": ["不能大于 3。"],
    }
    assert en == {
        "name": ["Please enter at least 2 characters (you entered 1)."],
        "reason": ["This is required."],
        "kind": ["Please choose from the list (“b” is not one of the options)."],
        "count": ["Please enter 3 or less."],
    }


@pytest.mark.parametrize("language", LANGUAGES.values())
def test_every_reworded_message_is_still_one_of_djangos(language: str):
    # given Django's own Chinese catalogue (it lists every message of Django's core)
    django_po = Path(django.__file__).parent / "conf" / "locale" / "zh_Hans" / "LC_MESSAGES"
    theirs = {e.msgid for e in polib.pofile(str(django_po / "django.po"))}

    # then each message we reword is still one Django has (an upgrade that rewords one would
    # otherwise bring Django's wording back without a word)
    ours = {e.msgid for e in _catalogue(language)}
    assert ours - theirs == set()


@pytest.mark.parametrize("language", LANGUAGES.values())
def test_the_reworded_catalogues_are_compiled_and_complete(language: str):
    # given our wording of Django's messages, and its compiled form
    po = _catalogue(language)
    mo = polib.mofile(str(CATALOGUES / language / "LC_MESSAGES" / "django.mo"))
    compiled = {e.msgid: e.msgstr for e in mo if not e.msgid_plural}

    # then every entry is translated and compiled as written (make messages compiles them)
    assert po.untranslated_entries() == [] and po.fuzzy_entries() == []
    for entry in po:
        if not entry.msgid_plural:
            assert compiled.get(entry.msgid) == entry.msgstr, f"stale .mo: {entry.msgid!r}"
