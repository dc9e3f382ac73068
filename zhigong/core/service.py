"""The ``@service`` decorator every write service wears.

It makes the DESIGN §3.1 rule mechanical instead of a habit: the ``actor`` argument is
keyword-only (checked when the module is imported), nobody (``None``, an anonymous user, an
inactive account) is refused before the service's own code runs, and the body runs in one
transaction. Every decorated service is listed in ``SERVICES`` so a test can call each one
with ``actor=None`` and prove it is refused.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar, overload

from django.db import transaction

from zhigong.core.actors import require_actor

P = ParamSpec("P")
R = TypeVar("R")

SERVICES: list[Callable[..., Any]] = []


def _check_signature(func: Callable[..., Any]) -> None:
    parameter = inspect.signature(func).parameters.get("actor")
    if parameter is None or parameter.kind is not inspect.Parameter.KEYWORD_ONLY:
        raise TypeError(f"{func.__qualname__}: a service takes a keyword-only `actor`")
    if parameter.default is not inspect.Parameter.empty:
        raise TypeError(f"{func.__qualname__}: `actor` has no default; pass SYSTEM explicitly")


def _wrap(func: Callable[P, R], *, atomic: bool) -> Callable[P, R]:
    _check_signature(func)

    @functools.wraps(func)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        require_actor(kwargs.get("actor"))
        if not atomic:
            return func(*args, **kwargs)
        with transaction.atomic():
            return func(*args, **kwargs)

    SERVICES.append(run)
    return run


@overload
def service(func: Callable[P, R], /) -> Callable[P, R]: ...


@overload
def service(*, atomic: bool = True) -> Callable[[Callable[P, R]], Callable[P, R]]: ...


def service(
    func: Callable[P, R] | None = None, /, *, atomic: bool = True
) -> Callable[P, R] | Callable[[Callable[P, R]], Callable[P, R]]:
    """Mark a write service. ``atomic=False`` only for services that manage their own
    transactions (streaming imports write in batches and commit once at the end)."""
    if func is not None:
        return _wrap(func, atomic=atomic)
    return lambda f: _wrap(f, atomic=atomic)
