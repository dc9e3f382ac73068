"""Operators see events and sign-ups read-only (they are run on the workbench); never the
notes of a counselling session."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from zhigong.events.models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("title", "kind", "union", "starts_at", "status")
    list_filter = ("kind", "status")
    search_fields = ("title",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
