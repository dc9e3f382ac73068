from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "zhigong.core"
    verbose_name = "核心"
