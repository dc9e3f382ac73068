from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "zhigong.appeals"
    verbose_name = "特殊困难求助"
