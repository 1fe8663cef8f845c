from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "kliento.analytics"
    verbose_name = _("Analytics")

    def ready(self) -> None:
        from kliento.ui.navigation import nav_item_register

        nav_item_register(
            group="measure", label=_("Dashboard"), url_name="analytics:dashboard",
            permissions=["access.view_dashboard"], current_app="analytics",
            current_when=lambda match: match.url_name == "dashboard", order=10)
        nav_item_register(
            group="measure", label=_("Explore"), url_name="analytics:explore",
            permissions=["access.explore_measures"], current_app="analytics",
            current_when=lambda match: match.url_name == "explore", order=20)
        nav_item_register(
            group="measure", label=_("Monthly reports"), url_name="analytics:monthly-reports",
            permissions=["access.explore_measures"], current_app="analytics",
            current_when=lambda match: match.url_name == "monthly-reports", order=30)

        from kliento.analytics.rollups import rollups_forget
        from kliento.database.history import past_changed

        # Stored rollups of changed weeks are forgotten, so they are computed live again.
        past_changed.connect(lambda sender, since, **kwargs: rollups_forget(since=since),
                             weak=False, dispatch_uid="analytics.rollups_forget")
