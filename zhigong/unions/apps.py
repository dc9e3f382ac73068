from django.apps import AppConfig


class UnionsConfig(AppConfig):
    name = "zhigong.unions"
    verbose_name = "工会组织"
