from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "zhigong.demo"
    verbose_name = "演示数据"
