from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from zhigong.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
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
