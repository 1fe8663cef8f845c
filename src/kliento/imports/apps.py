from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "kliento.imports"
    verbose_name = _("Imports")

    def ready(self) -> None:
        from kliento.ui.navigation import nav_item_register

        nav_item_register(
            group="setup", label=_("Imports"), url_name="imports:list",
            permissions=["imports.add_importrun"], current_app="imports", order=30)
