"""Admin for platform operators: the holiday table behind the working-day calendar, and the
shapes other apps' admins take for records that only services write (``ReadOnlyAdmin``) or
that hold personal data (``PersonalDataAdmin``)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from zhigong.core.models import Holiday


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


class GuardedLookupsAdmin(admin.ModelAdmin[Any]):
    """For models that hold personal data: the change list filters only by the filters it
    declares. Django otherwise accepts a filter on any of the model's own columns in the
    address (``?birth_date=…``, ``?id_number_masked__startswith=…``), which would answer
    "is there a member with this value" for values the page never shows."""

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest | None = None) -> bool:
        declared = {f for f in self.list_filter if isinstance(f, str)}
        if self.date_hierarchy:
            declared.add(str(self.date_hierarchy))
        if lookup.split("__", 1)[0] not in declared:
            return False
        return super().lookup_allowed(lookup, value, request)


class PersonalDataAdmin(GuardedLookupsAdmin, ReadOnlyAdmin):
    """Read-only, and filtered only as declared: for records of members and applicants."""


# The audit chain is not in the operators' admin: reading it is the auditor's duty (role
# ``auditor``, /staff/audit/), not the platform operator's (等保 三员分立).
