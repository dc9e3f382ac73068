"""Domain errors: one type a service raises, one place views and the API turn it into a reply.

Every error carries a stable ``code`` (for programs) and a translatable ``message`` (for
people); ``fields`` names the inputs at fault so forms can show the message beside them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    code = "invalid"
    status = 400
    default_message: str | Promise = _("请求无效。")

    def __init__(
        self,
        message: str | Promise | None = None,
        *,
        code: str | None = None,
        fields: dict[str, Any] | None = None,
    ) -> None:
        self.message = message if message is not None else self.default_message
        if code:
            self.code = code
        self.fields = fields or {}
        super().__init__(str(self.message))


class NotFound(DomainError):
    """Unknown, or outside the caller's scope: the two are indistinguishable on purpose."""

    code = "not_found"
    status = 404
    default_message = _("未找到该对象，或您无权查看。")


class Unavailable(NotFound):
    """A page of the user's own that cannot exist for them now, saying why and what they can
    do instead: a member who left opening their card reads "您已退会，会员卡已注销" with a
    link to rejoin, where a bare 404 would leave them guessing.

    Pages show it as a 404 that explains itself (``unavailable.html``, by
    ``core.middleware``). Raise it only about the user's own state: it tells them something
    about themselves, never whether someone else's record exists; that stays a ``NotFound``,
    the same page as an unknown address."""

    code = "unavailable"

    def __init__(
        self,
        message: str | Promise,
        *,
        title: str | Promise,
        actions: Sequence[tuple[str | Promise, str]] = (),
        code: str | None = None,
    ) -> None:
        super().__init__(message, code=code)
        self.title = title
        self.actions = list(actions)  # (label, address) of what the user can do instead


class PermissionDenied(DomainError):
    """The object is in scope but the caller may not do this to it."""

    code = "forbidden"
    status = 403
    default_message = _("您没有执行此操作的权限。")


class Conflict(DomainError):
    code = "conflict"
    status = 409
    default_message = _("与现有数据冲突。")
