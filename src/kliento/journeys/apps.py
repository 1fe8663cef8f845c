from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JourneysConfig(AppConfig):
    name = "kliento.journeys"
    verbose_name = _("Journeys")

    def ready(self) -> None:
        from kliento.ui.navigation import nav_item_register

        nav_item_register(
            group="customers", label=_("Customers"), url_name="journeys:customers",
            permissions=["customers.view_customer"], current_app="journeys",
            current_when=lambda match: match.url_name in ("customers", "profile"), order=5)
        nav_item_register(
            group="customers", label=_("Lifecycle"), url_name="journeys:segments",
            permissions=["journeys.view_journeys"], current_app="journeys",
            current_when=lambda match: match.url_name in ("segments", "rules"), order=40)
        nav_item_register(
            group="measure", label=_("Journey"), url_name="journeys:map",
            permissions=["journeys.view_journeys"], current_app="journeys",
            current_when=lambda match: match.url_name in ("map", "engagement", "drift",
                                                          "churn"), order=40)

        from kliento.journeys import access  # noqa: F401  (registers whose records a role reaches)
