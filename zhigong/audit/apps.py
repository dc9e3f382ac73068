from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "zhigong.audit"
    verbose_name = "审计"
