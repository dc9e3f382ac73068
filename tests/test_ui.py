"""The page conventions of docs/ui.md, checked on the markup (the browser checks of the same
conventions are in tests/browser/test_ui.py): the shared form partial, tables, the top bar."""

from __future__ import annotations

import re
from pathlib import Path

from django import forms
from django.template.loader import render_to_string
from django.test import Client

from zhigong.core.forms import DecisionForm

ROOT = Path(__file__).resolve().parents[1]


class _TwoErrors(forms.Form):
    name = forms.CharField(label="姓名", min_length=2)
    reason = forms.CharField(label="理由", help_text="写明原因。")
    dry_run = forms.BooleanField(label="只校验，不写入", required=False)


def test_a_form_with_two_errors_shows_both_and_a_summary_linking_to_the_fields():
    # given a form sent with two fields wrong
    form = _TwoErrors({"name": "王", "reason": ""})
    form.is_valid()

    # when the shared partial renders it
    html = render_to_string("includes/_form.html", {"form": form})

    # then a summary comes first, announced and focused, with one link to each field at fault
    summary = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', html, re.S)
    assert summary is not None and html.index("error-summary") < html.index('class="field')
    opening = re.search(r'<div class="error-summary"[^>]*>', html)
    assert opening is not None
    assert all(a in opening.group(0) for a in ('role="alert"', 'tabindex="-1"', "autofocus"))
    assert 'href="#id_name"' in summary.group(1) and "姓名：请至少填写 2 个字" in summary.group(1)
    assert 'href="#id_reason"' in summary.group(1) and "理由：此项必填。" in summary.group(1)
    # and each message also stands beside its field, which points at it and at its help
    assert 'id="id_name_error"' in html and 'id="id_reason_error"' in html
    assert 'aria-describedby="id_reason_helptext id_reason_error"' in html
    assert 'aria-invalid="true"' in html
    # and the check box sits inside its label, before its words
    assert re.search(
        r'<label for="id_dry_run"><input type="checkbox"[^>]*> 只校验，不写入</label>', html
    )


def test_a_form_without_errors_has_no_summary():
    html = render_to_string("includes/_form.html", {"form": _TwoErrors()})
    assert "error-summary" not in html and 'role="alert"' not in html


def test_radios_are_a_fieldset_with_the_question_as_legend():
    # given a decision form (two radios and a reason), sent without a decision
    form = DecisionForm({"reason": ""})
    form.is_valid()

    # when the shared partial renders it
    html = render_to_string("includes/_form.html", {"form": form})

    # then the radios are a fieldset named by its legend, each radio inside its own label
    assert re.search(r'<fieldset class="field choices has-error"[^>]*>\s*<legend>处理意见', html)
    assert re.search(r'<label for="id_decision_0"><input type="radio"[^>]*>\s*确认</label>', html)
    # and the summary links to the first radio
    assert 'href="#id_decision_0"' in html


def _templates() -> list[Path]:
    return sorted(
        [*ROOT.glob("zhigong/**/templates/**/*.html"), *ROOT.glob("zhigong/**/jinja2/**/*.jinja")]
    )


def test_every_table_scrolls_in_a_table_wrap():
    # given every template of the site
    unwrapped = []
    for path in _templates():
        html = path.read_text()
        # then each table opens right inside <div class="table-wrap">
        for match in re.finditer(r"<table\b", html):
            before = html[: match.start()].rstrip()
            if not before.endswith('<div class="table-wrap">'):
                unwrapped.append(
                    f"{path.relative_to(ROOT)}:{html.count(chr(10), 0, match.start()) + 1}"
                )
    assert unwrapped == [], "tables without .table-wrap (docs/ui.md)"


def test_the_top_bar_folds_its_links_behind_a_menu_button(cast):
    # given any page, for a logged-in user
    html = cast.client("member").get("/").content.decode()

    # then the top bar carries the menu switch and its label before the links it folds
    banner = html[html.index('<header class="topbar">') : html.index("</header>")]
    toggle = banner.index('id="menu-toggle"')
    assert toggle < banner.index('<label for="menu-toggle"') < banner.index('<nav class="topnav"')


def test_the_friendly_pages_keep_the_site_layout():
    # given an address nobody knows
    response = Client().get("/no-such-page/")

    # then the 404 page says so in words and offers the way home
    html = response.content.decode()
    assert response.status_code == 404
    assert "未找到" in html and '<a class="button" href="/">' in html
