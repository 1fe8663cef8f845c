from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecoveryConfig(AppConfig):
    name = "kliento.recovery"
    verbose_name = _("Recovery")

    def ready(self) -> None:
        from kliento.recovery import access  # noqa: F401  (registers whose records a role reaches)
