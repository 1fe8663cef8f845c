from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "kliento.surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from kliento.surveys import access  # noqa: F401  (registers whose records a role reaches)
