from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecoveryConfig(AppConfig):
    name = "kliento.recovery"
    verbose_name = _("Recovery")

    def ready(self) -> None:
        from kliento.ui.navigation import nav_item_register

        nav_item_register(
            group="customers", label=_("Recovery"), url_name="recovery:list",
            permissions=["recovery.view_recoverycase"], current_app="recovery", order=40)

        from kliento.recovery import access  # noqa: F401  (registers whose records a role reaches)
