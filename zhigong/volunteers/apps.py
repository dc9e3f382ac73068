from django.apps import AppConfig


class VolunteersConfig(AppConfig):
    name = "zhigong.volunteers"
    verbose_name = "服务帮扶志愿者"
