from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "zhigong.matchmaking"
    verbose_name = _("婚恋服务")
    default_auto_field = "django.db.models.BigAutoField"
