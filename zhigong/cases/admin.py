"""Operators' admin for cases: the settings they keep (deadlines per kind and complexity,
reply templates, the list of government departments, routing rules) and a read-only,
masked view of cases. Every change of a setting is audited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.forms.models import model_to_dict
from django.http import HttpRequest

from zhigong.cases.models import (
    Case,
    DeadlineRule,
    GovernmentDepartment,
    ReplyTemplate,
    RoutingRule,
)
from zhigong.core.admin import PersonalDataAdmin
from zhigong.core.audit import audit_record, diff


class AuditedAdmin(admin.ModelAdmin[Any]):
    """Saves and deletions of a setting go into the audit log, with what changed."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = model_to_dict(type(obj).objects.get(pk=obj.pk)) if change else {}
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit_record(
                actor=request.user,  # type: ignore[arg-type]  # the admin needs a login
                action="case_settings.change",
                target=obj,
                changes=diff(before, model_to_dict(obj)),
            )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            audit_record(
                actor=request.user,  # type: ignore[arg-type]
                action="case_settings.delete",
                target=obj,
                changes=diff(model_to_dict(obj), {}),
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(AuditedAdmin):
    list_display = ["kind", "complexity", "working_days"]
    list_filter = ["kind"]


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(AuditedAdmin):
    list_display = ["title", "category", "is_active"]
    list_filter = ["category", "is_active"]
    search_fields = ["title", "body"]


@admin.register(GovernmentDepartment)
class GovernmentDepartmentAdmin(AuditedAdmin):
    list_display = ["name", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(AuditedAdmin):
    list_display = ["union", "kind", "centre", "updated_at", "updated_by"]
    list_select_related = ["union", "centre", "updated_by"]
    raw_id_fields = ["union", "centre"]
    readonly_fields = ["updated_by"]


@admin.register(Case)
class CaseAdmin(PersonalDataAdmin):
    """Read-only and masked: cases are handled in the workbench (authorised, audited)."""

    list_display = ["reference", "kind", "category", "status", "union", "due_date", "created_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["union"]
    search_fields = ["=reference"]
    fields = readonly_fields = (
        "reference",
        "kind",
        "channel",
        "category",
        "complexity",
        "status",
        "name_masked",
        "phone_masked",
        "union",
        "due_date",
        "created_at",
    )
    show_full_result_count = False
