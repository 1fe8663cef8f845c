from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "kliento.alerts"
    verbose_name = _("Alerts")

    def ready(self) -> None:
        from kliento.ui.navigation import nav_item_register

        nav_item_register(group="measure", label=_("Alerts"), url_name="alerts:list",
                          permissions=["access.explore_measures"], current_app="alerts",
                          order=40)
