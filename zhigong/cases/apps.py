from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "zhigong.cases"
    verbose_name = "维权与法律咨询"

    def ready(self) -> None:
        # djhuey autodiscovers ``<app>.tasks`` only; the periodic jobs live in their own module.
        # What the cases give the surveys engine: the requesters as a survey's target.
        from zhigong.cases import (
            periodic,  # noqa: F401
            survey_target,  # noqa: F401
        )
