from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "zhigong.notifications"
    verbose_name = "通知"
