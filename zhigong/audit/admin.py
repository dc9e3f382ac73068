from django.contrib import admin

from zhigong.audit.models import AuditEvent
from zhigong.core.admin import ReadOnlyAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """The log can be read here but never changed: the hash chain would show it anyway."""

    list_display = ("seq", "occurred_at", "actor_label", "action", "target_label", "union")
    list_filter = ("action",)
    search_fields = ("actor_label", "target_label", "target_id")
