from django.apps import AppConfig


class VolunteersConfig(AppConfig):
    name = "zhigong.volunteers"
    verbose_name = "服务帮扶志愿者"

    def ready(self) -> None:
        # What the volunteers give the surveys engine: a project's participants as a target.
        from zhigong.volunteers import survey_target  # noqa: F401
