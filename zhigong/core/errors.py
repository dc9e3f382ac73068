"""Domain errors: one type a service raises, one place views and the API turn it into a reply.

Every error carries a stable ``code`` (for programs) and a translatable ``message`` (for
people); ``fields`` names the inputs at fault so forms can show the message beside them.
"""

from __future__ import annotations

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


class PermissionDenied(DomainError):
    """The object is in scope but the caller may not do this to it."""

    code = "forbidden"
    status = 403
    default_message = _("您没有执行此操作的权限。")


class Conflict(DomainError):
    code = "conflict"
    status = 409
    default_message = _("与现有数据冲突。")
