from django.contrib import admin

from zhigong.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin[Notification]):
    list_display = ["user", "title", "created_at", "read_at"]
    search_fields = ["title"]
    raw_id_fields = ["user"]
