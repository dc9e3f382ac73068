from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "zhigong.matchmaking"
    verbose_name = _("婚恋服务")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # djhuey autodiscovers ``<app>.tasks`` only; the periodic jobs live in their own module.
        # The pool is an audience of events (mixers for single members only).
        from zhigong.events.audiences import register
        from zhigong.matchmaking import periodic  # noqa: F401
        from zhigong.matchmaking.audience import POOL

        register(POOL)
