"""Operators' view of the tree. Staff work in /staff/; writes here bypass the services, so
the tree structure (path, depth) is read-only and edits are limited to descriptive fields."""

from django.contrib import admin

from zhigong.core.admin import ReadOnlyAdmin
from zhigong.unions.models import Department, RoleGrant, ServiceCentre, Union


@admin.register(Union)
class UnionAdmin(admin.ModelAdmin[Union]):
    list_display = ("code", "name", "kind", "level", "region_code", "depth", "is_active")
    list_filter = ("kind", "level", "is_active")
    search_fields = ("code", "name", "short_name")
    readonly_fields = ("path", "depth", "numchild", "created_at", "updated_at")
    ordering = ("path",)


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin[Department]):
    list_display = ("name", "kind", "union", "is_active")
    list_filter = ("kind",)
    search_fields = ("name", "union__name", "union__code")
    raw_id_fields = ("union",)


@admin.register(ServiceCentre)
class ServiceCentreAdmin(admin.ModelAdmin[ServiceCentre]):
    list_display = ("name", "kind", "union", "hotline", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "union__name", "union__code")
    raw_id_fields = ("union",)


@admin.register(RoleGrant)
class RoleGrantAdmin(ReadOnlyAdmin):
    """Read-only: roles are granted in the workbench or with grant_role, which audit."""

    list_display = ("user", "role", "union", "department", "granted_at", "revoked_at")
    list_filter = ("role",)
    search_fields = ("user__username", "union__code", "union__name")
