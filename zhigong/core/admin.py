"""Admin for platform operators: the holiday table behind the working-day calendar, and the
audit chain (read only)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from zhigong.core.models import AuditEvent, Holiday


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    """For records that only services write (they authorise and audit): readable, never edited."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


_WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin[Holiday]):
    list_display = ("date", "weekday", "kind", "name")
    list_filter = ("kind",)
    date_hierarchy = "date"
    search_fields = ("name",)
    ordering = ("-date",)
    list_per_page = 100

    @admin.display(description=_("星期"), ordering="date")
    def weekday(self, obj: Holiday) -> str:
        return _("星期%(day)s") % {"day": _WEEKDAYS[obj.date.weekday()]}


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """The log can be read here but never changed: the hash chain would show it anyway."""

    list_display = ("seq", "occurred_at", "actor_label", "action", "target_label", "union")
    list_filter = ("action",)
    search_fields = ("actor_label", "target_label", "target_id")
