from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "zhigong.members"
    verbose_name = "会员"
