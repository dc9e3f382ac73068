"""What a survey is about: a small registry of target kinds, which the surveys engine uses
without knowing any of the apps that register them.

A target kind is a key (stored on the survey with the target's id), a label, and:

- ``find(pk)``: the target object, or None;
- ``choices(unions)``: the targets staff may pick, among those of some unions (a queryset of
  ``Union``: the user's ``survey.manage`` scope), as (pk, name) pairs;
- ``union_of(target)``: the union that owns it; the survey belongs to that union (its scope);
- ``name_of(target)``: what the survey's pages call it;
- ``may_answer(target, user, member)``: whether a logged-in user (and their member record,
  if any) may answer; a member read by card at the desk is asked with ``user`` None;
- ``walk_in``: whether walk-in visitors may answer with one-time codes.

Registered now: the visitors of a service centre (``centre_visitors.py``: any member, walk-in
visitors by code) and the requesters of a union's cases (``zhigong/cases/survey_target.py``,
from the cases app's ``ready``: only someone whose case there was answered). A project's
participants come with the projects app. Registering the same key twice with another
definition is an error; the same object again (a reloaded app) is not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django_stubs_ext import StrOrPromise

    from zhigong.unions.models import Union


@dataclass(frozen=True)
class TargetKind:
    key: str
    label: StrOrPromise
    find: Callable[[int], Any]
    choices: Callable[[QuerySet[Union]], list[tuple[int, str]]]
    union_of: Callable[[Any], Union]
    name_of: Callable[[Any], str]
    may_answer: Callable[[Any, Any, Any], bool]
    walk_in: bool = False


_REGISTRY: dict[str, TargetKind] = {}


def register(kind: TargetKind) -> TargetKind:
    known = _REGISTRY.get(kind.key)
    if known is not None and known != kind:
        raise ValueError(f"survey target kind {kind.key!r} is already registered")
    _REGISTRY[kind.key] = kind
    return kind


def get(key: str) -> TargetKind | None:
    return _REGISTRY.get(key)


def kinds() -> list[TargetKind]:
    return list(_REGISTRY.values())


def label_of(key: str) -> str:
    kind = _REGISTRY.get(key)
    return str(kind.label) if kind else key
