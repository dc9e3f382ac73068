from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from zhigong.accounts.models import RoleGrant, User
from zhigong.core.admin import ReadOnlyAdmin


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "full_name", "phone_masked", "is_active", "is_superuser")
    search_fields = ("username", "full_name")
    # The phone is ciphertext; it is set through the services, never edited here.
    exclude = ("phone_encrypted", "phone_index")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("资料", {"fields": ("full_name",)}),
        ("状态", {"fields": ("is_active", "is_staff", "is_superuser", "last_login")}),
    )
    readonly_fields = ("last_login",)


@admin.register(RoleGrant)
class RoleGrantAdmin(ReadOnlyAdmin):
    """Read-only: roles are granted in the workbench or with grant_role, which audit."""

    list_display = ("user", "role", "union", "department", "granted_at", "revoked_at")
    list_filter = ("role",)
    search_fields = ("user__username", "union__code", "union__name")
