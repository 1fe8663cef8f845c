from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractionsConfig(AppConfig):
    name = "kliento.interactions"
    verbose_name = _("Interactions")

    def ready(self) -> None:
        from kliento.interactions import access  # noqa: F401  (registers whose records a role reaches)
