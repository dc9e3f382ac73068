from django.apps import AppConfig


class HardshipConfig(AppConfig):
    name = "zhigong.hardship"
    verbose_name = "困难职工帮扶"

    def ready(self) -> None:
        # djhuey autodiscovers ``<app>.tasks`` only; the periodic jobs live in their own module.
        from zhigong.hardship import periodic  # noqa: F401
        from zhigong.hardship.services.pairing import end_pairs_of_volunteer
        from zhigong.volunteers import hooks

        # A volunteer who leaves ends their pairs here (volunteers does not import hardship).
        hooks.on_leave(end_pairs_of_volunteer)
