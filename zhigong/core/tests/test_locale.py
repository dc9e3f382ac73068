"""The committed English catalogue is compiled and up to date with its source."""

from pathlib import Path

import polib  # type: ignore[import-untyped]
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[3] / "locale" / "en" / "LC_MESSAGES"


def test_compiled_catalogue_matches_source():
    po = polib.pofile(str(LOCALE / "django.po"))
    mo = polib.mofile(str(LOCALE / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in mo}
    for entry in po.translated_entries():
        if entry.msgid_plural:
            continue
        assert compiled.get((entry.msgctxt, entry.msgid)) == entry.msgstr, (
            f"django.mo is stale for {entry.msgid!r}: run make messages"
        )


def test_catalogue_is_fully_translated():
    po = polib.pofile(str(LOCALE / "django.po"))
    missing = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert missing == [] and fuzzy == []


def test_english_switch_translates():
    with translation.override("en"):
        assert translation.gettext("工作台") == "Workbench"
