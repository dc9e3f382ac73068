from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "zhigong.core"
    verbose_name = "核心"

    def ready(self) -> None:
        # djhuey autodiscovers ``<app>.tasks`` only; the periodic jobs live in their own module.
        from zhigong.core import periodic  # noqa: F401
