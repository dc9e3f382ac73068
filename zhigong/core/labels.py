"""The label of a choice, looked up in a dict made once per language.

``instance.get_status_display()`` hashes every (lazy) label of the field's choices on each
call, which translates each of them: a list of 50 rows spent more time there than in its
query. Lists call ``choice_label(MemberStatus, value)`` instead; the labels are the same
translated strings (made when a language is first used in the process).
"""

from __future__ import annotations

import functools

from django.db import models
from django.utils.translation import get_language


def choice_label(choices: type[models.Choices], value: str) -> str:
    """The label of ``value`` in the active language; the value itself when unknown (as
    ``get_FOO_display`` answers)."""
    return _labels(choices, get_language()).get(value, value)


@functools.cache
def _labels(choices: type[models.Choices], language: str | None) -> dict[str, str]:
    # Called with the language that is active, so str() translates into that language.
    return {value: str(label) for value, label in choices.choices}
