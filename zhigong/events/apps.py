from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "zhigong.events"
    verbose_name = "活动"
