from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from zhigong.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The log can be read here but never changed: the hash chain would show it anyway."""

    list_display = ("seq", "occurred_at", "actor_label", "action", "target_label", "union")
    list_filter = ("action",)
    search_fields = ("actor_label", "target_label", "target_id")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
