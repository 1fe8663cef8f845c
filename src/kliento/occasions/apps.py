from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OccasionsConfig(AppConfig):
    name = "kliento.occasions"
    verbose_name = _("Occasions")

    def ready(self) -> None:
        from kliento.ui.navigation import nav_item_register

        nav_item_register(
            group="customers", label=_("Occasions"), url_name="occasions:list",
            permissions=["occasions.view_nameday"], current_app="occasions", order=70)
