from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "zhigong.members"
    verbose_name = "会员"

    def ready(self) -> None:
        # djhuey autodiscovers ``<app>.tasks`` only; the periodic jobs live in their own module.
        from zhigong.members import periodic  # noqa: F401
