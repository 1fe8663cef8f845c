from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "kliento.webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        from kliento.ui.navigation import nav_item_register

        nav_item_register(
            group="setup", label=_("Webhooks"), url_name="webhooks:list",
            permissions=["webhooks.add_webhookendpoint"], current_app="webhooks", order=40)
