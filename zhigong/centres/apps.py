from django.apps import AppConfig


class CentresConfig(AppConfig):
    name = "zhigong.centres"
    verbose_name = "职工服务中心（站）"
