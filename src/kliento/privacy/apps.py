from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "kliento.privacy"
    verbose_name = _("Privacy and data protection")

    def ready(self) -> None:
        from kliento.ui.navigation import nav_item_register

        nav_item_register(group="setup", label=_("Company settings"),
                          url_name="settings:company",
                          permissions=["organisation.change_companysettings"],
                          current_app="settings", order=80)
