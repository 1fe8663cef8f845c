from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromisesConfig(AppConfig):
    name = "kliento.promises"
    verbose_name = _("Promises")

    def ready(self) -> None:
        from kliento.ui.navigation import nav_item_register

        nav_item_register(
            group="customers", label=_("Promises"), url_name="promises:list",
            permissions=["promises.view_promise"], current_app="promises", order=30)

        from kliento.promises import access  # noqa: F401  (registers whose records a role reaches)
