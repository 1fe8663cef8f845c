from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromisesConfig(AppConfig):
    name = "kliento.promises"
    verbose_name = _("Promises")

    def ready(self) -> None:
        from kliento.promises import access  # noqa: F401  (registers whose records a role reaches)
