from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkforceConfig(AppConfig):
    name = "kliento.workforce"
    verbose_name = _("Workforce")

    def ready(self) -> None:
        from kliento.ui.navigation import nav_item_register

        nav_item_register(
            group="people", label=_("Staffing"), url_name="workforce:plan",
            permissions=["workforce.plan_staffing"], current_app="workforce", order=30)
