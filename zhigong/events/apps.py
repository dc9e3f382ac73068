from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "zhigong.events"
    verbose_name = "活动"

    def ready(self) -> None:
        # djhuey autodiscovers ``<app>.tasks`` only; the periodic jobs live in their own module.
        from zhigong.events import periodic  # noqa: F401
