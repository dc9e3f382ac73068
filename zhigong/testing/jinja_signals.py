"""Jinja2 templates tell the test client what they rendered, as Django's own do.

Django's test set-up makes each Django template send ``template_rendered`` (so a test reads
``response.context["page"]`` or asserts the template used); its Jinja2 backend sends nothing.
``instrument()`` makes the Jinja2 backend's templates send the same signal, with the context
they were given, for the length of the test session (``conftest.py``): a page moved to
Jinja2 keeps every test that looked inside it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any

from django.template.backends import jinja2 as backend
from django.test.signals import template_rendered


@contextmanager
def instrument() -> Iterator[None]:
    render: Callable[..., str] = backend.Template.render

    def instrumented(self: Any, context: Any = None, request: Any = None) -> str:
        context = {} if context is None else context
        named = SimpleNamespace(name=self.origin.template_name, origin=self.origin)
        template_rendered.send(sender=self, template=named, context=context)
        return render(self, context, request)

    backend.Template.render = instrumented  # type: ignore[method-assign]
    try:
        yield
    finally:
        backend.Template.render = render  # type: ignore[method-assign]
