from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "zhigong.surveys"
    verbose_name = "满意度测评"

    def ready(self) -> None:
        # The visitors of a service centre (``unions.ServiceCentre``): a target kind of the
        # unions app's model, registered here because the unions app is below this one.
        from zhigong.surveys import centre_visitors  # noqa: F401
